package uk.nhs.mhe.indicator.compute;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import java.util.UUID;
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
 * <p>
 * Values are computed from a period's cells ({@link CellQuery}), which are kept in
 * {@code period_cell}: the commit that replaces a submission adds its difference to the cells of
 * the periods containing its month ({@link #submissionReplacing}), so a recalculation reads a
 * few thousand cells rather than every record of a rolling year. Cells of a period that has none
 * kept (a new period, a very large replacement) are built from the records when it is recalculated.
 */
@ApplicationScoped
public class Recalculation {

    private static final String POPULATION_LOCK = "population";
    /** Attempts at a period before it is left for an operator. */
    public static final int MAX_ATTEMPTS = 5;

    private final IndicatorCalculator calculator;
    private final IndicatorChanges changes;
    private final Map<String, List<CellQuery>> queriesByDataset = new LinkedHashMap<>();
    /** Per dataset, what its cells were built with: cells built otherwise are built again. */
    private final Map<String, String> cellSignatures = new HashMap<>();
    private final double changeShare;
    /** Records' worth of difference a kept period's cells may always take. */
    private final long minChangeBudget;
    /** What any difference costs besides its records, in records (statements per period and rule). */
    private final long changeFixedCost;
    private final Timer timer;
    /** How long the worker leaves a period after its latest request, and at most after its first. */
    private final java.time.Duration settle;
    private final java.time.Duration maxSettle;
    private final Map<Integer, Population> populationCache = new java.util.concurrent.ConcurrentHashMap<>();
    private String populationVersion;
    /**
     * Nanoseconds spent reading cells, computing values, storing them, recording events, changing
     * cells at commits and building cells from records (benchmarks).
     */
    private final long[] phases = new long[6];

    public Recalculation(Catalogue catalogue, Areas areas, ReferenceData ref, IndicatorChanges changes,
            MeterRegistry registry,
            @ConfigProperty(name = "mhe.cells.change-share", defaultValue = "0.1") double changeShare,
            @ConfigProperty(name = "mhe.cells.min-change-budget", defaultValue = "0") long minChangeBudget,
            @ConfigProperty(name = "mhe.cells.change-fixed-cost", defaultValue = "2000") long changeFixedCost,
            @ConfigProperty(name = "mhe.recalculation.settle", defaultValue = "PT1S") java.time.Duration settle,
            @ConfigProperty(name = "mhe.recalculation.max-settle", defaultValue = "PT15S") java.time.Duration maxSettle) {
        this.settle = settle;
        this.maxSettle = maxSettle;
        this.changes = changes;
        this.changeShare = changeShare;
        this.minChangeBudget = minChangeBudget;
        this.changeFixedCost = changeFixedCost;
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
        queriesByDataset.forEach((dataset, queries) -> cellSignatures.put(dataset, Integer.toHexString(
                String.join("\n", queries.stream().map(CellQuery::signature).toList()).hashCode())));
        this.timer = registry.timer("mhe.indicator.recalculation");
    }

    /**
     * Before {@code next} replaces {@code previous} (null if none) as the current submission of
     * {@code dataset} for {@code month}: adds the difference it makes to the cells of every
     * period containing the month whose cells are kept, in the caller's (the commit's)
     * transaction, while the replaced submission's records are still there.
     * <p>
     * A difference costs more per record than building cells from the records (roughly ten times,
     * measured), and some statements whatever its size, so each kept period has a budget: what
     * the differences since its cells were built cost (their records, plus
     * {@code mhe.cells.change-fixed-cost} records' worth each) may reach
     * {@code mhe.cells.change-share} of its records (or {@code mhe.cells.min-change-budget}). A
     * change past it marks the period's cells to be built again by its next recalculation
     * instead: a national month arriving from every provider, or a backfill of small months,
     * costs about one build per period; a provider's resubmission into a large month a difference.
     * <p>
     * The caller holds {@link #lockCellsOfMonth} for the month.
     */
    public void submissionReplacing(Connection c, String dataset, String month, UUID previous, UUID next)
            throws SQLException {
        List<CellQuery> queries = queriesByDataset.getOrDefault(dataset, List.of());
        if (queries.isEmpty()) {
            return;
        }
        // The caller (the commit) took lockCellsOfMonth before it read which submission is current.
        List<Period> containing = Period.containing(YearMonth.parse(month));
        long records = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(records_received), 0) "
                + "FROM received_submission WHERE submission_id = ?::uuid OR submission_id = ?::uuid")) {
            ps.setString(1, previous == null ? null : previous.toString());
            ps.setString(2, next.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                records = rs.getLong(1);
            }
        }
        List<Period> kept = new ArrayList<>();
        // Over budget, or built with other cell queries (another version of the service, whose
        // cells this change would not keep exact), or not kept at all: built again by the next
        // recalculation.
        try (PreparedStatement ps = c.prepareStatement("SELECT period, signature, built_records, change_cost "
                + "FROM period_cell_state WHERE dataset = ? AND period = ANY (?)")) {
            ps.setString(1, dataset);
            ps.setArray(2, c.createArrayOf("text", containing.stream().map(Period::code).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Period period = Period.parse(rs.getString(1)).orElseThrow();
                    double budget = Math.max(minChangeBudget, changeShare * rs.getLong(3));
                    boolean keep = rs.getString(2).equals(cellSignatures.get(dataset))
                            && rs.getLong(4) + records + changeFixedCost <= budget;
                    if (keep) {
                        kept.add(period);
                    }
                }
            }
        }
        // Every containing period whose cells this change does not keep is marked so (a row with
        // no signature, written even where there was none): a build of it running meanwhile in
        // its own transaction then fails to record its cells as exact (see buildCellsInSnapshot).
        List<Period> marked = new ArrayList<>(containing);
        marked.removeAll(kept);
        if (!marked.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO period_cell_state (dataset, period, signature, "
                    + "built_records, change_cost) SELECT ?, p, '', 0, 0 FROM unnest(?::text[]) AS p "
                    + "ON CONFLICT (dataset, period) DO UPDATE SET signature = '', built_records = 0, change_cost = 0")) {
                ps.setString(1, dataset);
                ps.setArray(2, c.createArrayOf("text", marked.stream().map(Period::code).toArray()));
                ps.executeUpdate();
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("SET LOCAL jit = off"); // compiling these short statements costs more than running them
        }
        long t0 = System.nanoTime();
        for (CellQuery query : queries) {
            query.change(c, kept, previous, next);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE period_cell_state SET change_cost = "
                + "change_cost + ? WHERE dataset = ? AND period = ANY (?)")) {
            ps.setLong(1, records + changeFixedCost);
            ps.setString(2, dataset);
            ps.setArray(3, c.createArrayOf("text", kept.stream().map(Period::code).toArray()));
            ps.executeUpdate();
        }
        phases[4] += System.nanoTime() - t0;
    }

    /**
     * Makes sure the cells of {@code period} are exact: built from the records if they are not
     * kept (a new period, a spent change budget, a changed catalogue) or if {@code rebuild}.
     * Returns the cells it built, by query (none if they were kept).
     */
    private Map<CellQuery, List<Cell>> ensureCells(Connection c, String dataset, Period period, boolean rebuild)
            throws SQLException {
        Map<CellQuery, List<Cell>> built = new HashMap<>();
        if (!rebuild && cellsKept(c, dataset, period)) {
            return built;
        }
        lockCells(c, dataset, period);
        if (!rebuild && cellsKept(c, dataset, period)) {
            return built; // built by another instance meanwhile
        }
        built = buildCells(c, dataset, period);
        recordBuilt(c, dataset, period);
        return built;
    }

    /** Replaces the cells of {@code period} with cells built from its records; returns them by query. */
    private Map<CellQuery, List<Cell>> buildCells(Connection c, String dataset, Period period) throws SQLException {
        Map<CellQuery, List<Cell>> built = new HashMap<>();
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM period_cell WHERE dataset = ? AND period = ?")) {
            ps.setString(1, dataset);
            ps.setString(2, period.code());
            ps.executeUpdate();
        }
        for (CellQuery query : queriesByDataset.getOrDefault(dataset, List.of())) {
            built.put(query, query.build(c, period));
        }
        phases[5] += System.nanoTime() - t0;
        return built;
    }

    /** Records the cells of {@code period} as exact, built from its records as they are now. */
    private void recordBuilt(Connection c, String dataset, Period period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO period_cell_state (dataset, period, signature, "
                + "built_records, change_cost) SELECT ?, ?, ?, coalesce(sum(r.records_received), 0), 0 "
                + "FROM current_submission s JOIN received_submission r ON r.submission_id = s.submission_id "
                + "WHERE s.dataset = ? AND s.period = ANY (?) ON CONFLICT (dataset, period) DO UPDATE SET "
                + "signature = excluded.signature, built_records = excluded.built_records, change_cost = 0")) {
            ps.setString(1, dataset);
            ps.setString(2, period.code());
            ps.setString(3, cellSignatures.get(dataset));
            ps.setString(4, dataset);
            ps.setArray(5, c.createArrayOf("text", period.monthCodes().toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * The cells of {@code period} for the worker: kept, or built and committed in a transaction of
     * its own on {@code builds}. Returns the cells built (none if kept), or null if a commit
     * changed the period while they were being built (the period is then requested again).
     */
    private Map<CellQuery, List<Cell>> ensureCellsApart(javax.sql.DataSource builds, Connection c, String dataset,
            Period period) throws SQLException {
        if (cellsKept(c, dataset, period)) {
            return new HashMap<>();
        }
        try (Connection b = builds.getConnection()) {
            b.setAutoCommit(false);
            b.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<CellQuery, List<Cell>> built = buildCellsInSnapshot(b, dataset, period);
                if (built == null) {
                    b.rollback();
                } else {
                    b.commit();
                }
                return built;
            } catch (SQLException | RuntimeException e) {
                b.rollback();
                throw e;
            } finally {
                b.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                b.setAutoCommit(true);
            }
        }
    }

    /**
     * Builds the cells of {@code period} in {@code b}, a REPEATABLE READ transaction, without
     * taking the lock on the period's cells, so that commits never wait for a build (after a
     * restart with submissions waiting, each commit waited for builds of the big periods its month
     * is in, up to 14 of them). All of it reads one snapshot; a commit that changes the period
     * after it was taken writes the period's state row (kept cells: their differences and cost;
     * unkept: the mark of {@link #submissionReplacing}), so recording this build as exact then
     * fails with a serialization failure (PostgreSQL's first-updater-wins rule; for the upsert,
     * a conflicting row the snapshot cannot see) or a duplicate cell, and nothing of it is kept:
     * returns null, the caller rolls back. Returns the cells built, or an empty map if kept.
     */
    Map<CellQuery, List<Cell>> buildCellsInSnapshot(Connection b, String dataset, Period period) throws SQLException {
        try (java.sql.Statement st = b.createStatement()) {
            st.execute("SET LOCAL jit = off");
            st.execute("SET LOCAL work_mem = '128MB'");
        }
        if (cellsKept(b, dataset, period)) {
            return new HashMap<>();
        }
        try {
            // The state last: written first, its row lock would make commits wait for the build.
            Map<CellQuery, List<Cell>> built = buildCells(b, dataset, period);
            recordBuilt(b, dataset, period);
            return built;
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Locks, until the transaction ends, the cells of every period containing {@code month}
     * (kept or not, in one order, so commits cannot deadlock): a commit takes them before it reads
     * which submission is current, so two commits of one provider's month are applied one after
     * the other (the difference a person makes depends on the other submissions being as they
     * are). Builds in a rebuild's transaction take the lock too; the worker's builds do not
     * ({@link #buildCellsInSnapshot}): a commit never waits for them. Returns the periods.
     */
    public SortedSet<Period> lockCellsOfMonth(Connection c, String dataset, String month) throws SQLException {
        SortedSet<Period> containing = new TreeSet<>(Period.containing(YearMonth.parse(month)));
        for (Period p : containing) {
            lockCells(c, dataset, p);
        }
        return containing;
    }

    /**
     * The lock on one period's cells, until the transaction ends. Builds of different periods run
     * side by side (the worker's threads); a transaction taking several takes them in period order.
     */
    private static void lockCells(Connection c, String dataset, Period period) throws SQLException {
        lock(c, "pg_advisory_xact_lock", "cells|" + dataset + "|" + period.code());
    }

    private boolean cellsKept(Connection c, String dataset, Period period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT signature FROM period_cell_state WHERE dataset = ? AND period = ?")) {
            ps.setString(1, dataset);
            ps.setString(2, period.code());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).equals(cellSignatures.get(dataset));
            }
        }
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
        return recalculateNextRequested(c, null);
    }

    /**
     * As {@link #recalculateNextRequested(Connection)}, the worker's way: a period still being
     * requested is left until no request for it has come for {@code mhe.recalculation.settle}
     * (at most {@code mhe.recalculation.max-settle} after its first): while a stream of commits
     * arrives for one month (a restart with submissions waiting, month end), building its
     * periods' cells would be undone by the next commit, and would take the cores the commits
     * need (twenty waiting submissions were counted 28 s after a restart with the worker
     * building, 10 s without). And cells that must be built from the
     * records are built and committed in a transaction of their own on {@code builds}. The lock on a period's cells then lasts the build only, not the computing,
     * storing and announcing of its values after it: commits that change the period wait for
     * the build alone (after a restart with submissions waiting, each commit used to wait for a
     * whole period's recalculation). The cells so committed are exact for what is current, like
     * any others; a commit that changes them afterwards requests the period again.
     */
    public boolean recalculateNextRequested(Connection c, javax.sql.DataSource builds) throws SQLException {
        // Not while a rebuild empties and refills the tables (it holds this exclusively).
        lock(c, "pg_advisory_xact_lock_shared", "rebuild");
        boolean settling = builds != null && !settle.isZero();
        try (PreparedStatement ps = c.prepareStatement("SELECT dataset, period, max(id) FROM recalculation_request "
                // A period set aside after MAX_ATTEMPTS failures is taken again when a new request
                // for it arrives (a later submission): min, not max.
                + "GROUP BY dataset, period HAVING min(attempts) < " + MAX_ATTEMPTS
                + (settling ? " AND (max(requested_at) <= clock_timestamp() - ? * interval '1 millisecond'"
                        + " OR min(requested_at) <= clock_timestamp() - ? * interval '1 millisecond')" : "")
                + " ORDER BY min(attempts), min(priority), min(id) LIMIT 20")) {
            if (settling) {
                ps.setLong(1, settle.toMillis());
                ps.setLong(2, maxSettle.toMillis());
            }
            try (ResultSet rs = ps.executeQuery()) {
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
                        recalculate(c, dataset, List.of(Period.parse(period).orElseThrow()), false, builds);
                    } catch (SQLException | RuntimeException e) {
                        throw new RecalculationFailed(dataset, period, e);
                    }
                    return true;
                }
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
            recalculate(c, dataset, existingPeriods(c, dataset), true, null);
        }
    }

    /** Takes the population lock exclusively until the transaction ends (population uploads). */
    public static void lockPopulationExclusively(Connection c) throws SQLException {
        lock(c, "pg_advisory_xact_lock", POPULATION_LOCK);
    }

    /**
     * Recalculates {@code periods} from their cells, built first from the records if {@code rebuildCells}
     * (or if not kept: in their own transaction on {@code builds} when given, else in {@code c}).
     */
    private void recalculate(Connection c, String dataset, Collection<Period> periods, boolean rebuildCells,
            javax.sql.DataSource builds) throws SQLException {
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
            Map<CellQuery, List<Cell>> built = builds == null || rebuildCells
                    ? ensureCells(c, dataset, period, rebuildCells)
                    : ensureCellsApart(builds, c, dataset, period);
            if (built == null) {
                // A commit changed the period while its cells were built; it requested the period
                // again (requested here too, so that it is never left out): its values then.
                request(c, dataset, List.of(period));
                continue;
            }
            for (CellQuery query : queriesByDataset.getOrDefault(dataset, List.of())) {
                long t0 = System.nanoTime();
                List<Cell> cells = built.containsKey(query) ? built.get(query) : query.read(c, period);
                long t1 = System.nanoTime();
                phases[0] += t1 - t0;
                for (int i = 0; i < query.indicators().size(); i++) {
                    Indicator indicator = query.indicators().get(i);
                    long t2 = System.nanoTime();
                    List<IndicatorValue> values = calculator.compute(indicator, i, period, cells, population);
                    long t3 = System.nanoTime();
                    IndicatorValueStore.Replacement replaced =
                            IndicatorValueStore.replacePeriod(c, indicator.id(), period.code(), values);
                    long t4 = System.nanoTime();
                    if (!replaced.changed().isEmpty()) {
                        changes.recorded(c, indicator, period.code(), replaced.changed(), values, replaced.previous());
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
        return String.format("reading cells %.1f s, compute %.1f s, store %.1f s, events %.1f s, "
                + "changing cells at commits %.1f s, building cells from records %.1f s", phases[0] / 1e9,
                phases[1] / 1e9, phases[2] / 1e9, phases[3] / 1e9, phases[4] / 1e9, phases[5] / 1e9);
    }
}
