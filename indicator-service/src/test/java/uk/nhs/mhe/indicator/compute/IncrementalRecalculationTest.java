package uk.nhs.mhe.indicator.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import uk.nhs.mhe.indicator.aggregate.PoisonEvent;
import uk.nhs.mhe.indicator.aggregate.SubmissionEvents;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Property: whatever sequence of submissions, resubmissions (higher and lower versions),
 * partly received submissions, redelivered events and population replacements arrives, the
 * values maintained incrementally — each commit requesting only the periods it can change, the
 * worker recalculating requested periods at any point in between — are exactly the values a recalculation of everything from scratch gives; and England's count
 * for each month is the sum over the highest committed version of each provider's submission
 * (so nothing is lost, counted twice, or seen half-received).
 * <p>
 * Runs the real applier and recalculation against a real (embedded) PostgreSQL, one transaction
 * per event as the Kafka consumer does, without Quarkus or Kafka so that jqwik can try many
 * histories and shrink a failing one.
 */
class IncrementalRecalculationTest {

    private static final List<String> PROVIDERS = List.of("RV5", "RXT", "RRP");
    private static final List<String> MONTHS = List.of("2023-03", "2023-04", "2024-02", "2024-03");
    private static final List<String> ICBS = List.of("QMJ", "QKK", "QYG");
    private static final List<String> ETHNIC = List.of("A", "M", "N", "Z", "99");

    private static EmbeddedIndicatorDatabase db;
    private static Recalculation recalculation;
    private static final ObjectMapper JSON = EmbeddedIndicatorDatabase.JSON;

    @BeforeContainer
    static void start() {
        db = new EmbeddedIndicatorDatabase("incremental");
        recalculation = db.recalculation();
    }

    @AfterContainer
    static void stop() {
        db.close();
    }

    /** One thing that can happen to the service. */
    sealed interface Step permits Submit, Redeliver, ReplacePopulation, Recalculate {
    }

    /** The worker recalculates up to {@code periods} requested periods (between other events). */
    record Recalculate(int periods) implements Step {
    }

    /** A submission: its batches, then (unless {@code committed} is false) its commit event. */
    record Submit(String dataset, String provider, String month, int version, List<Map<String, Object>> records,
            boolean twoBatches, boolean committed) implements Step {
    }

    /** The n-th event sent so far is delivered again. */
    record Redeliver(int n) implements Step {
    }

    /** The population of a year is replaced (scaled), then what depends on it recalculated. */
    record ReplacePopulation(int year, int scale) implements Step {
    }

    private record Event(UUID id, String type, byte[] payload) {
    }

    // Seven histories of about 17 s each keep ./mvnw verify inside its 20-minute budget (the
    // disclosure audit and the hostile-input corpus run there too); the fixed seed makes them the
    // same seven every run, and a change to the seed tries seven others.
    @Property(tries = 7, seed = "20261126")
    void incrementalValuesEqualARecalculationFromScratch(@ForAll("histories") List<Step> history) throws Exception {
        try (Connection c = db.connection()) {
            reset(c);
        }
        List<Event> sent = new ArrayList<>();
        // The model: per dataset|provider|month, the highest committed version and its records.
        Map<String, Submit> current = new HashMap<>();
        for (Step step : history) {
            if (step instanceof Submit s) {
                {
                    String key = s.dataset() + "|" + s.provider() + "|" + s.month();
                    UUID id = UUID.nameUUIDFromBytes((key + "|" + s.version()).getBytes(StandardCharsets.UTF_8));
                    List<List<Map<String, Object>>> batches = s.twoBatches() && s.records().size() > 1
                            ? List.of(s.records().subList(0, s.records().size() / 2),
                                    s.records().subList(s.records().size() / 2, s.records().size()))
                            : List.of(s.records());
                    for (int i = 0; i < batches.size(); i++) {
                        Map<String, Object> batch = header(s, id);
                        batch.put("batchSeq", i + 1);
                        batch.put("batchCount", batches.size());
                        batch.put("records", batches.get(i));
                        deliver(sent, new Event(UUID.randomUUID(), SubmissionEvents.BATCH_TYPE, JSON.writeValueAsBytes(batch)));
                    }
                    if (s.committed()) {
                        Map<String, Object> commit = header(s, id);
                        commit.put("batchCount", batches.size());
                        commit.put("recordCount", s.records().size());
                        commit.put("sha256", "0".repeat(64));
                        commit.put("acceptedAt", "2026-11-26T00:00:00Z");
                        deliver(sent, new Event(UUID.randomUUID(), SubmissionEvents.COMMITTED_TYPE, JSON.writeValueAsBytes(commit)));
                        Submit before = current.get(key);
                        if (before == null || before.version() < s.version()) {
                            current.put(key, s);
                        }
                    }
                }
            } else if (step instanceof Redeliver r) {
                {
                    if (!sent.isEmpty()) {
                        deliver(new ArrayList<>(), sent.get(r.n() % sent.size()));
                    }
                }
            } else if (step instanceof Recalculate r) {
                for (int i = 0; i < r.periods() && recalculateOneRequested(); i++) {
                    // next
                }
            } else if (step instanceof ReplacePopulation p) {
                {
                    try (Connection c = db.connection()) {
                        c.setAutoCommit(false);
                        Recalculation.lockPopulationExclusively(c);
                        population(c, p.year(), p.scale());
                        recalculation.requestPopulationYear(c, p.year());
                        c.commit();
                    }
                }
            }
        }
        while (recalculateOneRequested()) {
            // the worker catches up
        }
        List<IndicatorValue> incremental;
        List<IndicatorValue> scratch;
        List<String> keptCells;
        List<String> builtCells;
        try (Connection c = db.connection()) {
            incremental = IndicatorValueStore.all(c);
            java.util.Set<String> kept = EmbeddedIndicatorDatabase.keptPeriods(c);
            keptCells = EmbeddedIndicatorDatabase.keptCells(c, null);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM indicator_value");
            }
            recalculation.recalculateEverything(c);
            scratch = IndicatorValueStore.all(c);
            builtCells = EmbeddedIndicatorDatabase.keptCells(c, kept);
            c.rollback();
        }
        // The cells kept up to date by the commits' differences are the cells built from the records.
        assertEquals(builtCells, keptCells, "cells of the periods kept");
        assertEquals(scratch.size(), incremental.size(), "number of values");
        for (int i = 0; i < scratch.size(); i++) {
            assertEquals(scratch.get(i), incremental.get(i), "value " + i);
        }
        // Independently of the service's own from-scratch path: England's detentions per month.
        Map<String, Long> expected = new LinkedHashMap<>();
        current.values().stream().filter(s -> s.dataset().equals("MHSDS")).forEach(s -> expected.merge(s.month(),
                s.records().stream().mapToLong(r -> ((Number) r.get("detentions")).longValue()).sum(), Long::sum));
        for (Map.Entry<String, Long> month : expected.entrySet()) {
            IndicatorValue england = incremental.stream().filter(v -> v.indicatorId().equals("mha-detention-rate")
                    && v.area().equals("ENGLAND") && v.period().equals(month.getKey()) && v.breakdown().equals("none"))
                    .findFirst().orElseThrow(() -> new AssertionError("no England value for " + month.getKey()));
            assertEquals(month.getValue().longValue(), england.numerator(), "England detentions in " + month.getKey());
        }
        assertFalse(history.stream().anyMatch(s -> s instanceof Submit x && x.committed()) && scratch.isEmpty(),
                "committed submissions produce values");
    }

    private static Map<String, Object> header(Submit s, UUID id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("submissionId", id.toString());
        event.put("version", s.version());
        event.put("dataset", s.dataset());
        event.put("provider", s.provider());
        event.put("period", s.month());
        return event;
    }

    /** One event in its own transaction, as the consumer applies it; poison is not retried. */
    private static void deliver(List<Event> sent, Event e) throws SQLException {
        sent.add(e);
        try {
            db.apply(e.id(), e.type(), e.payload());
        } catch (PoisonEvent poison) {
            throw new AssertionError("a well-formed event was refused: " + poison.getMessage(), poison);
        }
    }

    private static boolean recalculateOneRequested() throws SQLException {
        return db.recalculateOneRequested();
    }

    private static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE inbox, received_submission, current_submission, mhsds_record, tt_record, "
                    + "indicator_value, indicator_period, event_outbox, population, recalculation_request, population_upload, "
                    + "period_cell, period_cell_state");
        }
        population(c, 2023, 10);
    }

    /** A small population for the three ICBs: every ethnic group, a few age bands, both sexes. */
    private static void population(Connection c, int year, int scale) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM population WHERE year = ?")) {
            delete.setInt(1, year);
            delete.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO population (year, area_code, ethnic_category, "
                + "age_band, sex, imd_decile, population) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (String icb : ICBS) {
                for (String ethnic : List.of("A", "M", "N")) {
                    for (String band : List.of("10-14", "15-17", "30-34", "85-89")) {
                        for (int sex = 1; sex <= 2; sex++) {
                            for (int decile : new int[] {1, 6}) {
                                ps.setInt(1, year);
                                ps.setString(2, icb);
                                ps.setString(3, ethnic);
                                ps.setString(4, band);
                                ps.setInt(5, sex);
                                ps.setInt(6, decile);
                                ps.setLong(7, (long) scale * (100 + 37 * (n++ % 11)));
                                ps.addBatch();
                            }
                        }
                    }
                }
            }
            ps.executeBatch();
        }
        Population.markReplaced(c, year);
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> submit = Combinators.combine(Arbitraries.of("MHSDS", "TALKING_THERAPIES"), Arbitraries.of(PROVIDERS),
                Arbitraries.of(MONTHS), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 6),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 9), Arbitraries.longs())
                .as((dataset, provider, month, version, size, twoBatches, commitDraw, seed) -> new Submit(dataset, provider,
                        month, version, records(dataset, size, new java.util.Random(seed)), twoBatches, commitDraw > 0));
        Arbitrary<Step> redeliver = Arbitraries.integers().between(0, 1000).map(Redeliver::new);
        Arbitrary<Step> recalculate = Arbitraries.integers().between(1, 6).map(Recalculate::new);
        Arbitrary<Step> population = Combinators.combine(Arbitraries.of(2023, 2024), Arbitraries.integers().between(5, 30))
                .as(ReplacePopulation::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, submit), net.jqwik.api.Tuple.of(2, redeliver), net.jqwik.api.Tuple.of(1, population),
                net.jqwik.api.Tuple.of(2, recalculate))
                .list().ofMinSize(6).ofMaxSize(16)
                .map(IncrementalRecalculationTest::uniqueVersions);
    }

    /** A provider sends each version of a month once: a repeated version is dropped. */
    private static List<Step> uniqueVersions(List<Step> steps) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Step> result = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Submit x && !seen.add(x.dataset() + x.provider() + x.month() + x.version())) {
                continue;
            }
            result.add(s);
        }
        return result;
    }

    /** Records drawn from small pools, so people recur across providers and months. */
    private static List<Map<String, Object>> records(String dataset, int size, java.util.Random random) {
        List<Map<String, Object>> records = new ArrayList<>();
        List<Integer> people = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        java.util.Collections.shuffle(people, random);
        for (int i = 0; i < size; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (dataset.equals("TALKING_THERAPIES")) {
                r.put("referralId", "R" + i);
                r.put("personId", "P" + people.get(random.nextInt(4)));
            } else {
                r.put("personId", "P" + people.get(i)); // unique within an MHSDS submission
            }
            r.put("ethnicCategory", ETHNIC.get(random.nextInt(ETHNIC.size())));
            r.put("gender", List.of("1", "2", "X").get(random.nextInt(3)));
            r.put("ageYears", List.of(12, 16, 31, 86).get(random.nextInt(4)));
            r.put("residenceIcb", ICBS.get(random.nextInt(ICBS.size())));
            r.put("imdDecile", random.nextInt(3) == 0 ? null : 1 + random.nextInt(10));
            if (dataset.equals("TALKING_THERAPIES")) {
                boolean entered = random.nextBoolean();
                boolean finished = entered && random.nextBoolean();
                r.put("sexualOrientation", List.of("1", "2", "U").get(random.nextInt(3)));
                r.put("referralDate", "2024-01-01");
                r.put("enteredTreatment", entered ? "Y" : "N");
                r.put("finishedCourse", finished ? "Y" : "N");
                r.put("casenessAtStart", entered ? (random.nextInt(4) > 0 ? "Y" : "N") : null);
                r.put("casenessAtEnd", finished ? (random.nextBoolean() ? "Y" : "N") : null);
                r.put("reliableImprovement", finished ? (random.nextBoolean() ? "Y" : "N") : null);
                r.put("daysToFirstTreatment", entered ? random.nextInt(90) : null);
            } else {
                r.put("inContact", random.nextInt(4) > 0 ? "Y" : "N");
                r.put("detentions", random.nextInt(3));
                r.put("ctos", random.nextInt(2));
                r.put("restrictiveInterventions", random.nextInt(4));
            }
            records.add(r);
        }
        return records;
    }
}
