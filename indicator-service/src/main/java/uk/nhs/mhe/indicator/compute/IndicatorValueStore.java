package uk.nhs.mhe.indicator.compute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Calculated values in the indicator database. Callers own connection and transaction. */
public final class IndicatorValueStore {

    private IndicatorValueStore() {
    }

    /** Replaces every value of an indicator for one period. */
    public static void replacePeriod(Connection c, String indicatorId, String period, List<IndicatorValue> values)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM indicator_value WHERE indicator_id = ? AND period = ?")) {
            delete.setString(1, indicatorId);
            delete.setString(2, period);
            delete.executeUpdate();
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_value (indicator_id, area_code, period, "
                + "breakdown, group_code, numerator, denominator, value, lower95, upper95, lower998, upper998, ratio, "
                + "ratio_lower95, ratio_upper95, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (IndicatorValue v : values) {
                ps.setString(1, v.indicatorId());
                ps.setString(2, v.area());
                ps.setString(3, v.period());
                ps.setString(4, v.breakdown());
                ps.setString(5, v.group());
                ps.setLong(6, v.numerator());
                setDouble(ps, 7, v.denominator());
                setDouble(ps, 8, v.value());
                setDouble(ps, 9, v.lower95());
                setDouble(ps, 10, v.upper95());
                setDouble(ps, 11, v.lower998());
                setDouble(ps, 12, v.upper998());
                setDouble(ps, 13, v.ratio());
                setDouble(ps, 14, v.ratioLower95());
                setDouble(ps, 15, v.ratioUpper95());
                ps.setTimestamp(16, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static List<IndicatorValue> read(Connection c, String indicatorId, String area, String period,
            String breakdown) throws SQLException {
        List<IndicatorValue> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM indicator_value WHERE indicator_id = ? "
                + "AND area_code = ? AND period = ? AND breakdown = ?")) {
            ps.setString(1, indicatorId);
            ps.setString(2, area);
            ps.setString(3, period);
            ps.setString(4, breakdown);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new IndicatorValue(rs.getString("indicator_id"), rs.getString("area_code"),
                            rs.getString("period"), rs.getString("breakdown"), rs.getString("group_code"),
                            rs.getLong("numerator"), getDouble(rs, "denominator"), getDouble(rs, "value"),
                            getDouble(rs, "lower95"), getDouble(rs, "upper95"), getDouble(rs, "lower998"),
                            getDouble(rs, "upper998"), getDouble(rs, "ratio"), getDouble(rs, "ratio_lower95"),
                            getDouble(rs, "ratio_upper95")));
                }
            }
        }
        return result;
    }

    /** Periods with values for the indicator, newest first. */
    public static List<String> periods(Connection c, String indicatorId) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT period FROM indicator_value "
                + "WHERE indicator_id = ? ORDER BY period DESC")) {
            ps.setString(1, indicatorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
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
