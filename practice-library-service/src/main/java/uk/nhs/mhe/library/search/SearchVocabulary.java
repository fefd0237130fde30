package uk.nhs.mhe.library.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field's words for one thing, so that a search for any of them finds studies written with
 * another: "detention", "detained", "sectioned" and "section 136"; "IAPT" and "talking
 * therapies"; "BAME" and "ethnic minority". English stemming alone joins only forms of one word
 * ("detention" and "detentions", not "detained").
 * <p>Written here because PostgreSQL's synonym and thesaurus dictionaries read files from the
 * server's share directory, which a managed database (CloudNativePG, a cloud service) does not
 * let the application install; expanding the reader's words in {@code websearch_to_tsquery}'s own
 * syntax needs nothing on the server. A word is expanded to {@code word or other or "two words"}:
 * {@code or} binds tighter than the words around it, so {@code crisis detention} becomes crisis
 * and (detention or detained or ...). Words inside quotes (an exact phrase) and words after a
 * minus (excluded) are left as they are.
 */
final class SearchVocabulary {

    /** Groups of words and phrases that mean the same thing to a reader of the library. */
    private static final List<List<String>> GROUPS = List.of(
            List.of("detention", "detentions", "detained", "sectioned", "section 136", "section 135", "section 2",
                    "section 3", "place of safety"),
            List.of("talking therapies", "iapt", "psychological therapies"),
            List.of("community treatment order", "community treatment orders", "cto", "ctos"),
            List.of("restraint", "restrictive intervention", "restrictive interventions", "restrictive practice",
                    "restrictive practices", "seclusion"),
            List.of("bame", "ethnic minority", "minority ethnic", "ethnic minorities", "global majority"),
            List.of("crisis cafe", "crisis café", "safe haven", "crisis sanctuary"));

    private static final Map<String, List<String>> GROUP_OF = new LinkedHashMap<>();
    /** Any term as a whole word or phrase, not after a minus or inside a word; longest first. */
    private static final Pattern TERMS;

    static {
        List<String> terms = new ArrayList<>();
        for (List<String> group : GROUPS) {
            for (String term : group) {
                GROUP_OF.put(term, group);
                terms.add(term);
            }
        }
        terms.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String term : terms) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(term).replace(" ", "\\E\\s+\\Q"));
        }
        TERMS = Pattern.compile("(?<![-\\p{L}\\p{N}])(" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private SearchVocabulary() {
    }

    /** The reader's search text with each known term widened to its group. */
    static String expand(String q) {
        if (q == null || q.isBlank()) {
            return q;
        }
        StringBuilder out = new StringBuilder();
        // Quoted phrases are kept exactly; only the text between them is expanded.
        Matcher quoted = Pattern.compile("\"[^\"]*\"?").matcher(q);
        int at = 0;
        while (quoted.find()) {
            out.append(expandWords(q.substring(at, quoted.start()))).append(quoted.group());
            at = quoted.end();
        }
        return out.append(expandWords(q.substring(at))).toString();
    }

    private static String expandWords(String text) {
        Matcher m = TERMS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            List<String> group = GROUP_OF.get(found);
            StringBuilder widened = new StringBuilder(phrase(found));
            for (String other : group) {
                if (!other.equals(found)) {
                    widened.append(" or ").append(phrase(other));
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(widened.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String phrase(String term) {
        return term.contains(" ") ? "\"" + term + "\"" : term;
    }
}
