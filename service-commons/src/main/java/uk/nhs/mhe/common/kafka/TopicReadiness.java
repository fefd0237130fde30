package uk.nhs.mhe.common.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits, after creating a topic, until every partition has a leader. An idempotent producer that
 * sends at once can meet "not leader" on its first batch, retry it, and then be refused for good
 * with OutOfOrderSequenceException (seen once in CI: the outbox relay stalled on a partition of a
 * topic created a moment before). Kafka's admin API has no "created and led" call; this polls it.
 */
public final class TopicReadiness {

    private TopicReadiness() {
    }

    /** Returns once {@code topic}'s partitions all have leaders, or after {@code timeoutMs} (then the producer's own retries go on). */
    public static void awaitLeaders(Admin admin, String topic, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
                if (d != null && !d.partitions().isEmpty() && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // not described yet: try again
            }
            Thread.sleep(100);
        }
    }
}
