package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffTest {

    private static JsonNode tree(Object o) {
        return Diff.tree(o);
    }

    @Test
    void listsOnlyTheFieldsThatChanged() {
        List<Diff.Change> changes = Diff.between(tree(Map.of("title", "A", "region", "Y56")),
                tree(Map.of("title", "B", "region", "Y56")));
        assertEquals(1, changes.size());
        assertEquals("title", changes.get(0).field());
        assertEquals("A", changes.get(0).before().asText());
        assertEquals("B", changes.get(0).after().asText());
    }

    @Test
    void saysWhatWasAddedToAndRemovedFromLists() {
        Diff.Change c = Diff.between(tree(Map.of("tags", List.of("a", "b"))), tree(Map.of("tags", List.of("b", "c")))).get(0);
        assertEquals(List.of("c"), c.added());
        assertEquals(List.of("a"), c.removed());
    }

    @Test
    void treatsAnEmptyListAndAMissingFieldAlike() {
        assertTrue(Diff.between(tree(Map.of("tags", List.of())), tree(Map.of())).isEmpty());
    }

    @Test
    void theFirstRevisionDiffsFromNothing() {
        List<Diff.Change> changes = Diff.between(null, tree(Map.of("title", "A")));
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).before().isNull());
    }
}
