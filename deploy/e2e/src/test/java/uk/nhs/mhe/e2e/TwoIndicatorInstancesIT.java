package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two indicator-service instances in one consumer group (architecture.md, "Scaling past one
 * machine"): the packaged service started twice, on two ports, with the same consumer group
 * ({@code indicator-service}), the same PostgreSQL database and the same Kafka broker, each
 * holding some of the partitions of {@code mhe.submissions.v1}.
 *
 * <p>The property checked: <b>with the submission partitions shared between two instances, the
 * values served are exactly the values a single-threaded replay of the whole topic produces</b>
 * — what {@code POST /api/v1/admin/rebuild} (run as {@code mhe-admin}) reproduces from the
 * earliest offset into emptied tables — for every area and breakdown of the indicators checked,
 * read through the data API on either instance; and nothing is counted twice or lost: England's
 * numerator equals the sum of the detentions submitted through the ingest API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoIndicatorInstancesIT {

    private static final String PERIOD = "2023-05";
    private static final List<String> INDICATORS = List.of("mha-detention-rate", "mh-contact-rate");
    private static final List<String> PROVIDERS = List.of("RV5", "RXT", "RAT", "RWK", "RX4", "RMY");
    private static final List<String> ICBS = List.of("QMJ", "QKK", "QYG", "QWE");

    private static final String POPULATION_2023 = """
            areaCode,ethnicCategory,ageBand,sex,population
            QMJ,A,20-24,1,250000
            QMJ,M,30-34,1,60000
            QKK,A,40-44,1,400000
            QKK,N,40-44,2,80000
            QYG,A,50-54,1,700000
            QYG,H,50-54,2,90000
            QWE,A,30-34,2,300000
            QWE,J,30-34,1,50000
            """;

    private Platform platform;
    private Api api;
    private String secondIndicatorUrl;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        api = new Api(platform.keycloak.tokenEndpoint());
        secondIndicatorUrl = platform.startIndicatorInstance();
        Api.Response population = api.putCsv(platform.indicatorUrl + "/api/v1/reference/population?year=2023",
                api.clientToken("mhe-admin"), POPULATION_2023);
        assertEquals(200, population.status(), String.valueOf(population.body()));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void twoInstancesShareThePartitionsAndServeWhatARebuildReproduces() throws Exception {
        String admin = api.clientToken("mhe-admin");
        long detentions = submit(admin, PROVIDERS.get(0), 0);
        // The topic exists once the first submission is published: wait until the group has
        // spread its partitions over both instances before sending the rest.
        awaitTwoMembersWithPartitions();
        for (int i = 1; i < PROVIDERS.size(); i++) {
            detentions += submit(admin, PROVIDERS.get(i), i);
        }

        String assurance = api.userToken("assurance.london");
        awaitEnglandNumerator(platform.indicatorUrl, assurance, detentions);
        awaitEnglandNumerator(secondIndicatorUrl, assurance, detentions);
        Map<String, JsonNode> served = snapshot(platform.indicatorUrl, assurance);
        assertEquals(served, snapshot(secondIndicatorUrl, assurance), "both instances serve the same values");

        Api.Response refused = api.post(platform.indicatorUrl + "/api/v1/admin/rebuild", assurance);
        assertEquals(403, refused.status());
        Api.Response rebuilt = api.post(secondIndicatorUrl + "/api/v1/admin/rebuild", admin);
        assertEquals(200, rebuilt.status(), String.valueOf(rebuilt.body()));
        assertEquals(PROVIDERS.size(), rebuilt.body().get("submissionsCurrent").asLong());
        assertEquals(0, rebuilt.body().get("valuesChanged").asLong(), "no value had drifted: " + rebuilt.body());

        Map<String, JsonNode> replayed = snapshot(platform.indicatorUrl, assurance);
        assertEquals(served.keySet(), replayed.keySet());
        for (String key : served.keySet()) {
            assertEquals(served.get(key), replayed.get(key), "values of " + key + " after the rebuild");
        }
        assertEquals(detentions, englandNumerator(platform.indicatorUrl, assurance), "nothing counted twice");
    }

    /** One provider's month: records in several ICBs and ethnic groups; returns its detentions. */
    private long submit(String token, String provider, int seed) throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        long detentions = 0;
        String[] ethnic = {"A", "M", "N", "H", "J", "Z"};
        for (int i = 0; i < 30 + 7 * seed; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            int d = (i + seed) % 3;
            r.put("personId", "TWO-" + provider + "-" + i);
            r.put("ethnicCategory", ethnic[(i + seed) % ethnic.length]);
            r.put("gender", i % 2 == 0 ? "1" : "2");
            r.put("ageYears", 18 + (i * 7 + seed) % 60);
            r.put("residenceIcb", ICBS.get((i + seed) % ICBS.size()));
            r.put("imdDecile", 1 + (i + seed) % 10);
            r.put("inContact", i % 4 == 0 ? "N" : "Y");
            r.put("detentions", d);
            r.put("ctos", 0);
            r.put("restrictiveInterventions", 0);
            records.add(r);
            detentions += d;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataset", "MHSDS");
        body.put("provider", provider);
        body.put("period", PERIOD);
        body.put("records", records);
        Api.Response accepted = api.postJson(platform.ingestUrl + "/api/v1/submissions", token, body);
        assertEquals(201, accepted.status(), String.valueOf(accepted.body()));
        return detentions;
    }

    private void awaitTwoMembersWithPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafka.bootstrapServers()))) {
            long deadline = System.currentTimeMillis() + 90_000;
            String seen = "";
            while (System.currentTimeMillis() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("indicator-service"))
                        .describedGroups().get("indicator-service").get(10, TimeUnit.SECONDS);
                List<MemberDescription> members = new ArrayList<>(group.members());
                seen = members.stream().map(m -> m.consumerId() + "=" + m.assignment().topicPartitions()).toList().toString();
                if (members.size() == 2 && members.stream().allMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals("mhe.submissions.v1")))) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the two instances never shared the partitions: " + seen);
        }
    }

    private long englandNumerator(String url, String token) throws Exception {
        return englandNumerator(url, token, PERIOD);
    }

    private long englandNumerator(String url, String token, String period) throws Exception {
        Api.Response r = api.get(url + "/api/v1/indicators/mha-detention-rate/data?area=ENGLAND&breakdown=none&period="
                + period, token);
        return r.status() == 200 ? r.body().at("/rows/0/numerator").asLong(-1) : -1;
    }

    /**
     * Waits until the month, its financial year and its rolling year all count {@code expected}:
     * the worker recalculates the month first and the longer periods after it.
     */
    private void awaitEnglandNumerator(String url, String token, long expected) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        for (String period : List.of(PERIOD, "FY2023-24", "R12-" + PERIOD)) {
            long last = -1;
            while (System.currentTimeMillis() < deadline) {
                last = englandNumerator(url, token, period);
                if (last == expected) {
                    break;
                }
                Thread.sleep(500);
            }
            if (last != expected) {
                throw new AssertionError("England numerator of " + period + " at " + url + " is " + last
                        + ", expected " + expected);
            }
        }
    }

    /** Every area (England, regions, ICBs) and breakdown of the indicators, as served (status and body). */
    private Map<String, JsonNode> snapshot(String url, String token) throws Exception {
        List<String> areas = new ArrayList<>();
        for (String type : List.of("ENGLAND", "REGION", "ICB")) {
            for (JsonNode area : api.get(url + "/api/v1/areas?type=" + type, null).body()) {
                areas.add(area.get("code").asText());
            }
        }
        JsonNode catalogue = api.get(url + "/api/v1/indicators", null).body();
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode indicator : catalogue) {
            if (!INDICATORS.contains(indicator.get("id").asText())) {
                continue;
            }
            for (JsonNode breakdown : indicator.get("breakdowns")) {
                for (String area : areas) {
                    String key = indicator.get("id").asText() + "|" + area + "|" + breakdown.asText();
                    Api.Response r = api.get(url + "/api/v1/indicators/" + indicator.get("id").asText() + "/data?area="
                            + area + "&breakdown=" + breakdown.asText() + "&period=" + PERIOD, token);
                    result.put(key, r.status() == 200 ? r.body() : Api.JSON.valueToTree(Map.of("status", r.status())));
                }
            }
        }
        assertTrue(result.size() > 50, "a snapshot of many areas and breakdowns: " + result.size());
        return result;
    }
}
