package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.stats.DirectlyStandardisedRate;
import uk.nhs.mhe.indicator.stats.Interval;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Calculated values in the indicator database. Callers own connection and transaction. */
public final class IndicatorValueStore {

    /** Every figure of a value; not {@code computed_at}, which a recalculation changes by nature. */
    public static final String COLUMNS = "indicator_id, area_code, period, period_type, breakdown, group_code, "
            + "numerator, denominator, value, lower95, upper95, lower998, upper998, reference_group, comparison, "
            + "comparison_lower95, comparison_upper95, public_dsr_observed, public_dsr_multiplier, public_dsr_value, "
            + "public_dsr_variance, public_dsr_lower95, public_dsr_upper95, public_dsr_lower998, public_dsr_upper998";

    private IndicatorValueStore() {
    }

    /**
     * What {@link #replacePeriod} did: the rows added, changed or removed, and every row of the
     * period as it was before.
     */
    public record Replacement(List<IndicatorValue> changed, List<IndicatorValue> previous) {
    }

    /**
     * Makes the stored values of an indicator for one period equal to {@code values}, writing
     * only rows whose figures changed, and returns those changes (rows added, changed or removed)
     * with the rows as they were.
     */
    public static Replacement replacePeriod(Connection c, String indicatorId, String period,
            List<IndicatorValue> values) throws SQLException {
        Map<String, IndicatorValue> before = new HashMap<>();
        List<IndicatorValue> previous = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM indicator_value WHERE indicator_id = ? AND period = ?")) {
            ps.setString(1, indicatorId);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IndicatorValue v = value(rs);
                    before.put(key(v), v);
                    previous.add(v);
                }
            }
        }
        if (!values.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_period (indicator_id, period, "
                    + "period_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, indicatorId);
                ps.setString(2, period);
                ps.setString(3, values.get(0).periodType());
                ps.executeUpdate();
            }
        }
        List<IndicatorValue> changed = new ArrayList<>();
        List<IndicatorValue> upserts = new ArrayList<>();
        for (IndicatorValue v : values) {
            IndicatorValue old = before.remove(key(v));
            if (!v.equals(old)) { // the record holds figures only, not when they were computed
                upserts.add(v);
                changed.add(v);
            }
        }
        if (!before.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_value WHERE indicator_id = ? "
                    + "AND area_code = ? AND period = ? AND breakdown = ? AND group_code = ?")) {
                for (IndicatorValue v : before.values()) {
                    ps.setString(1, v.indicatorId());
                    ps.setString(2, v.area());
                    ps.setString(3, v.period());
                    ps.setString(4, v.breakdown());
                    ps.setString(5, v.group());
                    ps.addBatch();
                    changed.add(v);
                }
                ps.executeBatch();
            }
        }
        if (!upserts.isEmpty()) {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_value (" + COLUMNS
                    + ", computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (indicator_id, area_code, period, breakdown, group_code) DO UPDATE SET "
                    + "period_type = excluded.period_type, numerator = excluded.numerator, "
                    + "denominator = excluded.denominator, value = excluded.value, lower95 = excluded.lower95, "
                    + "upper95 = excluded.upper95, lower998 = excluded.lower998, upper998 = excluded.upper998, "
                    + "reference_group = excluded.reference_group, comparison = excluded.comparison, "
                    + "comparison_lower95 = excluded.comparison_lower95, "
                    + "comparison_upper95 = excluded.comparison_upper95, "
                    + "public_dsr_observed = excluded.public_dsr_observed, "
                    + "public_dsr_multiplier = excluded.public_dsr_multiplier, "
                    + "public_dsr_value = excluded.public_dsr_value, public_dsr_variance = excluded.public_dsr_variance, "
                    + "public_dsr_lower95 = excluded.public_dsr_lower95, public_dsr_upper95 = excluded.public_dsr_upper95, "
                    + "public_dsr_lower998 = excluded.public_dsr_lower998, "
                    + "public_dsr_upper998 = excluded.public_dsr_upper998, computed_at = excluded.computed_at")) {
                for (IndicatorValue v : upserts) {
                    ps.setString(1, v.indicatorId());
                    ps.setString(2, v.area());
                    ps.setString(3, v.period());
                    ps.setString(4, v.periodType());
                    ps.setString(5, v.breakdown());
                    ps.setString(6, v.group());
                    ps.setLong(7, v.numerator());
                    setDouble(ps, 8, v.denominator());
                    setDouble(ps, 9, v.value());
                    setDouble(ps, 10, v.lower95());
                    setDouble(ps, 11, v.upper95());
                    setDouble(ps, 12, v.lower998());
                    setDouble(ps, 13, v.upper998());
                    ps.setString(14, v.referenceGroup());
                    setDouble(ps, 15, v.comparison());
                    setDouble(ps, 16, v.comparisonLower95());
                    setDouble(ps, 17, v.comparisonUpper95());
                    DirectlyStandardisedRate d = v.publicDsr();
                    if (d == null) {
                        ps.setNull(18, Types.BIGINT);
                    } else {
                        ps.setLong(18, d.observed());
                    }
                    setDouble(ps, 19, d == null ? null : d.multiplier());
                    setDouble(ps, 20, d == null ? null : d.value());
                    setDouble(ps, 21, d == null ? null : d.variance());
                    setDouble(ps, 22, d == null ? null : d.ci95().lower());
                    setDouble(ps, 23, d == null ? null : d.ci95().upper());
                    setDouble(ps, 24, d == null ? null : d.ci998().lower());
                    setDouble(ps, 25, d == null ? null : d.ci998().upper());
                    ps.setTimestamp(26, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return new Replacement(changed, previous);
    }

    /** One area's values for a period and breakdown (any order). */
    public static List<IndicatorValue> read(Connection c, String indicatorId, String area, String period,
            String breakdown) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM indicator_value WHERE indicator_id = ? AND area_code = ? "
                + "AND period = ? AND breakdown = ?", indicatorId, area, period, breakdown);
    }

    /** Every area's values of a breakdown in a period (funnel plots: each area's whole table), any order. */
    public static List<IndicatorValue> readBreakdownInAllAreas(Connection c, String indicatorId, String period,
            String breakdown) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM indicator_value WHERE indicator_id = ? AND period = ? "
                + "AND breakdown = ?", indicatorId, period, breakdown);
    }

    /** One area's values of a breakdown over every period of a type (trends), oldest first. */
    public static List<IndicatorValue> series(Connection c, String indicatorId, String area, String breakdown,
            String periodType) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM indicator_value WHERE indicator_id = ? AND area_code = ? "
                + "AND breakdown = ? AND period_type = ? ORDER BY period", indicatorId, area, breakdown, periodType);
    }

    /** Every stored value, in key order (rebuild and property checks compare whole tables). */
    public static List<IndicatorValue> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM indicator_value ORDER BY indicator_id, area_code, period, "
                + "breakdown, group_code");
    }

    /** Periods with values for the indicator, newest first within each type (months, then FY, then R12). */
    public static List<String> periods(Connection c, String indicatorId) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT period_type, period FROM indicator_period "
                + "WHERE indicator_id = ? ORDER BY period_type DESC, period DESC")) {
            ps.setString(1, indicatorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(2));
                }
            }
        }
        return result;
    }

    private static List<IndicatorValue> query(Connection c, String sql, String... parameters) throws SQLException {
        List<IndicatorValue> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(value(rs));
                }
            }
        }
        return result;
    }

    private static String key(IndicatorValue v) {
        return v.area() + '|' + v.breakdown() + '|' + v.group();
    }

    /** A value from a row holding {@link #COLUMNS}. */
    public static IndicatorValue value(ResultSet rs) throws SQLException {
        return new IndicatorValue(rs.getString("indicator_id"), rs.getString("area_code"), rs.getString("period"),
                rs.getString("period_type"), rs.getString("breakdown"), rs.getString("group_code"),
                rs.getLong("numerator"), getDouble(rs, "denominator"), getDouble(rs, "value"),
                getDouble(rs, "lower95"), getDouble(rs, "upper95"), getDouble(rs, "lower998"),
                getDouble(rs, "upper998"), rs.getString("reference_group"), getDouble(rs, "comparison"),
                getDouble(rs, "comparison_lower95"), getDouble(rs, "comparison_upper95"), publicDsr(rs));
    }

    private static DirectlyStandardisedRate publicDsr(ResultSet rs) throws SQLException {
        long observed = rs.getLong("public_dsr_observed");
        if (rs.wasNull()) {
            return null;
        }
        return new DirectlyStandardisedRate(observed, rs.getDouble("public_dsr_multiplier"),
                rs.getDouble("public_dsr_value"), rs.getDouble("public_dsr_variance"),
                new Interval(rs.getDouble("public_dsr_lower95"), rs.getDouble("public_dsr_upper95")),
                new Interval(rs.getDouble("public_dsr_lower998"), rs.getDouble("public_dsr_upper998")));
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null || value.isNaN() || value.isInfinite()) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static Double getDouble(ResultSet rs, String column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

}
