package uk.nhs.mhe.library.search;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

/** CSV and Atom renderings of search results. Pure. */
public final class Exports {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final List<String> CSV_COLUMNS = List.of("id", "title", "organisation", "status", "region", "populationGroups",
            "serviceArea", "interventionType", "stage", "evidenceLevel", "relatedIndicators", "publishedAt", "views",
            "summary");

    private Exports() {
    }

    public static String csv(List<SearchResult.Item> items) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (SearchResult.Item i : items) {
            List<String> row = List.of(i.id().toString(), i.title(), i.organisation(), i.status(), i.region(),
                    String.join(";", i.populationGroups()), i.serviceArea(), i.interventionType(), i.stage(),
                    i.evidenceLevel(), String.join(";", i.relatedIndicators()),
                    i.publishedAt() == null ? "" : i.publishedAt().toString(), String.valueOf(i.views()), i.summary());
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    b.append(',');
                }
                b.append(cell(row.get(c)));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    /**
     * One CSV cell, quoted when needed; a cell that a spreadsheet would read as a formula
     * ({@code = + - @}, tab, carriage return) is prefixed with an apostrophe (CSV injection).
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    public static String atom(List<SearchResult.Item> items, String baseUrl, String selfUrl) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            element(x, "id", "urn:uk:nhs:mhe:library:published");
            element(x, "title", "Mental health equalities: library of positive practice");
            Instant updated = items.stream().map(SearchResult.Item::publishedAt).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(Instant.EPOCH);
            element(x, "updated", updated.toString());
            x.writeEmptyElement("link");
            x.writeAttribute("rel", "self");
            x.writeAttribute("href", selfUrl);
            x.writeStartElement("author");
            element(x, "name", "NHS England mental health equalities");
            x.writeEndElement();
            for (SearchResult.Item i : items) {
                x.writeStartElement("entry");
                element(x, "id", "urn:uuid:" + i.id());
                element(x, "title", i.title());
                element(x, "published", String.valueOf(i.publishedAt()));
                element(x, "updated", String.valueOf(i.publishedAt()));
                x.writeEmptyElement("link");
                x.writeAttribute("rel", "alternate");
                x.writeAttribute("type", "application/json");
                x.writeAttribute("href", baseUrl + "/api/v1/case-studies/" + i.id());
                x.writeStartElement("author");
                element(x, "name", i.organisation());
                x.writeEndElement();
                x.writeStartElement("summary");
                x.writeAttribute("type", "text");
                x.writeCharacters(i.summary());
                x.writeEndElement();
                category(x, "region", i.region());
                category(x, "serviceArea", i.serviceArea());
                category(x, "evidenceLevel", i.evidenceLevel());
                category(x, "stage", i.stage());
                for (String g : i.populationGroups()) {
                    category(x, "populationGroups", g);
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void category(XMLStreamWriter x, String scheme, String term) throws XMLStreamException {
        x.writeEmptyElement("category");
        x.writeAttribute("scheme", "urn:uk:nhs:mhe:library:" + scheme);
        x.writeAttribute("term", term);
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text == null ? "" : text);
        x.writeEndElement();
    }
}
