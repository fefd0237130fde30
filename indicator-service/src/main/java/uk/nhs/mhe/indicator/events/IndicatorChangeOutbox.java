package uk.nhs.mhe.indicator.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The unpublished events in {@code indicator_change_outbox}. Callers own connection and transaction. */
final class IndicatorChangeOutbox {

    record Row(long id, UUID eventId, String indicatorId, String area, String payload, Instant createdAt) {

        String key() {
            return IndicatorValuesChanged.key(indicatorId, area);
        }
    }

    private IndicatorChangeOutbox() {
    }

    /** The oldest {@code limit} rows, in id order (the order they were written). */
    static List<Row> next(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, event_id, indicator_id, area_code, payload, "
                + "created_at FROM indicator_change_outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return rows;
    }

    /** Removes rows the broker acknowledged. */
    static void delete(Connection c, List<Row> rows) throws SQLException {
        Array ids = c.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM indicator_change_outbox WHERE id = ANY (?)")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM indicator_change_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
