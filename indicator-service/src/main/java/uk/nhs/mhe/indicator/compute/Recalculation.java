package uk.nhs.mhe.indicator.compute;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.reference.ReferenceData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recalculates the values a change touches: when a month's submission is applied, only that
 * month; when a population year is replaced, the months that use it. Runs in the caller's
 * transaction, so values change together with the data they come from.
 */
@ApplicationScoped
public class Recalculation {

    private static final String POPULATION_LOCK = "population";

    private final Timer timer;

    public Recalculation(Areas areas, ReferenceData ref, MeterRegistry registry) {
        this.timer = registry.timer("mhe.indicator.recalculation");
    }

    /** Recalculates every indicator value of one MHSDS month. */
    public void recalculateMonth(Connection c, String period) throws SQLException {
        long start = System.nanoTime();
        // A population upload (exclusive) must not change denominators under this month's
        // recalculation; two instances applying submissions of the same month must not
        // interleave their writes. Always in this order, so the locks cannot deadlock.
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(hashtext(?))")) {
            lock.setString(1, POPULATION_LOCK);
            lock.execute();
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "recalculate|" + period);
            lock.execute();
        }
        Map<String, Map<String, Long>> detentions = grouped(c, "SELECT r.residence_icb, r.ethnic_category, "
                + "sum(r.detentions) FROM current_submission s JOIN mhsds_record r ON r.submission_id = s.submission_id "
                + "WHERE s.dataset = 'MHSDS' AND s.period = ? GROUP BY 1, 2", period);
        Map<String, Map<String, Long>> population = populationFor(c, Integer.parseInt(period.substring(0, 4)));
        // TODO replaced by the period calculator
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Takes the population lock exclusively until the transaction ends (population uploads). */
    public static void lockPopulationExclusively(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, POPULATION_LOCK);
            lock.execute();
        }
    }

    /** Recalculates every month that has data (after a population change). */
    public void recalculateAllMonths(Connection c) throws SQLException {
        List<String> periods = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT period FROM current_submission WHERE dataset = 'MHSDS' ORDER BY period");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                periods.add(rs.getString(1));
            }
        }
        for (String period : periods) {
            recalculateMonth(c, period);
        }
    }

    /**
     * Population by ICB and ethnic category for a calendar year: the latest year on or before it
     * (indicators.md, "Population").
     */
    static Map<String, Map<String, Long>> populationFor(Connection c, int year) throws SQLException {
        return grouped(c, "SELECT area_code, ethnic_category, sum(population) FROM population "
                + "WHERE year = (SELECT max(year) FROM population WHERE year <= ?::int) GROUP BY 1, 2", String.valueOf(year));
    }

    private static Map<String, Map<String, Long>> grouped(Connection c, String sql, String parameter)
            throws SQLException {
        Map<String, Map<String, Long>> result = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return result;
    }
}
