package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.catalogue.Indicator.Counting;
import uk.nhs.mhe.indicator.compute.Breakdown.Attribute;
import uk.nhs.mhe.indicator.compute.Cell.CellSet;
import uk.nhs.mhe.indicator.period.Period;

import java.sql.Array;
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

/**
 * Reads a period's {@link Cell}s for indicators of one dataset that count the same way, in one
 * pass over the current submissions' records: PostgreSQL aggregates with {@code GROUPING SETS},
 * one set per characteristic the indicators' breakdowns read, so no record is held in memory.
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
    private final String sql;
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
            providerAreas |= i.areaTypes().contains("PROVIDER");
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
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < indicators.size(); i++) {
            Indicator indicator = indicators.get(i);
            sums.append(", sum(").append(rules.sumExpression(indicator.numeratorRule())).append(")::bigint AS n").append(i);
            sums.append(", ").append(indicator.denominatorRule().isPopulation() ? "0::bigint"
                    : "sum(" + rules.sumExpression(indicator.denominatorRule()) + ")::bigint").append(" AS d").append(i);
        }
        String records = "SELECT r.* FROM current_submission s JOIN " + table.table()
                + " r ON r.submission_id = s.submission_id WHERE s.dataset = ? AND s.period = ANY (?)";
        String units;
        if (counting == Counting.PEOPLE) {
            List<String> flags = table.booleanColumns().stream().map(c -> "bool_or(" + c + ") AS " + c).toList();
            units = "recs AS (" + records + "), "
                    + "canonical AS (SELECT DISTINCT ON (person_id) " + String.join(", ", table.valueColumns())
                    + " FROM recs ORDER BY person_id, period DESC, provider, " + table.tieBreak() + "), "
                    + "flags AS (SELECT person_id, " + String.join(", ", flags) + " FROM recs GROUP BY person_id), "
                    + "units AS (SELECT * FROM canonical JOIN flags USING (person_id))";
        } else {
            units = "units AS (" + records + ")";
        }
        this.sql = "WITH " + units + " SELECT GROUPING(" + String.join(", ", grouped) + ") AS grouping_mask, "
                + String.join(", ", GROUPED.stream().map(col -> grouped.contains(col) ? col
                        : "null::text AS " + col).toList()) + sums
                + " FROM (SELECT units.*, " + AGE_BAND + " AS age_band, CASE gender WHEN '1' THEN 1 WHEN '2' THEN 2 END AS sex"
                + " FROM units) u GROUP BY GROUPING SETS ((" + String.join("), (", sets.keySet()) + "))";
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

    String sql() {
        return sql;
    }

    /** The cells of one period (records of the current submission of each provider and month). */
    public List<Cell> read(Connection c, Period period) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.name());
            Array months = c.createArrayOf("text", period.monthCodes().toArray());
            ps.setArray(2, months);
            try (ResultSet rs = ps.executeQuery()) {
                int n = indicators.size();
                while (rs.next()) {
                    SetKey key = setsByMask.get(rs.getInt("grouping_mask"));
                    long[] numerators = new long[n];
                    long[] denominators = new long[n];
                    boolean any = false;
                    for (int i = 0; i < n; i++) {
                        numerators[i] = rs.getLong("n" + i);
                        denominators[i] = rs.getLong("d" + i);
                        any |= numerators[i] != 0 || denominators[i] != 0;
                    }
                    if (!any) {
                        continue;
                    }
                    String area = rs.getString(key.byProvider() ? "provider" : "residence_icb");
                    String attribute = switch (key.set()) {
                        case ETHNICITY -> rs.getString("ethnic_category");
                        case GENDER -> rs.getString("gender");
                        case IMD -> rs.getString("imd_decile");
                        case SEXUAL_ORIENTATION -> rs.getString("sexual_orientation");
                        case PROVIDER -> rs.getString("provider");
                    };
                    Integer sex = rs.getObject("sex") == null ? null : rs.getInt("sex");
                    cells.add(new Cell(key.set(), key.byProvider(), area, attribute, rs.getString("age_band"), sex,
                            numerators, denominators));
                }
            }
        }
        return cells;
    }
}
