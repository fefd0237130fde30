package uk.nhs.mhe.indicator.aggregate;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Consumes {@code mhe.submissions.v1}. The offset is acknowledged only after the database
 * transaction of {@link SubmissionApplier} committed; an event that cannot be applied goes to
 * {@code mhe.submissions.v1.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class SubmissionConsumer {

    public static final String CHANNEL = "submissions";

    private final SubmissionApplier applier;

    public SubmissionConsumer(SubmissionApplier applier) {
        this.applier = applier;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws Exception {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new IllegalArgumentException("Event without CloudEvents headers ce_id and ce_type");
        }
        applier.apply(UUID.fromString(id), type, record.value());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
