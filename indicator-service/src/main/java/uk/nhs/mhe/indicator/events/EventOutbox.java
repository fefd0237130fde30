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

/**
 * The service's transactional outbox, {@code event_outbox}: every event it publishes is written
 * here in the transaction that made it true, and {@link EventRelay} publishes the rows in id
 * order. Callers own connection and transaction.
 */
public final class EventOutbox {

    /** What an outbox row is for; {@link EventPublisher} maps each to its configured topic. */
    public enum Stream {
        INDICATOR_CHANGES("indicator-changes"), SUBMISSION_OUTCOMES("submission-outcomes");

        final String column;

        Stream(String column) {
            this.column = column;
        }

        static Stream of(String column) {
            for (Stream s : values()) {
                if (s.column.equals(column)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown outbox stream " + column);
        }
    }

    record Row(long id, UUID eventId, Stream stream, String type, String key, String payload, Instant createdAt) {
    }

    private EventOutbox() {
    }

    /** Adds one event; it is published once the caller's transaction commits. */
    public static void add(Connection c, Stream stream, String type, String key, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_outbox (event_id, stream, event_type, "
                + "event_key, payload) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, stream.column);
            ps.setString(3, type);
            ps.setString(4, key);
            ps.setString(5, payload);
            ps.executeUpdate();
        }
    }

    /** The oldest {@code limit} rows, in id order (the order they were written). */
    static List<Row> next(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, event_id, stream, event_type, event_key, payload, "
                + "created_at FROM event_outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), Stream.of(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    /** Removes rows the broker acknowledged. */
    static void delete(Connection c, List<Row> rows) throws SQLException {
        Array ids = c.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_outbox WHERE id = ANY (?)")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }

    /** Rows not yet acknowledged, and the age in seconds of the oldest of them. */
    static long[] backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), "
                + "coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint FROM event_outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
