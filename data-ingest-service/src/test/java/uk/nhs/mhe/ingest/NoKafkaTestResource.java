package uk.nhs.mhe.ingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * For tests that measure the service alone: Kafka points at a closed port, so the outbox relay
 * just waits (as in a broker outage) and no broker shares the test JVM's heap.
 */
public class NoKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:9");
    }

    @Override
    public void stop() {
    }
}
