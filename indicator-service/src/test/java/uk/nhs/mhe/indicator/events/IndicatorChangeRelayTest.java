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
import static uk.nhs.mhe.indicator.events.DisparitiesTest.row;

/**
 * Indicator-change events from a recalculation's transaction to the real test broker: one event
 * per area, key {@code INDICATOR|AREA}, the CloudEvents headers the practice library reads, the
 * payload of api.md with the disparity groups of indicators.md; the outbox row deleted once
 * Kafka acknowledged it. The scheduled relay does the publishing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IndicatorChangeRelayTest {

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
        List<IndicatorValue> detentionRows = List.of(
                at(row(detentions.id(), "QMJ", "broad-ethnicity", "White", null, null, null), period),
                at(row(detentions.id(), "QMJ", "broad-ethnicity", "Black", "White", 1.8, 4.2), period),
                at(row(detentions.id(), "QMJ", "broad-ethnicity", "Asian", "White", 0.2, 0.6), period),
                at(row(detentions.id(), "QKK", "broad-ethnicity", "Black", "White", 0.7, 1.9), period));
        List<IndicatorValue> recoveryRows = List.of(
                at(row(recovery.id(), "RV5", "broad-ethnicity", "Black", "White", -12.5, -3.1), period),
                at(row(recovery.id(), "RV5", "broad-ethnicity", "Asian", "White", 2.0, 9.0), period));
        Instant before = Instant.now();

        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                // Only QMJ's Asian row and QKK changed; QMJ's Black row still counts as a disparity.
                changes.recorded(c, detentions, period, List.of(detentionRows.get(2), detentionRows.get(3)), detentionRows);
                changes.recorded(c, recovery, period, recoveryRows, recoveryRows);
                changes.recorded(c, recovery, period, List.of(), recoveryRows); // nothing changed: no event
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        Map<String, ConsumerRecord<String, byte[]>> byKey = await(period, 3);
        assertEquals(Set.of("mha-detention-rate|QMJ", "mha-detention-rate|QKK", "tt-recovery|RV5"), byKey.keySet());

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
        assertEquals(List.of("broad-ethnicity|Asian"), texts(event.get("changedGroups")));
        assertEquals(1, event.get("disparityGroups").size());
        assertEquals("broad-ethnicity", event.at("/disparityGroups/0/breakdown").asText());
        assertEquals("Black", event.at("/disparityGroups/0/group").asText());
        Instant computedAt = Instant.parse(event.get("computedAt").asText());
        assertTrue(!computedAt.isBefore(before.minusSeconds(1)), "computedAt is the recalculation's time");

        JsonNode qkk = JSON.readTree(byKey.get("mha-detention-rate|QKK").value());
        assertEquals(List.of("broad-ethnicity|Black"), texts(qkk.get("changedGroups")));
        assertEquals(0, qkk.get("disparityGroups").size(), "a ratio whose interval contains 1 is no disparity");

        JsonNode rv5 = JSON.readTree(byKey.get("tt-recovery|RV5").value());
        assertEquals(List.of("broad-ethnicity|Black", "broad-ethnicity|Asian"), texts(rv5.get("changedGroups")));
        assertEquals(1, rv5.get("disparityGroups").size());
        assertEquals("Black", rv5.at("/disparityGroups/0/group").asText(),
                "HIGH_IS_GOOD difference wholly below 0 is a disparity; wholly above 0 is not");

        // Deleted once acknowledged.
        long deadline = System.currentTimeMillis() + 10_000;
        while (outboxRows(period) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, outboxRows(period));
    }

    private static IndicatorValue at(IndicatorValue v, String period) {
        return new IndicatorValue(v.indicatorId(), v.area(), period, v.periodType(), v.breakdown(), v.group(),
                v.numerator(), v.denominator(), v.value(), v.lower95(), v.upper95(), v.lower998(), v.upper998(),
                v.referenceGroup(), v.comparison(), v.comparisonLower95(), v.comparisonUpper95());
    }

    private long outboxRows(String period) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM indicator_change_outbox WHERE period = ?")) {
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
            while (byKey.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (period.equals(JSON.readTree(r.value()).path("period").asText())) {
                        byKey.put(r.key(), r);
                    }
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
