package uk.nhs.mhe.indicator.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PHEindicatormethods' test vectors (src/test/resources/pheindicatormethods, see its
 * README): comma-separated, a header line, fields optionally in double quotes, a UTF-8 byte-order
 * mark on some files, {@code NA} for a missing value.
 */
final class PheVectors {

    private PheVectors() {
    }

    /** The rows of {@code file}, each a map from header name to field text. */
    static List<Map<String, String>> read(String file) {
        String text;
        try (InputStream in = PheVectors.class.getResourceAsStream("/pheindicatormethods/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = fields(line);
            if (fields.size() != header.size()) {
                throw new IllegalStateException(file + ": " + fields.size() + " fields in " + line);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static double number(Map<String, String> row, String column) {
        String field = row.get(column);
        if (field == null) {
            throw new IllegalArgumentException("no column " + column + " in " + row.keySet());
        }
        return Double.parseDouble(field);
    }

    static long count(Map<String, String> row, String column) {
        return Math.round(number(row, column));
    }

    static boolean missing(Map<String, String> row, String column) {
        return "NA".equals(row.get(column));
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
