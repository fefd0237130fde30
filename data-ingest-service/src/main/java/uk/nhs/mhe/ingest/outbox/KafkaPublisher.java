package uk.nhs.mhe.ingest.outbox;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka producer of the outbox relay. A plain client rather than a reactive-messaging
 * emitter: the relay needs synchronous, acknowledged sends of bytes it already serialised, with
 * its own headers, and no second buffer in front of the outbox (which is the buffer).
 * Created lazily so the service starts, and accepts submissions, while Kafka is down.
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final int DELIVERY_TIMEOUT_MS = 30_000;

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean topicReady;

    public KafkaPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "mhe.outbox.topic") String topic,
            @ConfigProperty(name = "mhe.outbox.partitions") int partitions,
            @ConfigProperty(name = "mhe.outbox.replication-factor") short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public String topic() {
        return topic;
    }

    public int deliveryTimeoutMs() {
        return DELIVERY_TIMEOUT_MS;
    }

    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        ensureTopic();
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
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                            ProducerConfig.LINGER_MS_CONFIG, 5,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                            ProducerConfig.CLIENT_ID_CONFIG, "data-ingest-outbox"),
                            new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    /**
     * Creates the topic with the configured partitions unless it exists, and keeps its events for
     * ever either way (once per process): the indicator service rebuilds its state by replaying
     * the topic from the earliest offset, so no submission may age out of it.
     */
    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        Map<String, String> keepForEver = Map.of("retention.ms", "-1", "retention.bytes", "-1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor).configs(keepForEver)))
                        .all().get(10, TimeUnit.SECONDS);
                uk.nhs.mhe.common.kafka.TopicReadiness.awaitLeaders(admin, topic, 10_000);
                Log.infof("Created topic %s with %d partitions", topic, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Kafka unavailable: " + e.getCause().getMessage(), e);
                }
                // Created by someone else (e.g. a broker auto-creating it): set its retention.
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                List<AlterConfigOp> ops = keepForEver.entrySet().stream()
                        .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                        .toList();
                admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(10, TimeUnit.SECONDS);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka unavailable: " + e.getMessage(), e);
        }
        topicReady = true;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
