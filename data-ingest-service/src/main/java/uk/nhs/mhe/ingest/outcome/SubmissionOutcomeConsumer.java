package uk.nhs.mhe.ingest.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Consumes {@code mhe.submission-outcomes.v1}: the indicator service says whether it counted a
 * published submission (COUNTED, with the time) or could not (FAILED, with the reason), and the
 * submission's status says so to its provider. Idempotent (a redelivery sets the same values) and
 * monotonic: an outcome never takes a submission back to an earlier state, COUNTED may follow
 * FAILED (an operator replayed the parked event once its cause was mended) but not the reverse.
 * An unreadable outcome is parked on {@code mhe.submission-outcomes.v1.dlq}; a database outage is
 * retried with backoff, holding back the partition.
 */
@ApplicationScoped
public class SubmissionOutcomeConsumer {

    public static final String CHANNEL = "submission-outcomes";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public SubmissionOutcomeConsumer(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** One outcome, read from the event's JSON. */
    record Outcome(UUID submissionId, int version, String outcome, String reason, Instant at) {
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, jitter = 100, abortOn = UnreadableOutcome.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void consume(ConsumerRecord<String, byte[]> record) {
        Outcome outcome = read(record.value());
        // A transaction per attempt (not @Transactional, which would wrap every retry in the one
        // transaction a failed statement had already aborted).
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!apply(c, outcome)) {
                    Log.debugf("Outcome %s of submission %s changes nothing", outcome.outcome(), outcome.submissionId());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot record the outcome of submission " + outcome.submissionId(), e);
            }
        });
    }

    Outcome read(byte[] payload) {
        try {
            JsonNode event = mapper.readTree(payload);
            String kind = event.path("outcome").asText("");
            if (!event.path("submissionId").isTextual() || !event.path("version").canConvertToInt()
                    || !(kind.equals("COUNTED") || kind.equals("FAILED"))) {
                throw new UnreadableOutcome("Not a SubmissionOutcome: " + event);
            }
            Instant at = event.path("at").isTextual() ? Instant.parse(event.get("at").asText()) : Instant.now();
            return new Outcome(UUID.fromString(event.get("submissionId").asText()), event.get("version").intValue(),
                    kind, event.path("reason").isTextual() ? event.get("reason").asText() : null, at);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new UnreadableOutcome("Unreadable SubmissionOutcome: " + e.getMessage());
        }
    }

    /** Records the outcome on the submission; false when it changed nothing. */
    static boolean apply(Connection c, Outcome outcome) throws SQLException {
        String sql = outcome.outcome().equals("COUNTED")
                ? "UPDATE submission SET status = 'COUNTED', counted_at = ?, outcome_reason = NULL "
                        + "WHERE id = ? AND version = ? AND status IN ('ACCEPTED', 'PUBLISHED', 'FAILED')"
                // The first reason stands: later events of a failed submission fail because of it.
                : "UPDATE submission SET status = 'FAILED', counted_at = ?, outcome_reason = ? "
                        + "WHERE id = ? AND version = ? AND status IN ('ACCEPTED', 'PUBLISHED')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (outcome.outcome().equals("COUNTED")) {
                ps.setTimestamp(i++, Timestamp.from(outcome.at()));
            } else {
                ps.setTimestamp(i++, null);
                ps.setString(i++, outcome.reason() == null ? "No reason given" : outcome.reason());
            }
            ps.setObject(i++, outcome.submissionId());
            ps.setInt(i, outcome.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** An outcome event no attempt could read: parked, not retried. */
    static final class UnreadableOutcome extends RuntimeException {
        UnreadableOutcome(String message) {
            super(message);
        }
    }
}
