package uk.nhs.mhe.indicator.compute;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cells kept per period (real embedded PostgreSQL, the real applier and recalculation), on
 * one history chosen so that the difference path certainly runs: a provider's resubmission of a
 * month whose periods are kept, touching a person who also has a record at another provider in
 * an earlier month of the same financial and rolling year (so the people measures' "latest
 * record" and "any Y" rules decide where that person is counted, before and after).
 * {@link IncrementalRecalculationTest} covers random histories.
 */
class PeriodCellsTest {

    private static final List<String> PERIODS = List.of("MHSDS|2024-03", "MHSDS|FY2023-24", "MHSDS|R12-2024-03");

    @Test
    void aResubmissionChangesTheKeptCellsByItsDifference() throws Exception {
        try (EmbeddedIndicatorDatabase db = new EmbeddedIndicatorDatabase("cells_difference")) {
            history(db);
            try (Connection c = db.connection()) {
                Map<String, Long> changed = changedRecords(c);
                for (String period : PERIODS) {
                    // v1 (3 records) replaced by v2 (2 records): the difference was applied, not a build.
                    assertEquals(5L, changed.get(period), period + " took the resubmission as a difference");
                }
            }
            db.recalculateRequested();
            assertKeptCellsAndValuesEqualAFreshBuild(db);
        }
    }

    @Test
    void aSpentChangeBudgetHasTheCellsBuiltAgain() throws Exception {
        try (EmbeddedIndicatorDatabase db = new EmbeddedIndicatorDatabase("cells_budget", 0.0, 0, 0)) {
            history(db);
            try (Connection c = db.connection()) {
                Map<String, Long> changed = changedRecords(c);
                for (String period : PERIODS) {
                    assertFalse(changed.containsKey(period), period + " is no longer kept after a change past its budget");
                }
            }
            db.recalculateRequested();
            try (Connection c = db.connection()) {
                Map<String, Long> changed = changedRecords(c);
                for (String period : PERIODS) {
                    assertEquals(0L, changed.get(period), period + " was built again by its recalculation");
                }
            }
            assertKeptCellsAndValuesEqualAFreshBuild(db);
        }
    }

    @Test
    void cellsBuiltByOtherCellQueriesAreBuiltAgainNotChanged() throws Exception {
        try (EmbeddedIndicatorDatabase db = new EmbeddedIndicatorDatabase("cells_signature")) {
            db.submit("MHSDS", "RV5", "2024-03", 1, List.of(record("P1", "A", "QMJ", "Y", 1)));
            db.recalculateRequested();
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                // As another version of the service (another catalogue) would have left them.
                st.executeUpdate("UPDATE period_cell_state SET signature = 'another catalogue'");
            }
            db.submit("MHSDS", "RV5", "2024-03", 2, List.of(record("P1", "N", "QYG", "N", 2)));
            try (Connection c = db.connection()) {
                Map<String, Long> changed = changedRecords(c);
                for (String period : PERIODS) {
                    assertFalse(changed.containsKey(period), period + " is no longer marked exact");
                }
            }
            db.recalculateRequested();
            assertKeptCellsAndValuesEqualAFreshBuild(db);
        }
    }

    /**
     * The worker builds cells in a transaction of its own that commits do not wait for: a commit
     * of the period's month after the build's snapshot was taken must leave the build unrecorded
     * (its cells miss the commit), whether the commit found the cells kept (no row: a new period)
     * or not. Then the next recalculation builds them with the commit in.
     */
    @Test
    void aBuildOvertakenByACommitIsNotRecordedAsExact() throws Exception {
        try (EmbeddedIndicatorDatabase db = new EmbeddedIndicatorDatabase("cells_overtaken", 0.0, 0, 0)) {
            db.submit("MHSDS", "RV5", "2024-03", 1, List.of(record("P1", "A", "QMJ", "Y", 1)));
            uk.nhs.mhe.indicator.period.Period march = uk.nhs.mhe.indicator.period.Period.parse("2024-03").orElseThrow();
            try (Connection build = db.connection()) {
                build.setAutoCommit(false);
                build.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement st = build.createStatement()) {
                    st.executeQuery("SELECT 1 FROM period_cell_state").close(); // the snapshot is taken here
                }
                // A commit of the month while the build runs (it does not wait for it).
                db.submit("MHSDS", "RXT", "2024-03", 1, List.of(record("P2", "N", "QMJ", "Y", 4)));
                assertEquals(null, db.recalculation().buildCellsInSnapshot(build, "MHSDS", march),
                        "the build saw the month without the commit and must not be recorded");
                build.rollback();
            }
            try (Connection c = db.connection()) {
                assertFalse(EmbeddedIndicatorDatabase.keptPeriods(c).contains("MHSDS|2024-03"));
            }
            db.recalculateRequested();
            try (Connection c = db.connection()) {
                assertTrue(EmbeddedIndicatorDatabase.keptPeriods(c).containsAll(PERIODS));
            }
            assertKeptCellsAndValuesEqualAFreshBuild(db);
        }
    }

    /** February at RXT and March at RV5, recalculated (cells built), then March resubmitted by RV5. */
    private static void history(EmbeddedIndicatorDatabase db) throws Exception {
        db.submit("MHSDS", "RXT", "2024-02", 1, List.of(
                record("P1", "M", "QKK", "Y", 1), record("P4", "A", "QKK", "N", 0)));
        db.submit("MHSDS", "RV5", "2024-03", 1, List.of(
                record("P1", "A", "QMJ", "N", 2), record("P2", "N", "QMJ", "Y", 0), record("P3", "A", "QYG", "Y", 1)));
        db.recalculateRequested();
        try (Connection c = db.connection()) {
            assertTrue(EmbeddedIndicatorDatabase.keptPeriods(c).containsAll(PERIODS), "the periods' cells are kept");
        }
        // P1 moves to another ethnic group and ICB; P2 and P3 go; P5 arrives.
        db.submit("MHSDS", "RV5", "2024-03", 2, List.of(
                record("P1", "N", "QYG", "N", 1), record("P5", "M", "QMJ", "Y", 3)));
    }

    private static void assertKeptCellsAndValuesEqualAFreshBuild(EmbeddedIndicatorDatabase db) throws SQLException {
        try (Connection c = db.connection()) {
            Set<String> kept = EmbeddedIndicatorDatabase.keptPeriods(c);
            List<String> keptCells = EmbeddedIndicatorDatabase.keptCells(c, null);
            List<IndicatorValue> values = IndicatorValueStore.all(c);
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM indicator_value");
            }
            db.recalculation().recalculateEverything(c);
            assertEquals(EmbeddedIndicatorDatabase.keptCells(c, kept), keptCells, "kept cells");
            assertEquals(IndicatorValueStore.all(c), values, "values");
            assertFalse(values.isEmpty());
            c.rollback();
        }
    }

    private static Map<String, Long> changedRecords(Connection c) throws SQLException {
        Map<String, Long> changed = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dataset || '|' || period, change_cost FROM period_cell_state WHERE signature <> ''");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                changed.put(rs.getString(1), rs.getLong(2));
            }
        }
        return changed;
    }

    private static Map<String, Object> record(String person, String ethnic, String icb, String inContact, int detentions) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("personId", person);
        r.put("ethnicCategory", ethnic);
        r.put("gender", "2");
        r.put("ageYears", 31);
        r.put("residenceIcb", icb);
        r.put("imdDecile", 3);
        r.put("inContact", inContact);
        r.put("detentions", detentions);
        r.put("ctos", 0);
        r.put("restrictiveInterventions", detentions);
        return r;
    }
}
