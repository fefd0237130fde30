package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.events.EventOutbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes {@link SubmissionOutcome}s to the outbox. COUNTED goes in the transaction that made the
 * submission current, so it is sent if and only if the submission was counted. FAILED is written
 * in a transaction of its own when an event is parked (the event's own transaction rolled back).
 */
@ApplicationScoped
public class SubmissionOutcomes {

    /** Longest reason kept in the event; a database message can quote a whole row. */
    static final int MAX_REASON = 1000;

    // Our own mapper: the event's JSON is a published contract, not the service's Jackson settings.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;

    public SubmissionOutcomes(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The submission is counted (current, in the caller's transaction). */
    void counted(Connection c, SubmissionEvents.SubmissionCommitted commit) throws SQLException {
        write(c, commit.dataset(), commit.provider(), commit.period(),
                new SubmissionOutcome(commit.submissionId(), commit.version(), SubmissionOutcome.COUNTED, null, now()));
    }

    /** The submission will not be counted, for {@code reason} (in the caller's transaction). */
    void failed(Connection c, SubmissionEvents.SubmissionCommitted commit, String reason) throws SQLException {
        write(c, commit.dataset(), commit.provider(), commit.period(),
                new SubmissionOutcome(commit.submissionId(), commit.version(), SubmissionOutcome.FAILED, reason(reason), now()));
    }

    /**
     * An event was parked: keeps a note of it in {@code parked_event} (readiness and metrics
     * name it) and, if the event names its submission, reports that submission FAILED, both in a
     * transaction of their own (the event's rolled back). An event too broken to name its
     * submission has no provider to tell; the dead-letter topic keeps it.
     */
    public void parked(UUID eventId, String type, String key, byte[] payload, String reason) {
        Optional<Named> named = named(payload);
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO parked_event (event_id, event_type, "
                        + "event_key, submission_id, reason) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setObject(1, eventId);
                    ps.setString(2, bounded(type, 200));
                    ps.setString(3, bounded(key, 200));
                    ps.setObject(4, named.map(Named::submissionId).orElse(null));
                    ps.setString(5, reason(reason));
                    ps.executeUpdate();
                }
                if (named.isPresent()) {
                    Named n = named.get();
                    write(c, n.dataset, n.provider, n.period, new SubmissionOutcome(n.submissionId, n.version,
                            SubmissionOutcome.FAILED, reason(reason), now()));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not record parked event " + eventId, e);
            }
        });
    }

    private record Named(UUID submissionId, int version, String dataset, String provider, String period) {
    }

    /** The submission an event's payload names, read leniently: the event may be malformed. */
    static Optional<Named> named(byte[] payload) {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            JsonNode event = JSON.readTree(payload);
            if (event == null || !event.path("submissionId").isTextual() || !event.path("version").canConvertToInt()
                    || !event.path("dataset").isTextual() || !event.path("provider").isTextual()
                    || !event.path("period").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new Named(UUID.fromString(event.get("submissionId").asText()),
                    event.get("version").intValue(), event.get("dataset").asText(), event.get("provider").asText(),
                    event.get("period").asText()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void write(Connection c, String dataset, String provider, String period, SubmissionOutcome outcome)
            throws SQLException {
        try {
            EventOutbox.add(c, EventOutbox.Stream.SUBMISSION_OUTCOMES, SubmissionOutcome.TYPE,
                    SubmissionOutcome.key(dataset, provider, period), JSON.writeValueAsString(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(String reason) {
        return bounded(reason == null || reason.isBlank() ? "The indicator service could not apply this submission"
                : reason, MAX_REASON);
    }

    /** No NUL or other control character travels on (a reason may quote the refused value); bounded length. */
    private static String bounded(String text, int max) {
        if (text == null) {
            return null;
        }
        String r = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
        return r.length() <= max ? r : r.substring(0, max - 1) + "…";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
