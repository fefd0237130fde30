package uk.nhs.mhe.indicator.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.reference.ReferenceData;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a population upload (api.md): header
 * {@code areaCode,ethnicCategory,ageBand,sex[,imdDecile],population}, one row per ICB stratum.
 * All rows are checked before any is used; the upload is taken whole or not at all.
 */
public final class PopulationCsv {

    static final List<String> HEADER = List.of("areaCode", "ethnicCategory", "ageBand", "sex", "population");
    static final List<String> HEADER_WITH_IMD = List.of("areaCode", "ethnicCategory", "ageBand", "sex", "imdDecile",
            "population");
    private static final int MAX_ERRORS = 1000;

    /** The rows, or the findings when any row is wrong. */
    public record Result(List<PopulationRow> rows, List<FieldError> errors) {
    }

    private final ReferenceData ref;

    public PopulationCsv(ReferenceData ref) {
        this.ref = ref;
    }

    public Result read(Reader in) throws IOException {
        List<PopulationRow> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(in)) {
            if (!it.hasNext()) {
                errors.add(new FieldError(null, null, "EMPTY", "The upload is empty; expected a header row "
                        + String.join(",", HEADER)));
                return new Result(List.of(), errors);
            }
            String[] header = it.next();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            boolean withImd;
            if (List.of(header).equals(HEADER)) {
                withImd = false;
            } else if (List.of(header).equals(HEADER_WITH_IMD)) {
                withImd = true;
            } else {
                errors.add(new FieldError(null, null, "BAD_HEADER", "The header must be " + String.join(",", HEADER)
                        + " or " + String.join(",", HEADER_WITH_IMD) + "; got " + String.join(",", header)));
                return new Result(List.of(), errors);
            }
            Set<String> seen = new HashSet<>();
            long row = 0;
            while (it.hasNext()) {
                String[] cells = it.next();
                row++;
                if (cells.length == 1 && cells[0].isEmpty()) {
                    row--;
                    continue; // a blank line, e.g. at the end
                }
                PopulationRow parsed = parse(row, cells, withImd, errors);
                if (parsed != null) {
                    String key = parsed.areaCode() + "|" + parsed.ethnicCategory() + "|" + parsed.ageBand() + "|"
                            + parsed.sex() + "|" + parsed.imdDecile();
                    if (!seen.add(key)) {
                        errors.add(new FieldError(row, null, "DUPLICATE", "This stratum appears more than once"));
                    } else {
                        rows.add(parsed);
                    }
                }
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
            }
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError(null, null, "EMPTY", "The upload has a header but no rows"));
        }
        return new Result(errors.isEmpty() ? rows : List.of(), errors);
    }

    private PopulationRow parse(long row, String[] cells, boolean withImd, List<FieldError> errors) {
        int expected = withImd ? 6 : 5;
        if (cells.length != expected) {
            errors.add(new FieldError(row, null, "COLUMN_COUNT", "Expected " + expected + " cells, got " + cells.length));
            return null;
        }
        int before = errors.size();
        String area = cells[0];
        if (!ref.icbs().containsKey(area)) {
            errors.add(new FieldError(row, "areaCode", "NOT_IN_CODE_LIST", "'" + area + "' is not an ICB ODS code"));
        }
        String ethnic = cells[1];
        if (!ref.ethnicCategories().containsKey(ethnic) || !ref.ethnicCategories().get(ethnic).isStated()) {
            errors.add(new FieldError(row, "ethnicCategory", "NOT_IN_CODE_LIST",
                    "'" + ethnic + "' is not an ethnic category A–S"));
        }
        String band = cells[2];
        if (!AgeBands.ALL.contains(band)) {
            errors.add(new FieldError(row, "ageBand", "NOT_IN_CODE_LIST", "'" + band + "' is not one of " + AgeBands.ALL));
        }
        Integer sex = integer(row, "sex", cells[3], 1, 2, errors);
        Integer decile = withImd ? integer(row, "imdDecile", cells[4], 1, 10, errors) : null;
        Long population = null;
        String pop = cells[expected - 1];
        try {
            population = Long.parseLong(pop);
            if (population < 0) {
                errors.add(new FieldError(row, "population", "OUT_OF_RANGE", "population must be >= 0, got " + pop));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError(row, "population", "WRONG_TYPE", "population must be a whole number, got '" + pop + "'"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new PopulationRow(area, ethnic, band, sex, decile, population);
    }

    private static Integer integer(long row, String field, String text, int min, int max, List<FieldError> errors) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                errors.add(new FieldError(row, field, "OUT_OF_RANGE", field + " must be " + min + "–" + max + ", got " + text));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(row, field, "WRONG_TYPE", field + " must be a whole number, got '" + text + "'"));
            return null;
        }
    }
}
