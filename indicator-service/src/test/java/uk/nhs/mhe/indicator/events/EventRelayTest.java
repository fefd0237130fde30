package uk.nhs.mhe.indicator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.indicator.events.ExactRows.all;
import static uk.nhs.mhe.indicator.events.ExactRows.of;
import static uk.nhs.mhe.indicator.events.ExactRows.proportions;
import static uk.nhs.mhe.indicator.events.ExactRows.rates;

/**
 * Indicator-change events from a recalculation's transaction to the real test broker: one event
 * per area, key {@code INDICATOR|AREA}, the CloudEvents headers the practice library reads, the
 * payload of api.md with the groups whose public figures changed and the disparity groups of
 * indicators.md (both judged on the public view); the outbox row deleted once
 * Kafka acknowledged it. The scheduled relay does the publishing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class EventRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaBootstrap
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IndicatorChanges changes;

    @Inject
    Catalogue catalogue;

    @Test
    void recordedChangesArePublishedPerAreaWithHeadersAndDisparitiesThenDeleted() throws Exception {
        Indicator detentions = catalogue.find("mha-detention-rate").orElseThrow();
        Indicator recovery = catalogue.find("tt-recovery").orElseThrow();
        // Periods no other test uses, so the events found on the shared topic are this test's.
        String period = "2031-0" + (1 + (int) (Math.random() * 9));
        // QMJ before and after: Asian's count went from 21 to 40, Mixed's from 8 to 7 (hidden both
        // times: a change the public cannot see).
        List<IndicatorValue> qmjBefore = rates(detentions.id(), "QMJ", period, "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", 100, 100_000, "Asian", 21, 1_000_000, "Mixed", 8, 100_000);
        List<IndicatorValue> qmjAfter = rates(detentions.id(), "QMJ", period, "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", 100, 100_000, "Asian", 40, 1_000_000, "Mixed", 7, 100_000);
        // QKK: a new Black row whose ratio to White (published 20 against 200) has an interval containing 1.
        List<IndicatorValue> qkkBefore = rates(detentions.id(), "QKK", period, "broad-ethnicity", "White",
                "White", 200, 1_000_000);
        List<IndicatorValue> qkkAfter = rates(detentions.id(), "QKK", period, "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", 22, 100_000);
        // RV5: a first calculation. RX4: 8 of 50 became 7 of 50, hidden both times.
        List<IndicatorValue> rv5 = proportions(recovery.id(), "RV5", period, "broad-ethnicity", "White",
                "White", 500, 1000, "Black", 200, 500, "Asian", 300, 500);
        List<IndicatorValue> rx4Before = proportions(recovery.id(), "RX4", period, "broad-ethnicity", "White",
                "White", 500, 1000, "Black", 8, 50);
        List<IndicatorValue> rx4After = proportions(recovery.id(), "RX4", period, "broad-ethnicity", "White",
                "White", 500, 1000, "Black", 7, 50);
        Instant before = Instant.now();

        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                changes.recorded(c, detentions, period,
                        List.of(of(qmjAfter, "broad-ethnicity", "Asian"), of(qmjAfter, "broad-ethnicity", "Mixed"),
                                of(qkkAfter, "broad-ethnicity", "Black")),
                        all(qmjAfter, qkkAfter), all(qmjBefore, qkkBefore));
                changes.recorded(c, recovery, period, all(rv5, List.of(of(rx4After, "broad-ethnicity", "Black"))),
                        all(rv5, rx4After), rx4Before);
                changes.recorded(c, recovery, period, List.of(), rv5, rv5); // nothing changed: no event
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        Map<String, ConsumerRecord<String, byte[]>> byKey = await(period, 3);
        assertEquals(Set.of("mha-detention-rate|QMJ", "mha-detention-rate|QKK", "tt-recovery|RV5"), byKey.keySet(),
                "no event for RX4, whose change the public figures do not show");

        ConsumerRecord<String, byte[]> qmj = byKey.get("mha-detention-rate|QMJ");
        assertEquals("uk.nhs.mhe.IndicatorValuesChanged", header(qmj, "ce_type"));
        assertEquals("1.0", header(qmj, "ce_specversion"));
        assertEquals("/indicator-service", header(qmj, "ce_source"));
        assertEquals("mha-detention-rate|QMJ", header(qmj, "ce_subject"));
        assertEquals("application/json", header(qmj, "content-type"));
        UUID.fromString(header(qmj, "ce_id"));
        assertNotNull(header(qmj, "ce_time"));
        JsonNode event = JSON.readTree(qmj.value());
        assertEquals("mha-detention-rate", event.get("indicatorId").asText());
        assertEquals(period, event.get("period").asText());
        assertEquals("QMJ", event.get("area").asText());
        assertEquals(List.of("broad-ethnicity|Asian"), texts(event.get("changedGroups")),
                "Mixed's 8 → 7 is hidden both times: not named");
        assertEquals(1, event.get("disparityGroups").size());
        assertEquals("broad-ethnicity", event.at("/disparityGroups/0/breakdown").asText());
        assertEquals("Black", event.at("/disparityGroups/0/group").asText());
        Instant computedAt = Instant.parse(event.get("computedAt").asText());
        assertTrue(!computedAt.isBefore(before.minusSeconds(1)), "computedAt is the recalculation's time");

        JsonNode qkk = JSON.readTree(byKey.get("mha-detention-rate|QKK").value());
        assertEquals(List.of("broad-ethnicity|Black"), texts(qkk.get("changedGroups")));
        assertEquals(0, qkk.get("disparityGroups").size(), "a ratio whose interval contains 1 is no disparity");

        JsonNode rv5Event = JSON.readTree(byKey.get("tt-recovery|RV5").value());
        assertEquals(List.of("broad-ethnicity|White", "broad-ethnicity|Black", "broad-ethnicity|Asian"),
                texts(rv5Event.get("changedGroups")));
        assertEquals(1, rv5Event.get("disparityGroups").size());
        assertEquals("Black", rv5Event.at("/disparityGroups/0/group").asText(),
                "HIGH_IS_GOOD difference wholly below 0 is a disparity; wholly above 0 is not");

        // Deleted once acknowledged.
        long deadline = System.currentTimeMillis() + 10_000;
        while (outboxRows(period) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, outboxRows(period));
        // Everything recorded is now on the topic: still no event for RX4.
        assertEquals(byKey.keySet(), await(period, 3).keySet());
    }

    private long outboxRows(String period) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM event_outbox WHERE period = ?")) {
            ps.setString(1, period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The events of {@code period} on the topic, by key, once {@code expected} of them arrived. */
    private Map<String, ConsumerRecord<String, byte[]>> await(String period, int expected) throws Exception {
        Map<String, ConsumerRecord<String, byte[]>> byKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("mhe.indicator-changes.v1"));
            long deadline = System.currentTimeMillis() + 30_000;
            // Until the expected number arrived, then a little longer: an unexpected extra event
            // (one for a change only exact figures show) must not go unseen.
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (period.equals(JSON.readTree(r.value()).path("period").asText())) {
                        byKey.put(r.key(), r);
                    }
                }
                if (byKey.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 2_000;
                }
            }
        }
        assertEquals(expected, byKey.size(), "events received: " + byKey.keySet());
        return byKey;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
