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
 * Recalculates exactly the values a change can alter, in the transaction that makes the change,
 * so values always describe the data committed with them:
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

    private final Catalogue catalogue;
    private final IndicatorCalculator calculator;
    private final IndicatorChanges changes;
    private final Map<String, List<CellQuery>> queriesByDataset = new LinkedHashMap<>();
    private final Timer timer;

    public Recalculation(Catalogue catalogue, Areas areas, ReferenceData ref, IndicatorChanges changes,
            MeterRegistry registry) {
        this.catalogue = catalogue;
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

    /** After a month's submission of {@code dataset} became current. */
    public void recalculateMonth(Connection c, String dataset, String month) throws SQLException {
        SortedSet<Period> existing = existingPeriods(c, dataset);
        List<Period> affected = new ArrayList<>();
        for (Period p : Period.containing(YearMonth.parse(month))) {
            if (existing.contains(p)) {
                affected.add(p);
            }
        }
        recalculate(c, dataset, affected, false);
    }

    /** After the population of {@code year} was replaced: rates of every period it can supply. */
    public void recalculateForPopulationYear(Connection c, int year) throws SQLException {
        for (String dataset : queriesByDataset.keySet()) {
            List<Period> affected = existingPeriods(c, dataset).stream().filter(p -> p.populationYear() >= year).toList();
            recalculate(c, dataset, affected, true);
        }
    }

    /** Every value of every existing period, from scratch (rebuilds and checks). */
    public void recalculateEverything(Connection c) throws SQLException {
        for (String dataset : queriesByDataset.keySet()) {
            recalculate(c, dataset, existingPeriods(c, dataset), false);
        }
    }

    /** Takes the population lock exclusively until the transaction ends (population uploads). */
    public static void lockPopulationExclusively(Connection c) throws SQLException {
        lock(c, "pg_advisory_xact_lock", POPULATION_LOCK);
    }

    private void recalculate(Connection c, String dataset, Collection<Period> periods, boolean ratesOnly)
            throws SQLException {
        if (periods.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        // A population upload (exclusive) must not change denominators under this recalculation;
        // two instances recalculating the same period must not interleave their writes. Always in
        // this order (population, then periods sorted), so the locks cannot deadlock.
        lock(c, "pg_advisory_xact_lock_shared", POPULATION_LOCK);
        SortedSet<Period> sorted = new TreeSet<>(periods);
        for (Period p : sorted) {
            lock(c, "pg_advisory_xact_lock", "recalculate|" + dataset + "|" + p.code());
        }
        Map<Integer, Population> populations = new HashMap<>();
        for (Period period : sorted) {
            Population population = populations.get(period.populationYear());
            if (population == null) {
                population = Population.load(c, period.populationYear());
                populations.put(period.populationYear(), population);
            }
            for (CellQuery query : queriesByDataset.getOrDefault(dataset, List.of())) {
                if (ratesOnly && query.indicators().stream().noneMatch(Indicator::isRate)) {
                    continue;
                }
                List<Cell> cells = query.read(c, period);
                for (int i = 0; i < query.indicators().size(); i++) {
                    Indicator indicator = query.indicators().get(i);
                    if (ratesOnly && !indicator.isRate()) {
                        continue;
                    }
                    List<IndicatorValue> values = calculator.compute(indicator, i, period, cells, population);
                    List<IndicatorValue> changed = IndicatorValueStore.replacePeriod(c, indicator.id(), period.code(), values);
                    if (!changed.isEmpty()) {
                        changes.recorded(c, indicator, period.code(), changed, values);
                    }
                }
            }
        }
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

    private static void lock(Connection c, String function, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext(?))")) {
            ps.setString(1, key);
            ps.execute();
        }
    }

    public Catalogue catalogue() {
        return catalogue;
    }
}
