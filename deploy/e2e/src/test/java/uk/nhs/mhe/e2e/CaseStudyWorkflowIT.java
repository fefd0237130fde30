package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library of positive practice end to end, as its users would use it: the packaged
 * practice-library-service against real PostgreSQL, a real Kafka broker and real Keycloak (realm
 * file of deploy/keycloak), with password-grant tokens of the demo users contributor.rv5,
 * contributor.rxt, moderator, commissioner and assurance.london.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseStudyWorkflowIT {

    private Platform platform;
    private Api api;
    private String cases;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        api = new Api(platform.keycloak.tokenEndpoint());
        cases = platform.libraryUrl + "/api/v1/case-studies";
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Map<String, Object> caseStudy(String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("summary", "Peer workers and a Black-led charity run an evening crisis café.");
        m.put("body", "## What we did\n\nA crisis café co-produced with **Black-led** community groups.<script>alert(1)</script>");
        m.put("region", "Y56");
        m.put("populationGroups", List.of("black", "ethnic-minority"));
        m.put("serviceArea", "crisis");
        m.put("interventionType", "co-production");
        m.put("stage", "deliver");
        m.put("evidenceLevel", "local-evaluation");
        m.put("relatedIndicators", List.of("mha-detention-rate"));
        return m;
    }

    private List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void aCaseStudyGoesFromDraftToPublishedWithRealUsers() throws Exception {
        String rv5 = api.userToken("contributor.rv5");
        String rxt = api.userToken("contributor.rxt");
        String moderator = api.userToken("moderator");
        String commissioner = api.userToken("commissioner");
        String assurance = api.userToken("assurance.london");

        Api.Response created = api.postJson(cases, rv5, caseStudy("Evening crisis café with Black-led charities"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String id = created.body().path("id").asText();
        assertEquals("RV5", created.body().path("organisation").asText());
        assertEquals("DRAFT", created.body().path("status").asText());
        assertFalse(created.body().path("body").asText().contains("<script"), "sanitised on write");

        // Others' drafts do not exist for them, in reads and in searches.
        assertEquals(404, api.get(cases + "/" + id, rxt).status());
        assertEquals(404, api.get(cases + "/" + id, commissioner).status());
        assertFalse(ids(api.get(cases + "?q=crisis%20caf%C3%A9", commissioner).body()).contains(id));
        assertTrue(ids(api.get(cases + "?q=crisis%20caf%C3%A9", rv5).body()).contains(id));
        assertEquals(403, api.get(cases, assurance).status(), "no library role");
        assertEquals(403, api.postJson(cases, moderator, caseStudy("Moderators do not write")).status());

        assertEquals(200, api.post(cases + "/" + id + "/submit", rv5).status());
        assertEquals(403, api.post(cases + "/" + id + "/publish", rv5).status(), "contributors do not publish");
        Api.Response returned = api.postJson(cases + "/" + id + "/return", moderator,
                Map.of("comment", "Please add your outcome measures."));
        assertEquals("RETURNED", returned.body().path("status").asText());
        Map<String, Object> revised = caseStudy("Evening crisis café with Black-led charities");
        revised.put("outcomes", List.of(Map.of("metric", "Section 136 detentions", "baseline", "41", "after", "29",
                "period", "2024")));
        assertEquals(200, api.putJson(cases + "/" + id, rv5, revised).status());
        assertEquals(404, api.putJson(cases + "/" + id, rxt, revised).status(), "another trust's returned study does not exist for it");
        assertEquals(200, api.post(cases + "/" + id + "/submit", rv5).status());
        Api.Response published = api.post(cases + "/" + id + "/publish", moderator);
        assertEquals("PUBLISHED", published.body().path("status").asText());
        assertTrue(published.body().path("reviewDue").asText().length() == 10);

        // Commissioners find it, with facets and a highlighted snippet, and their view counts once a day.
        JsonNode found = api.get(cases + "?q=crisis%20cafe&populationGroups=black", commissioner).body();
        assertTrue(ids(found).contains(id));
        assertTrue(found.path("items").get(0).path("snippet").asText().contains("<mark>"));
        assertTrue(found.path("facets").path("region").path("Y56").asInt() >= 1);
        assertEquals(1, api.get(cases + "/" + id, commissioner).body().path("views").asInt());
        assertEquals(1, api.get(cases + "/" + id, commissioner).body().path("views").asInt());
        Api.TextResponse feed = api.getText(platform.libraryUrl + "/feeds/published.atom", commissioner);
        assertTrue(feed.body().contains("urn:uuid:" + id), feed.body());
        Api.TextResponse csv = api.getText(platform.libraryUrl + "/api/v1/case-studies.csv?q=crisis", commissioner);
        assertTrue(csv.body().contains(id));

        // History: every save and action, with its author.
        JsonNode revisions = api.get(cases + "/" + id + "/revisions", rv5).body();
        assertEquals(6, revisions.size());
        assertEquals("moderator", revisions.get(5).path("author").asText());
        JsonNode diff = api.get(cases + "/" + id + "/revisions/4", rv5).body().path("diff");
        assertEquals("outcomes", diff.get(0).path("field").asText());

        // Recommendations fed by an indicator change event on the real broker.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            String event = "{\"indicatorId\":\"mha-detention-rate\",\"period\":\"2025-03\",\"area\":\"QKK\","
                    + "\"changedGroups\":[\"Black\"],\"disparityGroups\":[{\"breakdown\":\"broad-ethnicity\",\"group\":\"Black\"}],"
                    + "\"computedAt\":\"2025-04-02T08:00:00Z\"}";
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("mhe.indicator-changes.v1", "mha-detention-rate|QKK",
                    event.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "uk.nhs.mhe.IndicatorValuesChanged".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode recommended = null;
        while (System.currentTimeMillis() < deadline) {
            recommended = api.get(cases + "/recommended?area=QKK", commissioner).body();
            if (recommended.path("total").asInt() > 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(id, recommended.path("items").get(0).path("caseStudy").path("id").asText(), String.valueOf(recommended));

        // Retraction leaves a tombstone with the reason.
        assertEquals(200, api.postJson(cases + "/" + id + "/retract", moderator,
                Map.of("comment", "Figures could not be verified.")).status());
        JsonNode tombstone = api.get(cases + "/" + id, commissioner).body();
        assertEquals("RETRACTED", tombstone.path("status").asText());
        assertEquals("Figures could not be verified.", tombstone.path("retractionReason").asText());
        assertTrue(tombstone.path("body").isNull());
    }

    /** The demo library loader (deploy/demo, as deploy/local/up runs it) against the real stack, twice. */
    @Test
    @Order(2)
    void loadsTheDemoLibraryThroughTheApiOnce() throws Exception {
        java.nio.file.Path log = platform.root.resolve("deploy/e2e/target/e2e-logs/case-study-loader.log");
        for (int run = 0; run < 2; run++) {
            Process p = new ProcessBuilder("java", "-cp",
                    platform.root.resolve("deploy/demo/target/mhe-demo-0.1.0-SNAPSHOT.jar") + java.io.File.pathSeparator
                            + platform.root.resolve("deploy/demo/target/lib") + "/*",
                    "uk.nhs.mhe.demo.CaseStudyLoader", "--library", platform.libraryUrl,
                    "--keycloak", platform.keycloak.url())
                    .redirectErrorStream(true)
                    .redirectOutput(run == 0 ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "loader finished");
            assertEquals(0, p.exitValue(), "loader exit; see " + log);
        }
        String commissioner = api.userToken("commissioner");
        String moderator = api.userToken("moderator");
        JsonNode published = api.get(cases + "?size=100", commissioner).body();
        assertEquals(30, published.path("total").asInt(), "30 published demo case studies, loaded once");
        assertTrue(published.path("facets").path("region").size() == 7, "every region: " + published.path("facets"));
        assertEquals(2, api.get(cases + "?status=SUBMITTED", moderator).body().path("total").asInt());
        assertEquals(1, api.get(cases + "?status=RETURNED", moderator).body().path("total").asInt());
        JsonNode found = api.get(cases + "?q=interpreters", commissioner).body();
        assertTrue(found.path("total").asInt() >= 2, String.valueOf(found));
    }
}
