package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Field-level difference between two revisions' content: one change per field whose value
 * differs, with the value before and after; for lists of strings also what was added and
 * removed. Pure.
 */
public final class Diff {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private Diff() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String field, JsonNode before, JsonNode after, List<String> added, List<String> removed) {
    }

    /** Changes from {@code before} (null for the first revision) to {@code after}. */
    public static List<Change> between(JsonNode before, JsonNode after) {
        Set<String> fields = new LinkedHashSet<>();
        names(after, fields);
        names(before, fields);
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode a = value(before, field);
            JsonNode b = value(after, field);
            if (a.equals(b)) {
                continue;
            }
            if ((a.isArray() || a.isNull()) && (b.isArray() || b.isNull()) && textual(a) && textual(b)) {
                List<String> was = texts(a);
                List<String> now = texts(b);
                List<String> added = new ArrayList<>(now);
                added.removeAll(was);
                List<String> removed = new ArrayList<>(was);
                removed.removeAll(now);
                changes.add(new Change(field, a, b, added, removed));
            } else {
                changes.add(new Change(field, a, b, null, null));
            }
        }
        return changes;
    }

    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static void names(JsonNode node, Set<String> into) {
        if (node != null && node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                into.add(it.next());
            }
        }
    }

    private static JsonNode value(JsonNode node, String field) {
        if (node == null || !node.has(field)) {
            return NullNode.getInstance();
        }
        JsonNode v = node.get(field);
        return v.isArray() && v.isEmpty() ? NullNode.getInstance() : v;
    }

    private static boolean textual(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
