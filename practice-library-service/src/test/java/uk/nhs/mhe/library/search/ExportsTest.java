package uk.nhs.mhe.library.search;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportsTest {

    @Test
    void neutralisesSpreadsheetFormulasInCsvCells() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", Exports.cell("=HYPERLINK(\"http://evil\")"));
        assertEquals("'+1", Exports.cell("+1"));
        assertEquals("'-1", Exports.cell("-1"));
        assertEquals("'@SUM(A1)", Exports.cell("@SUM(A1)"));
        assertEquals("\"'=1,2\"", Exports.cell("=1,2"));
        assertEquals("\"say \"\"hi\"\"\"", Exports.cell("say \"hi\""));
        assertEquals("plain", Exports.cell("plain"));
    }

    @Test
    void writesAnAtomFeedWithEscapedText() {
        SearchResult.Item i = new SearchResult.Item(UUID.randomUUID(), "A <b> & C", "s", "RV5", "PUBLISHED", "Y56",
                List.of("black"), "crisis", "peer-support", "deliver", "anecdotal", List.of(),
                Instant.parse("2025-01-01T00:00:00Z"), null, 0, null, null);
        String atom = Exports.atom(List.of(i), "http://x", "http://x/feeds/published.atom");
        assertTrue(atom.contains("<title>A &lt;b&gt; &amp; C</title>"), atom);
        assertTrue(atom.contains("<updated>2025-01-01T00:00:00Z</updated>"), atom);
        assertTrue(atom.contains("term=\"black\""), atom);
    }
}
