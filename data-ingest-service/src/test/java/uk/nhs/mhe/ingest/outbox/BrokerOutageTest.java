package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.InjectKafkaBroker;
import uk.nhs.mhe.infra.KafkaBroker;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.KafkaEvents;
import uk.nhs.mhe.ingest.Submissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability of the outbox against the real in-process Kafka broker (KRaft), which this test
 * stops and restarts, real embedded PostgreSQL and the OIDC test server.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class BrokerOutageTest {

    @org.junit.jupiter.api.BeforeEach
    void plainContentTypes() {
        uk.nhs.mhe.ingest.TestHttp.configure();
    }

    @InjectKafkaBroker
    KafkaBroker broker;

    @InjectKafkaBootstrap
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    private String submit(String provider, String period, int records, String prefix) {
        return given().auth().oauth2(TestTokens.admin()).contentType("text/csv")
                .body(Submissions.mhsdsCsv(records, prefix, "\n"))
                .when().post("/api/v1/submissions?dataset=MHSDS&provider=" + provider + "&period=" + period)
                .then().statusCode(201).body("status", equalTo("ACCEPTED")).extract().path("id");
    }

    @Test
    void acceptsWhileKafkaIsDownAndPublishesInOrderPerKeyWhenItReturns() throws Exception {
        List<String> ids = new ArrayList<>();
        broker.stopBroker();
        try {
            for (int v = 0; v < 3; v++) {
                ids.add(submit("RV5", "2018-01", 1500, "O" + v));
            }
            Thread.sleep(1500);
            for (String id : ids) {
                given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/submissions/" + id)
                        .then().body("status", equalTo("ACCEPTED"));
            }
            assertEquals(9, count("SELECT count(*) FROM outbox WHERE published_at IS NULL AND submission_id IN ('"
                    + String.join("','", ids) + "')"), "two batches and a commit each, all waiting");
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("mhe_outbox_unpublished"))
                    .body(containsString("mhe_outbox_lag_seconds"))
                    .body(containsString("mhe_ingest_records_read_total"))
                    .body(containsString("mhe_ingest_last_records_per_second"));
            // Readiness stays UP (submissions are still taken) and names the waiting rows.
            long until = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < until && given().when().get("/q/health/ready")
                    .path("checks.find { it.name == 'outbox' }.data.unpublished") instanceof Integer n && n < 9) {
                Thread.sleep(250);
            }
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.unpublished",
                            org.hamcrest.Matchers.greaterThanOrEqualTo(9));
        } finally {
            broker.restartBroker();
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && count("SELECT count(*) FROM submission WHERE status = 'PUBLISHED' "
                + "AND id IN ('" + String.join("','", ids) + "')") < 3) {
            Thread.sleep(250);
        }
        for (String id : ids) {
            given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/submissions/" + id)
                    .then().body("status", equalTo("PUBLISHED"));
        }
        // In partition order, first occurrences of each event: v1 b1 b2 commit, v2 ..., v3 ...
        List<String> sequence = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> e : KafkaEvents.all(bootstrap)) {
            if (!e.key().equals("MHSDS|RV5|2018-01") || !seen.add(KafkaEvents.header(e, "ce_id"))) {
                continue;
            }
            JsonNode event = mapper.readTree(e.value());
            sequence.add(event.get("version").asInt() + (event.has("batchSeq") ? "b" + event.get("batchSeq").asInt() : "c"));
        }
        assertEquals(List.of("1b1", "1b2", "1c", "2b1", "2b2", "2c", "3b1", "3b2", "3c"), sequence);
    }

    @Test
    void twoRelaysAtOnceNeverPublishABatchTwiceOrUnderAnotherId() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<OutboxRelay> relays = List.of(
                new OutboxRelay(dataSource, mapper, new KafkaPublisher(bootstrap, "mhe.submissions.v1", 6, (short) 1), registry),
                new OutboxRelay(dataSource, mapper, new KafkaPublisher(bootstrap, "mhe.submissions.v1", 6, (short) 1), registry));
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> loops = new ArrayList<>();
        for (OutboxRelay relay : relays) {
            loops.add(pool.submit(() -> {
                while (running.get()) {
                    relay.relayOnce();
                }
                return null;
            }));
        }
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                ids.add(submit(i % 2 == 0 ? "RV5" : "RXT", "2018-0" + (2 + i), 2500, "C" + i));
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && count("SELECT count(*) FROM outbox WHERE published_at IS NULL") > 0) {
                Thread.sleep(200);
            }
        } finally {
            running.set(false);
            for (Future<?> f : loops) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        Map<String, Set<String>> idsPerBatch = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, byte[]> e : KafkaEvents.all(bootstrap)) {
            JsonNode event = mapper.readTree(e.value());
            String submission = event.get("submissionId").asText();
            if (!ids.contains(submission)) {
                continue;
            }
            String batch = submission + (event.has("batchSeq") ? ":" + event.get("batchSeq").asInt() : ":commit");
            idsPerBatch.computeIfAbsent(batch, k -> new LinkedHashSet<>()).add(KafkaEvents.header(e, "ce_id"));
            copies.merge(batch, 1, Integer::sum);
            String expected = event.has("batchSeq")
                    ? OutboxWriter.batchEventId(UUID.fromString(submission), event.get("batchSeq").asInt()).toString()
                    : OutboxWriter.commitEventId(UUID.fromString(submission)).toString();
            assertEquals(expected, KafkaEvents.header(e, "ce_id"), "event ids derive from the submission and batch");
        }
        assertEquals(6 * 4, idsPerBatch.size(), "three batches and a commit per submission");
        idsPerBatch.forEach((batch, eventIds) -> assertEquals(1, eventIds.size(), batch + " has one event id"));
        copies.forEach((batch, n) -> assertEquals(1, n, batch + " was published once"));
        assertTrue(relays.size() == 2);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
