package uk.nhs.mhe.indicator.compute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker on a real (embedded) PostgreSQL: one period that keeps failing must not hold up the queue. */
class RecalculationWorkerTest {

    private static EmbeddedIndicatorDatabase db;

    @BeforeAll
    static void start() {
        db = new EmbeddedIndicatorDatabase("worker");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void aPeriodThatKeepsFailingIsSetAsideAndTheRestIsRecalculated() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // Requested first and never recalculable (no such month); then a good one behind it.
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2024-13', 0)");
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2024-03', 0)");
        }
        RecalculationWorker worker = worker();
        worker.runUntilIdle();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT period, attempts FROM recalculation_request ORDER BY period")) {
            rs.next();
            assertEquals("2024-13", rs.getString(1), "the good period was recalculated and its request removed");
            assertEquals(Recalculation.MAX_ATTEMPTS, rs.getInt(2), "the bad one was tried, then set aside");
            assertEquals(false, rs.next());
        }
    }

    @Test
    void aSetAsidePeriodIsTakenAgainWhenANewRequestForItArrives() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM recalculation_request");
            st.execute("INSERT INTO recalculation_request (dataset, period, priority, attempts) "
                    + "VALUES ('MHSDS', '2023-13', 0, " + Recalculation.MAX_ATTEMPTS + ")");
        }
        RecalculationWorker worker = worker();
        worker.runUntilIdle();
        assertEquals(List.of(Recalculation.MAX_ATTEMPTS), attempts("2023-13"), "set aside: not tried again");

        // A later submission requests the period again: it is tried again (and here fails again).
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2023-13', 0)");
        }
        worker.runUntilIdle();
        List<Integer> after = attempts("2023-13");
        assertEquals(Recalculation.MAX_ATTEMPTS, after.get(after.size() - 1), "the new request was tried to the limit");
        assertTrue(after.get(0) > Recalculation.MAX_ATTEMPTS, "and the old one with it: " + after);
    }

    @Test
    void aLockTimeoutIsRetriedWithoutCountingAgainstThePeriod() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM recalculation_request");
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2023-05', 0)");
        }
        RecalculationWorker worker = worker();
        try (Connection holder = db.connection(); Statement st = holder.createStatement()) {
            // New sessions (the worker's) wait at most 300 ms for a lock.
            st.execute("ALTER DATABASE " + holder.getCatalog() + " SET lock_timeout = '300ms'");
            holder.setAutoCommit(false);
            // What a recalculation writes, held by another transaction: the worker times out.
            st.execute("LOCK TABLE indicator_value, period_cell_state IN ACCESS EXCLUSIVE MODE");
            assertThrows(Exception.class, worker::runUntilIdle, "a passing failure goes to the loop's backoff");
            assertEquals(List.of(0), attempts("2023-05"), "not counted against the period");
            holder.rollback();
            holder.setAutoCommit(true);
            st.execute("ALTER DATABASE " + holder.getCatalog() + " RESET lock_timeout");
        }
        worker.runUntilIdle();
        assertEquals(List.of(), attempts("2023-05"), "recalculated once the lock was gone");
    }

    @Test
    void aPeriodStillBeingRequestedIsLeftToSettle() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM recalculation_request");
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2023-05', 0)");
        }
        RecalculationWorker worker = new RecalculationWorker(db.dataSource(),
                db.recalculation(Duration.ofHours(1), Duration.ofHours(2)), Duration.ofSeconds(1), false, 1);
        assertEquals(0, worker.runUntilIdle(), "requested just now: left to settle");
        assertEquals(List.of(0), attempts("2023-05"));
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("UPDATE recalculation_request SET requested_at = requested_at - interval '61 minutes'");
        }
        assertEquals(1, worker.runUntilIdle(), "no request for longer than the settling time: taken");
        assertEquals(List.of(), attempts("2023-05"));

        // Requested again and again (the latest just now), but first three hours ago: taken.
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO recalculation_request (dataset, period, priority, requested_at) "
                    + "VALUES ('MHSDS', '2023-05', 0, clock_timestamp() - interval '3 hours')");
            st.execute("INSERT INTO recalculation_request (dataset, period, priority) VALUES ('MHSDS', '2023-05', 0)");
        }
        assertEquals(1, worker.runUntilIdle(), "past the longest settling time: taken however recent the latest");
        assertEquals(List.of(), attempts("2023-05"));
    }

    /** A worker on the embedded database, run by the test (not started on its own). */
    private static RecalculationWorker worker() {
        return new RecalculationWorker(db.dataSource(), db.recalculation(), Duration.ofSeconds(1), false, 1);
    }

    private static List<Integer> attempts(String period) throws Exception {
        List<Integer> result = new java.util.ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT attempts FROM recalculation_request WHERE period = '" + period
                     + "' ORDER BY id")) {
            while (rs.next()) {
                result.add(rs.getInt(1));
            }
        }
        return result;
    }
}
