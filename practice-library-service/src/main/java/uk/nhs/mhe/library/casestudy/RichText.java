package uk.nhs.mhe.library.casestudy;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The body of a case study, Markdown or HTML, made safe on write: rendered from Markdown with
 * commonmark (HTML passes through it), then sanitised with the OWASP Java HTML Sanitizer to a
 * small allow-list (formatting, blocks, tables, links with http(s)/mailto only, images over https
 * only). What is stored and served is the sanitised HTML. Pure: no framework imports.
 */
public final class RichText {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a").allowUrlProtocols("https", "http", "mailto")
                    .allowAttributes("href").onElements("a")
                    .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("img").allowUrlProtocols("https")
                    .allowAttributes("src", "alt").onElements("img")
                    .toFactory())
            .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br").toFactory());

    private RichText() {
    }

    /** Markdown or HTML in, sanitised HTML out. */
    public static String sanitise(String markdownOrHtml) {
        if (markdownOrHtml == null) {
            return null;
        }
        String html = HTML.render(MARKDOWN.parse(markdownOrHtml));
        return POLICY.sanitize(html).trim();
    }

    /** The text of sanitised HTML, for full-text search and snippets. */
    public static String text(String sanitisedHtml) {
        if (sanitisedHtml == null) {
            return "";
        }
        String text = sanitisedHtml.replaceAll("<[^>]*>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#34;", "\"").replace("&#39;", "'").replace("&#64;", "@").replace("&#61;", "=")
                .replace("&#43;", "+").replace("&#96;", "`").replace("&nbsp;", " ").replace("&amp;", "&");
        return plain(text);
    }

    /** Collapses white space and drops the two characters search snippets use as highlight markers. */
    public static String plain(String text) {
        return text.replace("\u27E6", "").replace("\u27E7", "").replaceAll("\\s+", " ").trim();
    }

    /** Escapes plain text for HTML. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
