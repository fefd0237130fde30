package uk.nhs.mhe.indicator.query;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unit tests of {@link CsvWriter}; no infrastructure. */
class CsvWriterTest {

    @Test
    void writesAHeaderThenOneLinePerRowWithNullsAsEmptyCells() {
        String csv = CsvWriter.write(new CsvTable("x.csv", List.of("group", "label", "numerator", "value", "suppressed"),
                List.of(Arrays.asList("A", "White, British", 12L, 1.5, false),
                        Arrays.asList("B", "Say \"hi\"", null, null, true))));
        assertEquals("group,label,numerator,value,suppressed\r\n"
                + "A,\"White, British\",12,1.5,false\r\n"
                + "B,\"Say \"\"hi\"\"\",,,true\r\n", csv);
    }

    @Test
    void aRowMustFitTheHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> new CsvTable("x.csv", List.of("a", "b"), List.of(Arrays.asList("only one"))));
    }
}
