package uk.nhs.mhe.indicator.compute;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.catalogue.Indicator.Counting;
import uk.nhs.mhe.indicator.events.IndicatorChanges;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.reference.ReferenceData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Recalculates exactly the values a change can alter. The change records which periods it
 * affects ({@link #requestMonth}, {@link #requestPopulationYear}) in its own transaction; the
 * {@link RecalculationWorker} then recalculates each requested period once, however many
 * commits asked for it, and removes those requests in the transaction that writes the values:
 * <ul>
 *   <li>a month's submission of a dataset: that dataset's indicators for the month, its financial
 *       year and the rolling twelve months that contain it ({@link Period#containing});</li>
 *   <li>a population year: the rate indicators of every period whose population it supplies.</li>
 * </ul>
 * A period exists once a month of it has data: every month with a current submission, the
 * financial years containing those months, and the twelve months ending at each of them.
 * {@link #recalculateEverything} computes every existing period from scratch; it gives the same
 * values as any sequence of incremental recalculations (a property test drives both).
 */
@ApplicationScoped
public class Recalculation {

    private static final String POPULATION_LOCK = "population";
    /** Attempts at a period before it is left for an operator. */
    public static final int MAX_ATTEMPTS = 5;

    private final IndicatorCalculator calculator;
    private final IndicatorChanges changes;
    private final Map<String, List<CellQuery>> queriesByDataset = new LinkedHashMap<>();
    private final Timer timer;
    private final Map<Integer, Population> populationCache = new java.util.concurrent.ConcurrentHashMap<>();
    private String populationVersion;
    /** Nanoseconds spent reading cells, computing values, storing them and recording events (benchmarks). */
    private final long[] phases = new long[4];

    public Recalculation(Catalogue catalogue, Areas areas, ReferenceData ref, IndicatorChanges changes,
            MeterRegistry registry) {
        this.changes = changes;
        Map<String, Breakdown> breakdowns = Breakdown.all(ref);
        this.calculator = new IndicatorCalculator(areas, breakdowns);
        Map<String, Map<Counting, List<Indicator>>> grouped = new LinkedHashMap<>();
        for (Indicator i : catalogue.all()) {
            grouped.computeIfAbsent(i.dataset(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(i.counting(), k -> new ArrayList<>()).add(i);
        }
        grouped.forEach((dataset, byCounting) -> byCounting.forEach((counting, indicators) ->
                queriesByDataset.computeIfAbsent(dataset, k -> new ArrayList<>())
                        .add(new CellQuery(RecordTable.of(dataset), counting, indicators, breakdowns))));
        this.timer = registry.timer("mhe.indicator.recalculation");
    }

    /** After a month's submission of {@code dataset} became current: its periods are requested. */
    public void requestMonth(Connection c, String dataset, String month) throws SQLException {
        SortedSet<Period> existing = existingPeriods(c, dataset);
        List<Period> affected = new ArrayList<>();
        for (Period p : Period.containing(YearMonth.parse(month))) {
            if (existing.contains(p)) {
                affected.add(p);
            }
        }
        request(c, dataset, affected);
    }

    /** After the population of {@code year} was replaced: every period it can supply is requested. */
    public void requestPopulationYear(Connection c, int year) throws SQLException {
        for (String dataset : queriesByDataset.keySet()) {
            request(c, dataset, existingPeriods(c, dataset).stream().filter(p -> p.populationYear() >= year).toList());
        }
    }

    private static void request(Connection c, String dataset, List<Period> periods) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO recalculation_request (dataset, period, priority) VALUES (?, ?, ?)")) {
            for (Period p : periods) {
                ps.setString(1, dataset);
                ps.setString(2, p.code());
                // Months first: they are what a provider waits to see after a submission.
                ps.setInt(3, p.type().ordinal());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Takes the oldest requested period that no other transaction is recalculating, removes the
     * requests for it and recalculates it, all in the caller's transaction. Returns false when
     * nothing was waiting (or everything waiting is being recalculated elsewhere).
     */
    public boolean recalculateNextRequested(Connection c) throws SQLException {
        // Not while a rebuild empties and refills the tables (it holds this exclusively).
        lock(c, "pg_advisory_xact_lock_shared", "rebuild");
        try (PreparedStatement ps = c.prepareStatement("SELECT dataset, period, max(id) FROM recalculation_request "
                + "GROUP BY dataset, period HAVING max(attempts) < " + MAX_ATTEMPTS
                + " ORDER BY max(attempts), min(priority), min(id) LIMIT 20");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String dataset = rs.getString(1);
                String period = rs.getString(2);
                long upTo = rs.getLong(3);
                if (!tryLock(c, "recalculate|" + dataset + "|" + period)) {
                    continue; // another instance has it
                }
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM recalculation_request "
                        + "WHERE dataset = ? AND period = ? AND id <= ?")) {
                    delete.setString(1, dataset);
                    delete.setString(2, period);
                    delete.setLong(3, upTo);
                    if (delete.executeUpdate() == 0) {
                        continue; // taken and finished elsewhere since the list was read
                    }
                }
                try {
                    recalculate(c, dataset, List.of(Period.parse(period).orElseThrow()));
                } catch (SQLException | RuntimeException e) {
                    throw new RecalculationFailed(dataset, period, e);
                }
                return true;
            }
        }
        return false;
    }

    /** A period that could not be recalculated; its requests stay (the transaction rolls back). */
    public static final class RecalculationFailed extends RuntimeException {
        private final String dataset;
        private final String period;

        RecalculationFailed(String dataset, String period, Exception cause) {
            super("Recalculating " + dataset + " " + period + " failed: " + cause.getMessage(), cause);
            this.dataset = dataset;
            this.period = period;
        }
    }

    /**
     * Counts a failed attempt at a period, in a transaction of its own after the failed one rolled
     * back: it then waits behind periods that have not failed, and after {@value #MAX_ATTEMPTS}
     * attempts is no longer taken (the rest of the queue is not held up by one bad period).
     */
    public static void recordFailure(Connection c, RecalculationFailed failure) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE recalculation_request SET attempts = attempts + 1 WHERE dataset = ? AND period = ?")) {
            ps.setString(1, failure.dataset);
            ps.setString(2, failure.period);
            ps.executeUpdate();
        }
    }

    /** Every value of every existing period, from scratch, in the caller's transaction (checks and rebuilds). */
    public void recalculateEverything(Connection c) throws SQLException {
        for (String dataset : queriesByDataset.keySet()) {
            recalculate(c, dataset, existingPeriods(c, dataset));
        }
    }

    /** Takes the population lock exclusively until the transaction ends (population uploads). */
    public static void lockPopulationExclusively(Connection c) throws SQLException {
        lock(c, "pg_advisory_xact_lock", POPULATION_LOCK);
    }

    private void recalculate(Connection c, String dataset, Collection<Period> periods) throws SQLException {
        if (periods.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try (java.sql.Statement st = c.createStatement()) {
            // The cell queries are one pass of many sums: JIT compiling them costs more than it
            // saves at this size, and their grouping sets want to hash in memory, not sort on disk.
            st.execute("SET LOCAL jit = off");
            st.execute("SET LOCAL work_mem = '128MB'");
        }
        // A population upload (exclusive) must not change denominators under this recalculation;
        // two instances recalculating the same period must not interleave their writes. Always in
        // this order (population, then periods sorted), so the locks cannot deadlock.
        lock(c, "pg_advisory_xact_lock_shared", POPULATION_LOCK);
        SortedSet<Period> sorted = new TreeSet<>(periods);
        for (Period p : sorted) {
            lock(c, "pg_advisory_xact_lock", "recalculate|" + dataset + "|" + p.code());
        }
        Map<Integer, Population> populations = populations(c);
        for (Period period : sorted) {
            Population population = populations.get(period.populationYear());
            if (population == null) {
                population = Population.load(c, period.populationYear());
                populations.put(period.populationYear(), population);
            }
            for (CellQuery query : queriesByDataset.getOrDefault(dataset, List.of())) {
                long t0 = System.nanoTime();
                List<Cell> cells = query.read(c, period);
                long t1 = System.nanoTime();
                phases[0] += t1 - t0;
                for (int i = 0; i < query.indicators().size(); i++) {
                    Indicator indicator = query.indicators().get(i);
                    long t2 = System.nanoTime();
                    List<IndicatorValue> values = calculator.compute(indicator, i, period, cells, population);
                    long t3 = System.nanoTime();
                    List<IndicatorValue> changed = IndicatorValueStore.replacePeriod(c, indicator.id(), period.code(), values);
                    long t4 = System.nanoTime();
                    if (!changed.isEmpty()) {
                        changes.recorded(c, indicator, period.code(), changed, values);
                    }
                    phases[1] += t3 - t2;
                    phases[2] += t4 - t3;
                    phases[3] += System.nanoTime() - t4;
                }
            }
        }
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * Populations already loaded, by calendar year, kept while no year has been replaced: loading
     * one (hundreds of thousands of strata) would otherwise cost more than a month's recalculation.
     */
    private Map<Integer, Population> populations(Connection c) throws SQLException {
        String version = Population.version(c);
        synchronized (populationCache) {
            if (!version.equals(populationVersion)) {
                populationCache.clear();
                populationVersion = version;
            }
            return populationCache;
        }
    }

    /** Periods that have data: months with a current submission, their FYs, and R12s ending at them. */
    public static SortedSet<Period> existingPeriods(Connection c, String dataset) throws SQLException {
        SortedSet<Period> periods = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT period FROM current_submission WHERE dataset = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    YearMonth month = YearMonth.parse(rs.getString(1));
                    periods.add(Period.month(month));
                    periods.add(Period.financialYearOf(month));
                    periods.add(Period.rolling12(month));
                }
            }
        }
        return periods;
    }

    private static boolean tryLock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void lock(Connection c, String function, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            ps.setString(1, key);
            ps.execute();
        }
    }

    /** The cell queries, for benchmarks that show their plans. */
    public List<CellQuery> queries() {
        return queriesByDataset.values().stream().flatMap(List::stream).toList();
    }

    /** Where recalculation time went so far, for benchmarks. */
    public String phaseTimes() {
        return String.format("cells %.1f s, compute %.1f s, store %.1f s, events %.1f s", phases[0] / 1e9,
                phases[1] / 1e9, phases[2] / 1e9, phases[3] / 1e9);
    }
}
