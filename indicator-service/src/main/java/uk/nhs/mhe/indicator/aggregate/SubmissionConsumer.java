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

/**
 * Consumes {@code mhe.submissions.v1}. The offset is acknowledged only after the database
 * transaction of {@link SubmissionApplier} committed. A failure that would recur on every attempt
 * ({@link FailureKind}: a {@link PoisonEvent}, an unreadable event, a value the database refuses)
 * goes to {@code mhe.submissions.v1.dlq} at once with the reason in its headers, and the partition
 * moves on; any other failure is retried in place with backoff, holding back the partition so that
 * a key's events stay in order and a submission is never lost to a passing database outage.
 */
@ApplicationScoped
public class SubmissionConsumer {

    public static final String CHANNEL = "submissions";

    private final SubmissionApplier applier;
    private final RecalculationWorker worker;

    public SubmissionConsumer(SubmissionApplier applier, RecalculationWorker worker) {
        this.applier = applier;
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, jitter = 100, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void consume(ConsumerRecord<String, byte[]> record) throws Exception {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new PoisonEvent("Event without CloudEvents headers ce_id and ce_type");
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PoisonEvent("ce_id is not a UUID: " + id, e);
        }
        boolean applied;
        try {
            applied = applier.apply(eventId, type, record.value());
        } catch (PoisonEvent e) {
            throw e;
        } catch (Exception e) {
            String reason = FailureKind.deterministic(e);
            if (reason != null) {
                // It would fail the same way on every attempt: park it now, with the reason, and
                // let the events behind it through (its transaction rolled back: nothing of it stays).
                Log.errorf("Event %s (%s) parked on the dead-letter topic: %s", eventId, type, reason);
                throw new PoisonEvent(reason, e);
            }
            Log.warnf("Event %s (%s) will be retried: %s", eventId, type, e.toString());
            throw e;
        }
        if (applied && SubmissionEvents.COMMITTED_TYPE.equals(type)) {
            worker.wake(); // committed: its periods are waiting to be recalculated
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
