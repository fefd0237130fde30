package uk.nhs.mhe.indicator.aggregate;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.quarkus.logging.Log;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import uk.nhs.mhe.indicator.compute.RecalculationWorker;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Consumes {@code mhe.submissions.v1}. The offset is acknowledged only after the database
 * transaction of {@link SubmissionApplier} committed. A failure that would recur on every attempt
 * ({@link FailureKind}: a {@link PoisonEvent}, an unreadable event, a value the database refuses)
 * goes to {@code mhe.submissions.v1.dlq} at once with the reason in its headers, and the partition
 * moves on, and the submission is reported FAILED on {@code mhe.submission-outcomes.v1}; so is a
 * failure of no known kind that repeats identically. A passing failure ({@link FailureKind#passing})
 * is retried in place with backoff, holding back the partition so that a key's events stay in
 * order and a submission is never lost to a passing database outage.
 */
@ApplicationScoped
public class SubmissionConsumer {

    public static final String CHANNEL = "submissions";

    private final SubmissionApplier applier;
    private final RecalculationWorker worker;
    private final SubmissionOutcomes outcomes;
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** Parked events are counted from {@code parked_event} ({@link PipelineHealth}), across restarts. */
    public SubmissionConsumer(SubmissionApplier applier, RecalculationWorker worker, SubmissionOutcomes outcomes) {
        this.applier = applier;
        this.worker = worker;
        this.outcomes = outcomes;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, jitter = 100, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void consume(ConsumerRecord<String, byte[]> record) throws Exception {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw park(record, null, type, new PoisonEvent("Event without CloudEvents headers ce_id and ce_type"));
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw park(record, null, type, new PoisonEvent("ce_id is not a UUID: " + id, e));
        }
        boolean applied;
        try {
            applied = applier.apply(eventId, type, record.value());
        } catch (PoisonEvent e) {
            throw park(record, eventId, type, e);
        } catch (Exception e) {
            String reason = FailureKind.deterministic(e);
            if (reason == null && !FailureKind.passing(e)) {
                reason = failedTwice(eventId, e);
            }
            if (reason != null) {
                // It would fail the same way on every attempt: park it now, with the reason, and
                // let the events behind it through (its transaction rolled back: nothing of it stays).
                throw park(record, eventId, type, new PoisonEvent(reason, e));
            }
            Log.warnf("Event %s (%s) will be retried: %s", eventId, type, e.toString());
            throw e;
        }
        lastFailure.set(null);
        if (applied && SubmissionEvents.COMMITTED_TYPE.equals(type)) {
            worker.wake(); // committed: its periods are waiting to be recalculated
        }
    }

    /**
     * Reports the event's submission FAILED (so the provider learns it will not be counted) and
     * returns the exception that sends the event to the dead-letter topic. Should the report
     * itself fail (the database is down), that failure is retried like any passing one, and the
     * event is parked on a later attempt.
     */
    private PoisonEvent park(ConsumerRecord<String, byte[]> record, UUID eventId, String type, PoisonEvent poison) {
        Log.errorf("Event %s (%s) parked on the dead-letter topic: %s", eventId, type, poison.getMessage());
        outcomes.parked(eventId, type, record.key(), record.value(), poison.getMessage());
        lastFailure.set(null);
        return poison;
    }

    /**
     * A failure of no known kind that repeats identically for the same event is taken as
     * deterministic on its second occurrence, rather than holding back the partition for ever.
     */
    private String failedTwice(UUID eventId, Exception e) {
        String signature = eventId + " " + e;
        String previous = lastFailure.getAndSet(signature);
        return signature.equals(previous) ? "Failed identically twice: " + e : null;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
