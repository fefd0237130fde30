package uk.nhs.mhe.indicator.admin;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code mhe.submissions.v1} from the earliest offset, outside the service's consumer
 * group: no group id, every partition assigned by hand, nothing committed, so a replay neither
 * moves nor disturbs the group's offsets (other instances keep their partitions).
 */
@ApplicationScoped
public class SubmissionTopic {

    /** What a replay does with each record; may throw to stop it. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(ConsumerRecord<String, byte[]> record) throws Exception;
    }

    private final String bootstrapServers;
    private final String topic;

    public SubmissionTopic(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mp.messaging.incoming.submissions.topic") String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** A reader positioned at the start of every partition; fails fast when Kafka is unavailable. */
    public Reader open() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                ConsumerConfig.CLIENT_ID_CONFIG, "indicator-rebuild"),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            for (PartitionInfo p : infos == null ? List.<PartitionInfo>of() : infos) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            return new Reader(consumer, partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** One pass over the topic. Not thread-safe (a Kafka consumer is not). */
    public static final class Reader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;

        private Reader(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
            this.consumer = consumer;
            this.partitions = partitions;
        }

        /**
         * Hands every record from the earliest offset up to the end offsets of this moment to
         * {@code handler}, partition by partition interleaved as Kafka returns them (each key
         * lives in one partition, so its events come in order); returns how many. Records
         * written after the call began are left to the consumer group.
         */
        public long replay(RecordHandler handler) throws Exception {
            if (partitions.isEmpty()) {
                return 0; // no topic yet: nothing was ever submitted
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            long count = 0;
            while (!reached(end)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        handler.handle(r);
                        count++;
                    }
                }
            }
            return count;
        }

        private boolean reached(Map<TopicPartition, Long> end) {
            for (TopicPartition tp : partitions) {
                if (consumer.position(tp) < end.get(tp)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
