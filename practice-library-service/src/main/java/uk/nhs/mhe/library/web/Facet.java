package uk.nhs.mhe.library.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One filter of the search page: a fieldset of checkboxes, each with the service's label and the
 * number of matching case studies (so the count is text, never colour alone). Pure.
 */
public record Facet(String name, String legend, List<Option> options) {

    public record Option(String id, String label, long count, boolean checked) {
        /** An id unique on the page, for the label's {@code for}. */
        public String inputId(String facet) {
            return facet + "-" + id;
        }
    }

    /**
     * Every vocabulary entry that has matches, plus any the user selected (even at zero, so it
     * can be unticked), in vocabulary order.
     */
    public static Facet of(String name, String legend, Map<String, String> vocabulary, Map<String, Long> counts,
            Collection<String> selected) {
        List<Option> options = new ArrayList<>();
        vocabulary.forEach((id, label) -> {
            long count = counts == null ? 0 : counts.getOrDefault(id, 0L);
            boolean checked = selected.contains(id);
            if (count > 0 || checked) {
                options.add(new Option(id, label, count, checked));
            }
        });
        return new Facet(name, legend, options);
    }

    public boolean hasSelection() {
        return options.stream().anyMatch(Option::checked);
    }
}
