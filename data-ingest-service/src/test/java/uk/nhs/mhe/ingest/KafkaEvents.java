package uk.nhs.mhe.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads topic {@code mhe.submissions.v1} from the test broker. */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    /** The events of one submission, waiting up to {@code seconds} until {@code expected} arrived. */
    public static List<ConsumerRecord<String, byte[]>> of(String bootstrap, String submissionId, int expected, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        while (System.currentTimeMillis() < deadline && mine.size() < expected) {
            mine = all(bootstrap).stream()
                    .filter(e -> new String(e.value(), StandardCharsets.UTF_8).contains(submissionId)).toList();
        }
        return mine;
    }

    public static List<ConsumerRecord<String, byte[]>> all(String bootstrap) {
        return all(bootstrap, "mhe.submissions.v1");
    }

    /** Everything on {@code topic}, in partition and offset order. */
    public static List<ConsumerRecord<String, byte[]>> all(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            int emptyPolls = 0;
            while (emptyPolls < 2) {
                var polled = consumer.poll(Duration.ofMillis(1500));
                if (polled.isEmpty()) {
                    emptyPolls++;
                }
                polled.forEach(all::add);
            }
            all.sort(Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition())
                    .thenComparingLong(ConsumerRecord::offset));
            return all;
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
