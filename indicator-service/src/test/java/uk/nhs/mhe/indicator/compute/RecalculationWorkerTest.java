package uk.nhs.mhe.indicator.compute;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        RecalculationWorker worker = new RecalculationWorker(db.dataSource(), db.recalculation(), Duration.ofSeconds(1),
                false, 1);
        worker.runUntilIdle();
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT period, attempts FROM recalculation_request ORDER BY period")) {
            rs.next();
            assertEquals("2024-13", rs.getString(1), "the good period was recalculated and its request removed");
            assertEquals(Recalculation.MAX_ATTEMPTS, rs.getInt(2), "the bad one was tried, then set aside");
            assertEquals(false, rs.next());
        }
    }
}
