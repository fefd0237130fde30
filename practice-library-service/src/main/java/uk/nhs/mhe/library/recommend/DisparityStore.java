package uk.nhs.mhe.library.recommend;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest disparities per (indicator, area): those of the latest period an event has named
 * ({@link DisparityPeriod}), so that a resubmitted old month does not replace an area's current
 * picture; of one period, the latest calculation ({@code computedAt}). Applies each event
 * exactly once in effect: its id is recorded in {@code processed_event} in the same transaction
 * as the change.
 */
@ApplicationScoped
public class DisparityStore {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public DisparityStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record Disparity(String indicatorId, String area, String period,
            List<IndicatorValuesChanged.DisparityGroup> groups, Instant computedAt) {
    }

    /**
     * Applies one event in one transaction, rolled back on any exception. Throws
     * {@link PoisonEvent} for an event that can never be applied; anything else is transient.
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean apply(String eventId, String type, byte[] payload) {
        if (!IndicatorValuesChanged.TYPE.equals(type)) {
            throw new PoisonEvent("Unknown event type " + type);
        }
        if (payload == null || payload.length == 0) {
            throw new PoisonEvent("IndicatorValuesChanged without a body");
        }
        IndicatorValuesChanged e;
        try {
            e = json.readValue(payload, IndicatorValuesChanged.class);
        } catch (IOException | RuntimeException ex) {
            throw new PoisonEvent("Unreadable IndicatorValuesChanged: " + ex.getMessage(), ex);
        }
        if (e == null || e.indicatorId() == null || e.area() == null || e.period() == null || e.computedAt() == null) {
            throw new PoisonEvent("IndicatorValuesChanged without indicatorId, area, period or computedAt");
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO processed_event (event_id, event_type, processed_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING")) {
                ps.setString(1, eventId);
                ps.setString(2, type);
                if (ps.executeUpdate() == 0) {
                    Log.debugf("Event %s already applied", eventId);
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO indicator_disparity (indicator_id, area, period, disparity_groups, computed_at, period_rank)
                    VALUES (?, ?, ?, ?::jsonb, ?, ?)
                    ON CONFLICT (indicator_id, area) DO UPDATE SET period = excluded.period,
                      disparity_groups = excluded.disparity_groups, computed_at = excluded.computed_at,
                      period_rank = excluded.period_rank
                    WHERE (indicator_disparity.period_rank, indicator_disparity.computed_at)
                      <= (excluded.period_rank, excluded.computed_at)""")) {
                ps.setString(1, e.indicatorId());
                ps.setString(2, e.area());
                ps.setString(3, e.period());
                ps.setString(4, json.writeValueAsString(e.disparityGroups() == null ? List.of() : e.disparityGroups()));
                ps.setTimestamp(5, Timestamp.from(e.computedAt()));
                ps.setString(6, DisparityPeriod.rank(e.period()));
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException ex) {
            // Class 22 (data exception: NUL in text, value too long...) and 23 (integrity) will fail
            // again on every retry: the event itself is at fault. Anything else is transient.
            String state = ex.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                throw new PoisonEvent("IndicatorValuesChanged refused by the database: " + ex.getMessage(), ex);
            }
            throw new IllegalStateException(ex);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public List<Disparity> forArea(String area) {
        List<Disparity> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT * FROM indicator_disparity WHERE area = ? ORDER BY indicator_id")) {
            ps.setString(1, area);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Disparity(rs.getString("indicator_id"), rs.getString("area"), rs.getString("period"),
                            List.of(json.readValue(rs.getString("disparity_groups"),
                                    IndicatorValuesChanged.DisparityGroup[].class)),
                            rs.getTimestamp("computed_at").toInstant()));
                }
            }
        } catch (SQLException | IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out;
    }
}
