package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.core.JacksonException;

import java.sql.SQLException;

/**
 * Whether a failure to apply an event would fail the same way on every attempt (park it on the
 * dead-letter topic at once) or may pass on a later one (retry it in place). Retrying a
 * deterministic failure forever holds back every later event of its partition, which is how one
 * NUL character once stopped the pipeline; parking a passing one would lose data that a minute's
 * wait would have applied.
 * <ul>
 *   <li>Deterministic: a {@link PoisonEvent}; an unreadable event (any Jackson exception); an
 *       SQL error of SQLState class 22 (data exception: a NUL in text, a number out of range, an
 *       invalid byte sequence) or 23 (integrity constraint violation).</li>
 *   <li>Anything else is taken as passing (connection lost, database restarting, lock or
 *       statement timeout, serialization failure, broker unavailable) and retried with backoff.</li>
 * </ul>
 */
public final class FailureKind {

    private FailureKind() {
    }

    /** The reason to park the event with, or null when the failure may pass. */
    public static String deterministic(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEvent) {
                return t.getMessage();
            }
            if (t instanceof JacksonException) {
                return "Unreadable event: " + t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return "Refused by the database (SQLState " + state + "): " + firstLine(sql.getMessage());
                }
            }
        }
        return null;
    }

    /**
     * Whether a failure is one that passes by itself: an SQL error of SQLState class 08
     * (connection), 40 (transaction rollback: serialization failure, deadlock), 53 (insufficient
     * resources), 57 (operator intervention: statement timeout, shutdown) or 58 (system error), or
     * 55P03 (lock not available: a lock timeout), or any {@link java.sql.SQLTransientException}.
     * The recalculation worker retries these without counting them against the period; anything
     * else fails the same way next time, and after a few attempts sets the period aside.
     */
    public static boolean passing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                String type = state.length() >= 2 ? state.substring(0, 2) : state;
                if (type.equals("08") || type.equals("40") || type.equals("53") || type.equals("57")
                        || type.equals("58") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
