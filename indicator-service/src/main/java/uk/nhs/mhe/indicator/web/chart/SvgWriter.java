package uk.nhs.mhe.indicator.web.chart;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Writes SVG markup. Every attribute value and every text node goes through {@link #escape}, so
 * a group label or an area name can never break out of the markup (labels come from reference
 * data and, for providers, from the data itself).
 */
final class SvgWriter {

    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens an element; {@code attributes} are name, value pairs (a null value is left out). */
    SvgWriter start(String name, Object... attributes) {
        tag(name, attributes);
        out.append('>');
        open.push(name);
        return this;
    }

    /** An element without children. */
    SvgWriter empty(String name, Object... attributes) {
        tag(name, attributes);
        out.append("/>");
        return this;
    }

    /** An element holding only text. */
    SvgWriter text(String name, String text, Object... attributes) {
        tag(name, attributes);
        out.append('>').append(escape(text)).append("</").append(name).append('>');
        return this;
    }

    SvgWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed " + open);
        }
        return out.toString();
    }

    private void tag(String name, Object... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attribute(value))).append('"');
            }
        }
    }

    private static String attribute(Object value) {
        return value instanceof Double d ? coordinate(d) : String.valueOf(value);
    }

    /** A coordinate with one decimal: enough on screen, and stable in tests. */
    static String coordinate(double d) {
        String s = String.format(Locale.ROOT, "%.1f", d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** Escapes the five XML special characters. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
