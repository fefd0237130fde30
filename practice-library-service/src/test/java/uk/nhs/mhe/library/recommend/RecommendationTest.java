package uk.nhs.mhe.library.recommend;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.inState;
import static uk.nhs.mhe.library.Library.reader;
import static uk.nhs.mhe.library.Library.with;

/**
 * Recommendations fed by {@code mhe.indicator-changes.v1}: events produced here to the real
 * in-process Kafka broker (KRaft), consumed by the service into a real embedded PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class RecommendationTest {

    static final String ORG = "RC1";

    @InjectKafkaBootstrap
    String bootstrap;

    @Inject
    DataSource dataSource;

    private void send(String id, String type, String indicator, String area, String json) {
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(IndicatorChangeConsumer.TOPIC, indicator + "|" + area,
                    json.getBytes(StandardCharsets.UTF_8));
            if (id != null) {
                r.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            }
            if (type != null) {
                r.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            }
            r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", "/indicator-service".getBytes(StandardCharsets.UTF_8));
            p.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(String indicator, String area, String computedAt, String groups) {
        return event(indicator, "2025-03", area, computedAt, groups);
    }

    private static String event(String indicator, String period, String area, String computedAt, String groups) {
        return "{\"indicatorId\":\"" + indicator + "\",\"period\":\"" + period + "\",\"area\":\"" + area
                + "\",\"changedGroups\":[\"Black\"],\"disparityGroups\":" + groups + ",\"computedAt\":\"" + computedAt + "\"}";
    }

    private static JsonPath awaitRecommended(String area, Predicate<JsonPath> until) {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonPath r = null;
        while (System.currentTimeMillis() < deadline) {
            r = as(reader()).queryParam("area", area).get(PATH + "/recommended").then().statusCode(200).extract().jsonPath();
            if (until.test(r)) {
                return r;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Recommendations for " + area + " never matched; last: " + (r == null ? null : r.prettify()));
    }

    @Test
    void recommendsPublishedPracticeMatchingTheAreasDisparitiesBestFirst() {
        String both = inState(ORG, "PUBLISHED", with(caseStudy("Black-led crisis alternatives"),
                "populationGroups", List.of("black", "ethnic-minority"), "relatedIndicators", List.of("mha-detention-rate")));
        String groupOnly = inState(ORG, "PUBLISHED", with(caseStudy("Community outreach with Black churches"),
                "populationGroups", List.of("black")));
        String indicatorOnly = inState(ORG, "PUBLISHED", with(caseStudy("Older people's ward rounds"),
                "populationGroups", List.of("older-people"), "relatedIndicators", List.of("mha-detention-rate")));
        String draft = inState(ORG, "DRAFT", with(caseStudy("Unpublished Black-led practice"),
                "populationGroups", List.of("black"), "relatedIndicators", List.of("mha-detention-rate")));
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QRC",
                event("mha-detention-rate", "QRC", "2025-04-01T10:00:00Z",
                        "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Black\"}]"));
        JsonPath r = awaitRecommended("QRC", j -> j.getInt("total") > 0);
        List<String> ids = r.getList("items.caseStudy.id");
        assertEquals(both, ids.get(0), "indicator and groups match first");
        assertTrue(ids.indexOf(groupOnly) > 0, "a group match follows");
        assertFalse(ids.contains(indicatorOnly), "practice for other groups is not recommended");
        assertFalse(ids.contains(draft), "only published practice");
        assertTrue(r.getList("populationGroups").containsAll(List.of("black", "ethnic-minority")));
        assertEquals(true, r.getBoolean("items[0].matches[0].relatedIndicator"));
    }

    @Test
    void keepsTheLatestDisparitiesPerIndicatorAndArea() {
        String asian = inState(ORG, "PUBLISHED", with(caseStudy("Perinatal outreach for Asian mothers"),
                "populationGroups", List.of("asian", "perinatal")));
        // The newer calculation arrives first...
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mh-contact-rate", "QLT",
                event("mh-contact-rate", "QLT", "2025-06-01T10:00:00Z", "[{\"breakdown\":\"age-band\",\"group\":\"65-69\"}]"));
        awaitRecommended("QLT", j -> j.getList("populationGroups").contains("older-people"));
        // ...then an older one, out of order by computedAt: it must not replace the newer one.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mh-contact-rate", "QLT",
                event("mh-contact-rate", "QLT", "2025-04-01T10:00:00Z", "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Asian\"}]"));
        // A marker on another area, sent with the same key (same partition, so consumed after the
        // older event), shows the older event was processed.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mh-contact-rate", "QLT",
                event("mh-contact-rate", "QLU", "2025-04-01T10:00:00Z", "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Asian\"}]"));
        awaitRecommended("QLU", j -> j.getList("populationGroups").contains("asian"));
        JsonPath r = awaitRecommended("QLT", j -> true);
        assertEquals(List.of("older-people"), r.getList("populationGroups"), "the newer calculation stands");
        assertFalse(r.getList("items.caseStudy.id").contains(asian), "nothing recommended for the older calculation");
    }

    @Test
    void anEarlierPeriodRecalculatedLaterDoesNotReplaceTheLatestPicture() {
        // The rolling year to March 2025: Black people fare worse.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QLV",
                event("mha-detention-rate", "R12-2025-03", "QLV", "2025-04-10T10:00:00Z",
                        "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Black\"}]"));
        awaitRecommended("QLV", j -> j.getList("populationGroups").contains("black"));
        // Later, an old month is resubmitted (and March alone recalculated): neither is the
        // area's current picture.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QLV",
                event("mha-detention-rate", "2024-06", "QLV", "2025-05-01T10:00:00Z",
                        "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Asian\"}]"));
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QLV",
                event("mha-detention-rate", "2025-03", "QLV", "2025-05-01T10:00:01Z",
                        "[{\"breakdown\":\"age-band\",\"group\":\"65-69\"}]"));
        // The marker (same key, so consumed after them) on another area.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QLV",
                event("mha-detention-rate", "2024-06", "QLW", "2025-05-01T10:00:00Z",
                        "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Asian\"}]"));
        awaitRecommended("QLW", j -> j.getList("populationGroups").contains("asian"));
        List<String> groups = awaitRecommended("QLV", j -> true).getList("populationGroups");
        assertTrue(groups.contains("black"), "the latest rolling year stands: " + groups);
        assertFalse(groups.contains("asian") || groups.contains("older-people"), "not replaced: " + groups);
        // The next rolling year replaces it.
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "mha-detention-rate", "QLV",
                event("mha-detention-rate", "R12-2025-04", "QLV", "2025-05-10T10:00:00Z",
                        "[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Asian\"}]"));
        awaitRecommended("QLV", j -> j.getList("populationGroups").contains("asian"));
    }

    /**
     * A database failure that passes (here: the table renamed away for a few seconds) is retried
     * in place: the event is applied once the database is back, not sent to the dead-letter topic.
     */
    @Test
    void retriesATransientDatabaseFailureInPlace() throws Exception {
        String id = inState(ORG, "PUBLISHED", with(caseStudy("Outreach to Traveller sites"),
                "populationGroups", List.of("gypsy-roma-traveller")));
        try {
            sql("ALTER TABLE indicator_disparity RENAME TO indicator_disparity_away");
            send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "tt-outage", "QTF",
                    event("tt-outage", "QTF", "2025-04-01T10:00:00Z", "[{\"breakdown\":\"ethnicity\",\"group\":\"C\"}]"));
            Thread.sleep(3_000);
        } finally {
            sql("ALTER TABLE indicator_disparity_away RENAME TO indicator_disparity");
        }
        JsonPath r = awaitRecommended("QTF", j -> j.getList("items.caseStudy.id").contains(id));
        assertTrue(r.getList("populationGroups").contains("gypsy-roma-traveller"));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void appliesARedeliveredEventOnce() {
        String id = UUID.randomUUID().toString();
        inState(ORG, "PUBLISHED", with(caseStudy("Rural outreach"), "populationGroups", List.of("deprived-areas")));
        send(id, IndicatorValuesChanged.TYPE, "tt-access-rate", "QRD",
                event("tt-access-rate", "QRD", "2025-05-01T10:00:00Z", "[{\"breakdown\":\"core20\",\"group\":\"Core20\"}]"));
        awaitRecommended("QRD", j -> j.getInt("total") > 0);
        // The same event id again, with different content: already applied, so ignored.
        send(id, IndicatorValuesChanged.TYPE, "tt-access-rate", "QRD",
                event("tt-access-rate", "QRD", "2025-07-01T10:00:00Z", "[]"));
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "tt-access-rate", "QRE",
                event("tt-access-rate", "QRE", "2025-07-01T10:00:00Z", "[{\"breakdown\":\"core20\",\"group\":\"Core20\"}]"));
        awaitRecommended("QRE", j -> j.getInt("total") > 0);
        JsonPath r = awaitRecommended("QRD", j -> true);
        assertEquals(List.of("deprived-areas"), r.getList("populationGroups"));
    }

    @Test
    void sendsUnreadableEventsToTheDeadLetterTopicWithTheReason() {
        String bad = UUID.randomUUID().toString();
        send(bad, IndicatorValuesChanged.TYPE, "mha-detention-rate", "QDL", "{not json");
        send(null, null, "mha-detention-rate", "QDL", event("mha-detention-rate", "QDL", "2025-04-01T10:00:00Z", "[]"));
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(IndicatorChangeConsumer.TOPIC + ".dlq"));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && seen.stream().filter(x -> "mha-detention-rate|QDL".equals(x.key())).count() < 2) {
                c.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            List<ConsumerRecord<String, byte[]>> mine = seen.stream().filter(x -> "mha-detention-rate|QDL".equals(x.key())).toList();
            assertEquals(2, mine.size());
            for (ConsumerRecord<String, byte[]> rec : mine) {
                assertTrue(rec.headers().lastHeader("dead-letter-reason") != null, "reason header");
            }
        }
        // The consumer goes on after a poison message.
        inState(ORG, "PUBLISHED", with(caseStudy("After poison"), "populationGroups", List.of("lgbt-plus")));
        send(UUID.randomUUID().toString(), IndicatorValuesChanged.TYPE, "tt-recovery", "QDM",
                event("tt-recovery", "QDM", "2025-04-01T10:00:00Z", "[{\"breakdown\":\"sexual-orientation\",\"group\":\"2\"}]"));
        awaitRecommended("QDM", j -> j.getInt("total") > 0);
    }
}
