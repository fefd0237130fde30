package uk.nhs.mhe.indicator.compute;

import uk.nhs.mhe.indicator.reference.AgeBands;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One population year by ICB, indexed for the breakdowns: per ICB, people by ethnic category, by
 * IMD decile (when the year was uploaded with one) and in total, each split into the 40 strata
 * of age band × sex ({@link #stratum}) that crude rates sum and DSRs weight.
 */
public final class Population {

    public static final int STRATA = AgeBands.ALL.size() * 2;

    /** ICB → ethnic category → strata. */
    final Map<String, Map<String, double[]>> byEthnicity = new HashMap<>();
    /** ICB → IMD decile → strata (only for years uploaded with deciles). */
    final Map<String, Map<String, double[]>> byImd = new HashMap<>();
    /** People by group, per area, breakdown and age bands: the same for every indicator of a period. */
    final Map<String, Map<String, double[]>> byGroupCache = new java.util.concurrent.ConcurrentHashMap<>();

    private Population() {
    }

    /** The stratum index of an age band and sex (1 male, 2 female). */
    public static int stratum(String ageBand, int sex) {
        return AgeBands.ALL.indexOf(ageBand) * 2 + (sex - 1);
    }

    /** The year of population that applies to {@code calendarYear}: the latest on or before it; null when none. */
    public static Integer yearFor(Connection c, int calendarYear) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(year) FROM population WHERE year <= ?")) {
            ps.setInt(1, calendarYear);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int y = rs.getInt(1);
                return rs.wasNull() ? null : y;
            }
        }
    }

    /** Records that {@code year} was replaced, in the replacing transaction, so every instance reloads it. */
    public static void markReplaced(Connection c, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO population_upload (year, replaced_at) "
                + "VALUES (?, clock_timestamp()) ON CONFLICT (year) DO UPDATE SET replaced_at = excluded.replaced_at")) {
            ps.setInt(1, year);
            ps.executeUpdate();
        }
    }

    /** A stamp that changes whenever any population year is replaced. */
    public static String version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*), max(replaced_at)::text FROM population_upload");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "|" + rs.getString(2);
        }
    }

    /** The population that applies to {@code calendarYear} (indicators.md, "Population"). */
    public static Population load(Connection c, int calendarYear) throws SQLException {
        Integer year = yearFor(c, calendarYear);
        Population p = new Population();
        if (year == null) {
            return p;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT area_code, ethnic_category, age_band, sex, imd_decile, "
                + "sum(population) FROM population WHERE year = ? GROUP BY 1, 2, 3, 4, 5")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    p.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getObject(5) == null ? null : String.valueOf(rs.getInt(5)), rs.getLong(6));
                }
            }
        }
        return p;
    }

    /** Adds people (for tests and loading). */
    public void add(String icb, String ethnicCategory, String ageBand, int sex, String imdDecile, double people) {
        int s = stratum(ageBand, sex);
        byEthnicity.computeIfAbsent(icb, k -> new TreeMap<>()).computeIfAbsent(ethnicCategory, k -> new double[STRATA])[s] += people;
        if (imdDecile != null) {
            byImd.computeIfAbsent(icb, k -> new TreeMap<>()).computeIfAbsent(imdDecile, k -> new double[STRATA])[s] += people;
        }
    }
}
