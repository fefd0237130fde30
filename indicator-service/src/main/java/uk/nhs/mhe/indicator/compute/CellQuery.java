package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.catalogue.Indicator.Counting;
import uk.nhs.mhe.indicator.compute.Breakdown.Attribute;
import uk.nhs.mhe.indicator.compute.Cell.CellSet;
import uk.nhs.mhe.indicator.period.Period;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link Cell}s of indicators of one dataset that count the same way, kept per period in
 * {@code period_cell}. PostgreSQL aggregates them with {@code GROUPING SETS}, one set per
 * characteristic the indicators' breakdowns read, so no record is held in memory: from a period's
 * records ({@link #build}), or as the difference a replaced submission makes ({@link #change}).
 * Each unit counted carries a sign (+1 as the period will be, −1 as it was), so one aggregation
 * serves both.
 * <p>
 * People measures (indicators.md, "Counting rules") count each {@code personId} once over the
 * whole period: the person's characteristics are those of their latest month's record, then the
 * lowest provider code (then the lowest referral id, so the choice is always the same), and a
 * Y/N condition holds when any of their records in the period says Y.
 */
public final class CellQuery {

    /** The grouping columns, in the order GROUPING() reports them (bit 0 is the last). */
    private static final List<String> GROUPED = List.of("residence_icb", "provider", "ethnic_category", "gender",
            "imd_decile", "age_band", "sex", "sexual_orientation");

    private static final String AGE_BAND = "CASE WHEN age_years >= 90 THEN '90+' "
            + "WHEN age_years BETWEEN 15 AND 17 THEN '15-17' WHEN age_years BETWEEN 18 AND 19 THEN '18-19' "
            + "ELSE (age_years / 5 * 5)::text || '-' || (age_years / 5 * 5 + 4)::text END";

    private final RecordTable table;
    private final Counting counting;
    private final List<Indicator> indicators;
    /** The cell aggregation over a units subquery ({@code %s}), each unit weighted by its {@code sign}. */
    private final String aggregate;
    /** The same per {@code cell_period} of the units, which it reports first (differences of several periods). */
    private final String aggregateByPeriod;
    /** A period's cells from its records (a plain query, so PostgreSQL may run it in parallel). */
    private final String scratchSql;
    /** Adds a submission's replacement of another to the cells of the periods given. */
    private final String changeSql;
    private final Map<Integer, SetKey> setsByMask = new HashMap<>();

    private record SetKey(CellSet set, boolean byProvider) {
    }

    public CellQuery(RecordTable table, Counting counting, List<Indicator> indicators, Map<String, Breakdown> breakdowns) {
        this.table = table;
        this.counting = counting;
        this.indicators = List.copyOf(indicators);
        CountRules rules = table.rules();
        Set<Attribute> attributes = EnumSet.noneOf(Attribute.class);
        boolean providerAreas = false;
        for (Indicator i : indicators) {
            i.breakdowns().forEach(b -> attributes.add(breakdowns.get(b).attribute()));
            providerAreas |= i.areaTypes().contains("PROVIDER") || i.areaBasis() == Indicator.AreaBasis.SUBMITTING_PROVIDER;
        }
        Map<String, SetKey> sets = new LinkedHashMap<>();
        for (boolean byProvider : providerAreas ? new boolean[] {false, true} : new boolean[] {false}) {
            String area = byProvider ? "provider" : "residence_icb";
            // Age band × sex strata are for rates by residence (population strata, DSRs);
            // provider areas carry proportions only, so their cells need not be split by them.
            String strata = byProvider ? "" : ", age_band, sex";
            sets.put(area + ", ethnic_category" + strata, new SetKey(CellSet.ETHNICITY, byProvider));
            if (attributes.contains(Attribute.GENDER) || attributes.contains(Attribute.AGE_BAND)) {
                sets.put(area + ", gender, age_band", new SetKey(CellSet.GENDER, byProvider));
            }
            if (attributes.contains(Attribute.IMD_DECILE)) {
                sets.put(area + ", imd_decile" + strata, new SetKey(CellSet.IMD, byProvider));
            }
            if (attributes.contains(Attribute.SEXUAL_ORIENTATION) && table.hasSexualOrientation()) {
                sets.put(area + ", sexual_orientation", new SetKey(CellSet.SEXUAL_ORIENTATION, byProvider));
            }
            if (!byProvider && attributes.contains(Attribute.PROVIDER)) {
                sets.put(area + ", provider", new SetKey(CellSet.PROVIDER, false));
            }
        }
        // GROUPING() takes only columns that some set groups by.
        List<String> grouped = GROUPED.stream()
                .filter(column -> sets.keySet().stream().anyMatch(set -> List.of(set.split(", ")).contains(column)))
                .toList();
        for (Map.Entry<String, SetKey> set : sets.entrySet()) {
            List<String> columns = List.of(set.getKey().split(", "));
            int mask = 0;
            for (int i = 0; i < grouped.size(); i++) {
                if (!columns.contains(grouped.get(i))) {
                    mask |= 1 << (grouped.size() - 1 - i);
                }
            }
            setsByMask.put(mask, set.getValue());
        }
        List<String> numerators = new ArrayList<>();
        List<String> denominators = new ArrayList<>();
        for (Indicator indicator : indicators) {
            numerators.add("sum(sign * (" + rules.sumExpression(indicator.numeratorRule()) + "))::bigint");
            denominators.add(indicator.denominatorRule().isPopulation() ? "0::bigint"
                    : "sum(sign * (" + rules.sumExpression(indicator.denominatorRule()) + "))::bigint");
        }
        String aggregated = "GROUPING(" + String.join(", ", grouped) + ") AS grouping_mask, "
                + String.join(", ", GROUPED.stream().map(col -> grouped.contains(col) ? col + "::text AS " + col
                        : "null::text AS " + col).toList())
                + ", ARRAY[" + String.join(", ", numerators) + "] AS numerators"
                + ", ARRAY[" + String.join(", ", denominators) + "] AS denominators"
                + " FROM (SELECT u.*, " + AGE_BAND + " AS age_band, CASE gender WHEN '1' THEN 1 WHEN '2' THEN 2 END AS sex"
                + " FROM (%s) u) u GROUP BY ";
        String groupingSets = "GROUPING SETS ((" + String.join("), (", sets.keySet()) + "))";
        this.aggregate = " SELECT " + aggregated + groupingSets;
        // GROUP BY cell_period, GROUPING SETS (...): each set within each period; GROUPING() as above.
        this.aggregateByPeriod = " SELECT cell_period, " + aggregated + "cell_period, " + groupingSets;
        String current = "SELECT r.* FROM current_submission s JOIN " + table.table()
                + " r ON r.submission_id = s.submission_id WHERE s.dataset = ? AND s.period = ANY (?)";
        this.scratchSql = "WITH " + units("units", current, 1) + aggregate.formatted("SELECT * FROM units");
        if (counting == Counting.PEOPLE) {
            // The people the change touches and their records in the current submissions of every
            // month of the periods (the replaced submission is still current here), read once;
            // then each period's units as they were and as they will be, from the months it has
            // (cell_month: which period each month belongs to, given as two arrays).
            this.changeSql = "WITH cell_month AS (SELECT * FROM unnest(?::text[], ?::text[]) AS m(cell_period, month)), "
                    + "touched AS (SELECT DISTINCT person_id FROM " + table.table()
                    + " WHERE submission_id = ?::uuid OR submission_id = ?::uuid), "
                    + "current_records AS MATERIALIZED (SELECT r.* FROM touched t JOIN " + table.table()
                    + " r ON r.person_id = t.person_id JOIN current_submission s ON s.submission_id = r.submission_id"
                    + " WHERE s.dataset = ? AND s.period IN (SELECT month FROM cell_month)), "
                    + units("after", "SELECT m.cell_period, r.* FROM (SELECT * FROM current_records"
                            + " WHERE submission_id IS DISTINCT FROM ?::uuid UNION ALL SELECT * FROM " + table.table()
                            + " WHERE submission_id = ?::uuid) r JOIN cell_month m ON m.month = r.period", 1, true) + ", "
                    + units("before", "SELECT m.cell_period, r.* FROM current_records r JOIN cell_month m"
                            + " ON m.month = r.period", -1, true)
                    + " INSERT INTO period_cell (dataset, counting, period, grouping_mask, " + String.join(", ", GROUPED)
                    + ", numerators, denominators) SELECT ?, ?, c.* FROM ("
                    + aggregateByPeriod.formatted("SELECT * FROM after UNION ALL SELECT * FROM before") + ") c"
                    + onConflictAdd();
        } else {
            // Episodes add up: the change is the new submission's records less the replaced one's,
            // the same for every period containing the month.
            this.changeSql = "WITH " + units("after", "SELECT * FROM " + table.table() + " WHERE submission_id = ?::uuid", 1)
                    + ", " + units("before", "SELECT * FROM " + table.table() + " WHERE submission_id = ?::uuid", -1)
                    + insert("SELECT * FROM after UNION ALL SELECT * FROM before");
        }
    }

    /**
     * The CTEs that end in {@code name}: the units counted (records for episodes; for people, one
     * canonical record per person with their Y/N conditions combined) with a {@code sign} column.
     */
    private String units(String name, String records, int sign) {
        return units(name, records, sign, false);
    }

    /**
     * As {@link #units(String, String, int)}; {@code perPeriod}: the records carry the
     * {@code cell_period} they count in (a difference over several periods), and people are
     * counted once in each period, which the units then carry too.
     */
    private String units(String name, String records, int sign, boolean perPeriod) {
        if (counting == Counting.PEOPLE) {
            String key = perPeriod ? "cell_period, person_id" : "person_id";
            List<String> flags = table.booleanColumns().stream().map(c -> "bool_or(" + c + ") AS " + c).toList();
            String values = String.join(", ", table.valueColumns());
            return name + "_records AS (" + records + "), "
                    + name + "_canonical AS (SELECT DISTINCT ON (" + key + ") "
                    + (perPeriod ? "cell_period, " : "") + values
                    + " FROM " + name + "_records ORDER BY " + key + ", period DESC, provider, " + table.tieBreak() + "), "
                    + name + "_flags AS (SELECT " + key + ", " + String.join(", ", flags) + " FROM " + name
                    + "_records GROUP BY " + key + "), "
                    + name + " AS (SELECT *, " + sign + " AS sign FROM " + name + "_canonical JOIN " + name
                    + "_flags USING (" + key + "))";
        }
        return name + " AS (SELECT r.*, " + sign + " AS sign FROM (" + records + ") r)";
    }

    /**
     * {@code ARRAY[period_cell.x[1] + excluded.x[1], ...]} over the query's indicators, written out
     * (PostgreSQL has no element-wise array sum; a SQL function would be called per updated cell).
     */
    private String elementwiseSum(String column) {
        List<String> sums = new ArrayList<>();
        for (int i = 1; i <= indicators.size(); i++) {
            sums.add("period_cell." + column + "[" + i + "] + excluded." + column + "[" + i + "]");
        }
        return "ARRAY[" + String.join(", ", sums) + "]";
    }

    /**
     * Inserts the cells aggregated from {@code units} into {@code period_cell} for the periods in
     * the last parameter (an array), adding to cells already there; cells with no count are left out.
     */
    private String insert(String units) {
        return " INSERT INTO period_cell (dataset, counting, period, grouping_mask, " + String.join(", ", GROUPED)
                + ", numerators, denominators) SELECT ?, ?, p.period, c.* FROM (" + aggregate.formatted(units)
                + ") c CROSS JOIN unnest(?::text[]) AS p(period)"
                + onConflictAdd();
    }

    /** Leaves out cells with no count, and adds to a cell already there. */
    private String onConflictAdd() {
        return " WHERE EXISTS (SELECT 1 FROM unnest(c.numerators || c.denominators) v WHERE v <> 0)"
                + " ON CONFLICT ON CONSTRAINT period_cell_key DO UPDATE SET"
                + " numerators = " + elementwiseSum("numerators") + ", denominators = " + elementwiseSum("denominators");
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    public RecordTable table() {
        return table;
    }

    public Counting counting() {
        return counting;
    }

    /** The query that builds a period's cells from the records (for benchmarks that show plans). */
    String scratchSql() {
        return scratchSql;
    }

    /** The statements that build and change cells; a different text means differently built cells. */
    String signature() {
        return scratchSql + changeSql;
    }

    /**
     * Builds the cells of {@code period} from the current submissions' records, stores them in
     * {@code period_cell} (where none must be) and returns them. The aggregation is a query, not
     * an {@code INSERT ... SELECT}, which PostgreSQL would not parallelise; the rows go back with
     * {@code COPY}.
     */
    List<Cell> build(Connection c, Period period) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        StringBuilder copy = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(scratchSql)) {
            ps.setString(1, table.name());
            ps.setArray(2, c.createArrayOf("text", period.monthCodes().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Cell cell = cell(rs);
                    if (cell == null) {
                        continue;
                    }
                    cells.add(cell);
                    copy.append(table.name()).append('\t').append(counting.name()).append('\t').append(period.code())
                            .append('\t').append(rs.getInt("grouping_mask"));
                    for (String column : GROUPED) {
                        String value = rs.getString(column);
                        copy.append('\t').append(value == null ? "\\N" : copyText(value));
                    }
                    copy.append('\t').append(copyArray(cell.numerators())).append('\t')
                            .append(copyArray(cell.denominators())).append('\n');
                }
            }
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY period_cell (dataset, counting, period, grouping_mask, "
                    + String.join(", ", GROUPED) + ", numerators, denominators) FROM STDIN", new StringReader(copy.toString()));
        } catch (IOException e) {
            throw new SQLException("Could not store the cells of " + period.code(), e);
        }
        return cells;
    }

    /** A code as COPY's text format reads it (codes hold no tabs or newlines; escaped all the same). */
    private static String copyText(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String copyArray(long[] counts) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < counts.length; i++) {
            s.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return s.append('}').toString();
    }

    /**
     * Adds to the cells of {@code periods} (all containing the month of both submissions) the
     * difference made by {@code next} replacing {@code previous} (null for a provider's first
     * submission of the month). Runs before the replacement is recorded, while {@code previous}
     * is still current and its records are still there.
     */
    void change(Connection c, List<Period> periods, UUID previous, UUID next) throws SQLException {
        String previousId = previous == null ? null : previous.toString();
        if (counting == Counting.PEOPLE) {
            List<String> cellPeriods = new ArrayList<>();
            List<String> months = new ArrayList<>();
            for (Period period : periods) {
                for (String month : period.monthCodes()) {
                    cellPeriods.add(period.code());
                    months.add(month);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(changeSql)) {
                int i = 0;
                ps.setArray(++i, c.createArrayOf("text", cellPeriods.toArray()));
                ps.setArray(++i, c.createArrayOf("text", months.toArray()));
                ps.setString(++i, previousId);
                ps.setString(++i, next.toString());
                ps.setString(++i, table.name());
                ps.setString(++i, previousId);
                ps.setString(++i, next.toString());
                ps.setString(++i, table.name());
                ps.setString(++i, counting.name());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(changeSql)) {
                ps.setString(1, next.toString());
                ps.setString(2, previousId);
                ps.setString(3, table.name());
                ps.setString(4, counting.name());
                ps.setArray(5, c.createArrayOf("text", periods.stream().map(Period::code).toArray()));
                ps.executeUpdate();
            }
        }
    }

    /** The cells of one period, as kept in {@code period_cell}. */
    public List<Cell> read(Connection c, Period period) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT grouping_mask, " + String.join(", ", GROUPED)
                + ", numerators, denominators FROM period_cell WHERE dataset = ? AND counting = ? AND period = ?")) {
            ps.setString(1, table.name());
            ps.setString(2, counting.name());
            ps.setString(3, period.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Cell cell = cell(rs);
                    if (cell != null) {
                        cells.add(cell);
                    }
                }
            }
        }
        return cells;
    }

    /** The cell of a row (grouping mask, the grouped columns, the count arrays); null if it counts nothing. */
    private Cell cell(ResultSet rs) throws SQLException {
        SetKey key = setsByMask.get(rs.getInt("grouping_mask"));
        Long[] ns = (Long[]) rs.getArray("numerators").getArray();
        Long[] ds = (Long[]) rs.getArray("denominators").getArray();
        int n = indicators.size();
        long[] numerators = new long[n];
        long[] denominators = new long[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            numerators[i] = ns[i];
            denominators[i] = ds[i];
            any |= numerators[i] != 0 || denominators[i] != 0;
        }
        if (!any) {
            return null; // nothing counted, or a kept cell whose people or records have all gone again
        }
        String area = rs.getString(key.byProvider() ? "provider" : "residence_icb");
        String attribute = switch (key.set()) {
            case ETHNICITY -> rs.getString("ethnic_category");
            case GENDER -> rs.getString("gender");
            case IMD -> rs.getString("imd_decile");
            case SEXUAL_ORIENTATION -> rs.getString("sexual_orientation");
            case PROVIDER -> rs.getString("provider");
        };
        String sex = rs.getString("sex");
        return new Cell(key.set(), key.byProvider(), area, attribute, rs.getString("age_band"),
                sex == null ? null : Integer.valueOf(sex), numerators, denominators);
    }
}
