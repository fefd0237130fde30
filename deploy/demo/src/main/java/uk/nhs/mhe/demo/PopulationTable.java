package uk.nhs.mhe.demo;

import java.util.List;

/**
 * A population table for one year: ICB × ethnic category (A–S) × age band × sex, as the
 * indicator service's {@code PUT /api/v1/reference/population} takes it. Held as a flat array so the
 * submission generator can draw people from it cheaply.
 */
public final class PopulationTable {

    static final String CSV_HEADER = "areaCode,ethnicCategory,ageBand,sex,population";
    static final int SEXES = 2;

    private final int year;
    private final List<String> icbs;
    private final List<String> codes;
    private final long[] counts;

    PopulationTable(int year, List<String> icbs, List<String> codes, long[] counts) {
        if (counts.length != icbs.size() * codes.size() * AgeBands.ALL.size() * SEXES) {
            throw new IllegalArgumentException("counts do not fit the table");
        }
        this.year = year;
        this.icbs = List.copyOf(icbs);
        this.codes = List.copyOf(codes);
        this.counts = counts.clone();
    }

    public int year() {
        return year;
    }

    /** ICB ODS codes, in reference order. */
    public List<String> icbs() {
        return icbs;
    }

    /** Stated NHS ethnic category codes, A–S. */
    public List<String> codes() {
        return codes;
    }

    /** {@code sex} is 1 or 2. */
    public long count(int icb, int code, int band, int sex) {
        return counts[index(icb, code, band, sex)];
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** Rows in the table: every ICB, code, band and sex, zeros included. */
    public int rows() {
        return counts.length;
    }

    /** The CSV of api.md, header {@value #CSV_HEADER}, one row per cell. */
    public String toCsv() {
        StringBuilder out = new StringBuilder(rows() * 24 + 64).append(CSV_HEADER).append('\n');
        for (int i = 0; i < icbs.size(); i++) {
            for (int c = 0; c < codes.size(); c++) {
                for (int b = 0; b < AgeBands.ALL.size(); b++) {
                    for (int s = 1; s <= SEXES; s++) {
                        out.append(icbs.get(i)).append(',').append(codes.get(c)).append(',')
                                .append(AgeBands.ALL.get(b).label()).append(',').append(s).append(',')
                                .append(count(i, c, b, s)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    int index(int icb, int code, int band, int sex) {
        return ((icb * codes.size() + code) * AgeBands.ALL.size() + band) * SEXES + (sex - 1);
    }
}
