package uk.nhs.mhe.ingest.validation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniqueValuesTest {

    @Test
    void findsEveryDuplicateAndNoFalseOneAcrossGrowth() {
        try (UniqueValues values = new UniqueValues()) {
            for (int i = 0; i < 200_000; i++) {
                assertTrue(values.add("P" + i));
            }
            for (int i = 0; i < 200_000; i += 997) {
                assertFalse(values.add("P" + i), "P" + i + " is a duplicate");
            }
            assertTrue(values.add("P200000"));
            assertEquals(200_001, values.size());
        }
    }

    @Test
    void resolvesHashCollisionsExactly() {
        // Every value gets the same 64-bit hash: only the byte comparison can tell them apart.
        try (UniqueValues values = new UniqueValues(16, bytes -> 42L)) {
            for (int i = 0; i < 2_000; i++) {
                assertTrue(values.add("id-" + i), "id-" + i + " is new despite colliding");
            }
            assertFalse(values.add("id-1234"));
            assertFalse(values.add("id-0"));
            assertTrue(values.add("id-0x"));
            assertTrue(values.add("é"));
            assertFalse(values.add("é"));
        }
    }

    @Test
    void heapStaysAFewBytesPerValue() {
        try (UniqueValues values = new UniqueValues()) {
            for (int i = 0; i < 1_000_000; i++) {
                values.add("person-with-a-long-pseudonymous-identifier-" + i);
            }
            // 12 bytes per slot, under three slots per value: far below a HashSet<String>'s ~100 bytes.
            assertTrue(values.tableBytes() <= 32L * 1_000_000, "table " + values.tableBytes());
        }
    }
}
