package uk.nhs.mhe.ingest.dataset;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A named list of permitted codes, with the data-quality meaning of its special values (NHS
 * DQMI): {@code other} codes are valid but uninformative (e.g. ethnic category Z, "not stated"),
 * {@code defaults} record that nothing is known (e.g. 99, "not known").
 */
public record CodeList(String name, Set<String> codes, Set<String> other, Set<String> defaults) {

    public CodeList {
        codes = Set.copyOf(new LinkedHashSet<>(codes));
        other = Set.copyOf(other);
        defaults = Set.copyOf(defaults);
    }

    public boolean contains(String code) {
        return codes.contains(code);
    }
}
