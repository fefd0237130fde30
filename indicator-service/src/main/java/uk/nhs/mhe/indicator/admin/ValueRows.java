package uk.nhs.mhe.indicator.admin;

import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.compute.IndicatorValueStore;

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
    static final String COLUMNS = IndicatorValueStore.COLUMNS;

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
                    result.add(IndicatorValueStore.value(rs));
                }
            }
        }
        return result;
    }
}
