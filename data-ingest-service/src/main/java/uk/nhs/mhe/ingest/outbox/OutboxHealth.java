package uk.nhs.mhe.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Names a stuck outbox in readiness ("outbox"): rows waiting for Kafka, the age of the oldest, and
 * {@code relayStuck} once it has waited over {@value #STUCK_AFTER_SECONDS} s. Stays UP: the
 * service keeps accepting submissions while Kafka is away (the outbox is there for that), so
 * taking it out of rotation would refuse data that would have been kept safe. Alert on the gauge
 * {@code mhe.outbox.lag.seconds}.
 */
@Readiness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    static final long STUCK_AFTER_SECONDS = 60;

    private final OutboxRelay relay;

    public OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        long[] backlog = relay.backlog();
        return HealthCheckResponse.named("outbox").up().withData("unpublished", backlog[0])
                .withData("oldestUnpublishedSeconds", backlog[1])
                .withData("relayStuck", backlog[1] > STUCK_AFTER_SECONDS).build();
    }
}
