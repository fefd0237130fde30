package uk.nhs.mhe.indicator.aggregate;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Unit tests of {@link FailureKind}; no infrastructure. */
class FailureKindTest {

    @Test
    void dataExceptionsAndConstraintViolationsWouldRecur() {
        String nul = FailureKind.deterministic(new RuntimeException("wrapped",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00\n  Where: ...", "22021")));
        assertNotNull(nul);
        assertTrue(nul.contains("22021") && nul.contains("0x00") && !nul.contains("Where"), nul);
        assertNotNull(FailureKind.deterministic(new SQLException("integer out of range", "22003")));
        assertNotNull(FailureKind.deterministic(new SQLException("duplicate key", "23505")));
    }

    @Test
    void unreadableEventsAndPoisonWouldRecur() throws Exception {
        Exception unreadable = null;
        try {
            new ObjectMapper().readTree("{\"submissionId\": [");
        } catch (Exception e) {
            unreadable = e;
        }
        assertNotNull(FailureKind.deterministic(new IllegalStateException(unreadable)));
        assertTrue(FailureKind.deterministic(new PoisonEvent("batches do not add up")).contains("add up"));
    }

    @Test
    void passingFailuresAreRetried() {
        assertNull(FailureKind.deterministic(new SQLTransientConnectionException("connection refused", "08001")));
        assertNull(FailureKind.deterministic(new SQLException("canceling statement due to lock timeout", "55P03")));
        assertNull(FailureKind.deterministic(new SQLException("could not serialize access", "40001")));
        assertNull(FailureKind.deterministic(new SQLException("the database system is starting up", "57P03")));
        assertNull(FailureKind.deterministic(new SQLException("no state")));
        assertNull(FailureKind.deterministic(new IllegalStateException("broker unavailable")));
    }

    @Test
    void timeoutsLostConnectionsAndSerializationFailuresPassByThemselves() {
        assertTrue(FailureKind.passing(new RuntimeException(new SQLException("lock timeout", "55P03"))));
        assertTrue(FailureKind.passing(new SQLException("canceling statement due to statement timeout", "57014")));
        assertTrue(FailureKind.passing(new SQLException("could not serialize access", "40001")));
        assertTrue(FailureKind.passing(new SQLException("deadlock detected", "40P01")));
        assertTrue(FailureKind.passing(new SQLTransientConnectionException("connection refused", "08001")));
        assertTrue(!FailureKind.passing(new SQLException("invalid byte sequence", "22021")));
        assertTrue(!FailureKind.passing(new java.util.NoSuchElementException("no such period")));
    }
}
