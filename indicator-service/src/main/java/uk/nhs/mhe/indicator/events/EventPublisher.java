package uk.nhs.mhe.indicator.events;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka producer of {@link EventRelay}: idempotent, {@code acks=all}; one topic per
 * {@link EventOutbox.Stream}. A plain
 * client rather than a reactive-messaging emitter: the relay needs acknowledged sends with its
 * own headers and no buffer in front of the outbox (which is the buffer). Created lazily, and
 * the topic created if missing, so the service starts and keeps recalculating while Kafka is down.
 */
@ApplicationScoped
public class EventPublisher {

    static final int DELIVERY_TIMEOUT_MS = 30_000;

    private final String bootstrapServers;
    private final Map<EventOutbox.Stream, NewTopic> topics;
    private final Set<String> readyTopics = ConcurrentHashMap.newKeySet();
    private volatile KafkaProducer<String, byte[]> producer;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mhe.indicator-changes.topic") String changesTopic,
            @ConfigProperty(name = "mhe.indicator-changes.partitions") int changesPartitions,
            @ConfigProperty(name = "mhe.indicator-changes.replication-factor") short changesReplication,
            @ConfigProperty(name = "mhe.submission-outcomes.topic") String outcomesTopic,
            @ConfigProperty(name = "mhe.submission-outcomes.partitions") int outcomesPartitions,
            @ConfigProperty(name = "mhe.submission-outcomes.replication-factor") short outcomesReplication) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new EnumMap<>(Map.of(
                EventOutbox.Stream.INDICATOR_CHANGES, new NewTopic(changesTopic, changesPartitions, changesReplication),
                EventOutbox.Stream.SUBMISSION_OUTCOMES, new NewTopic(outcomesTopic, outcomesPartitions, outcomesReplication)));
    }

    public String topic(EventOutbox.Stream stream) {
        return topics.get(stream).name();
    }

    public Future<RecordMetadata> send(EventOutbox.Stream stream, ProducerRecord<String, byte[]> record) {
        ensureTopic(topics.get(stream));
        return producer().send(record);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            // Up to 5 in flight keeps order per partition with idempotence.
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                            ProducerConfig.LINGER_MS_CONFIG, 5,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                            ProducerConfig.CLIENT_ID_CONFIG, "indicator-service-events"),
                            new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /** Creates the topic unless it exists (once per process); brokers here do not auto-create. */
    private void ensureTopic(NewTopic topic) {
        if (readyTopics.contains(topic.name())) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            uk.nhs.mhe.common.kafka.TopicReadiness.awaitLeaders(admin, topic.name(), 10_000);
            Log.infof("Created topic %s with %d partitions", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Kafka unavailable: " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka unavailable: " + e.getMessage(), e);
        }
        readyTopics.add(topic.name());
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
