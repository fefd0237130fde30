package uk.nhs.mhe.indicator.admin;

import uk.nhs.mhe.indicator.compute.IndicatorValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Values of one indicator and period read from {@code indicator_value} or from the rebuild's
 * temporary copies of it (same columns), to compare before and after a rebuild.
 */
final class ValueRows {

    /** Every figure of a value; not {@code computed_at}, which a rebuild changes by nature. */
    static final String COLUMNS = "indicator_id, area_code, period, period_type, breakdown, group_code, numerator, "
            + "denominator, value, lower95, upper95, lower998, upper998, reference_group, comparison, "
            + "comparison_lower95, comparison_upper95";

    private ValueRows() {
    }

    static List<IndicatorValue> read(Connection c, String table, String indicatorId, String period) throws SQLException {
        List<IndicatorValue> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                + " WHERE indicator_id = ? AND period = ? ORDER BY area_code, breakdown, group_code")) {
            ps.setString(1, indicatorId);
            ps.setString(2, period);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new IndicatorValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), number(rs, 8), number(rs, 9),
                            number(rs, 10), number(rs, 11), number(rs, 12), number(rs, 13), rs.getString(14),
                            number(rs, 15), number(rs, 16), number(rs, 17)));
                }
            }
        }
        return result;
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }
}
