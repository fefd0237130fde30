package uk.nhs.mhe.library.recommend;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;

/**
 * Consumes {@code mhe.indicator-changes.v1}. The offset is acknowledged only after the
 * transaction of {@link DisparityStore} committed (event id recorded with the change). A
 * {@link PoisonEvent} (an event that can never be applied) goes to
 * {@code mhe.indicator-changes.v1.dlq} with the reason in its headers; any other failure (the
 * database restarting, a lock timeout) is retried in place with exponential backoff, holding
 * back the partition, so that no change is lost to a passing outage.
 */
@ApplicationScoped
public class IndicatorChangeConsumer {

    public static final String CHANNEL = "indicator-changes";
    public static final String TOPIC = "mhe.indicator-changes.v1";

    private final DisparityStore store;

    public IndicatorChangeConsumer(DisparityStore store) {
        this.store = store;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, jitter = 100, abortOn = PoisonEvent.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public void consume(ConsumerRecord<String, byte[]> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new PoisonEvent("Event without CloudEvents headers ce_id and ce_type");
        }
        store.apply(id, type, record.value());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
