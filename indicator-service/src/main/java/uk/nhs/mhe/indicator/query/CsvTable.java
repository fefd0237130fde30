package uk.nhs.mhe.indicator.query;

import java.util.List;

/**
 * An answer as a table for {@code Accept: text/csv}: one header of column names and one row per
 * data row or point, nested objects flattened into columns.
 *
 * @param filename suggested file name (Content-Disposition)
 */
public record CsvTable(String filename, List<String> header, List<List<Object>> rows) {

    public CsvTable {
        for (List<Object> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size() + " columns");
            }
        }
    }
}
