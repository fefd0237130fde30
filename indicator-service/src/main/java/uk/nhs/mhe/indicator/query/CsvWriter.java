package uk.nhs.mhe.indicator.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link CsvTable} as RFC 4180 CSV: a header row, then one line per row; null is an
 * empty cell (as in the ingest CSVs), so "suppressed" never reads as 0.
 */
public final class CsvWriter {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvWriter() {
    }

    public static String write(CsvTable table) {
        CsvSchema.Builder schema = CsvSchema.builder();
        table.header().forEach(schema::addColumn);
        List<List<Object>> rows = new ArrayList<>(table.rows());
        try {
            return MAPPER.writer(schema.build().withHeader().withLineSeparator("\r\n")).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
