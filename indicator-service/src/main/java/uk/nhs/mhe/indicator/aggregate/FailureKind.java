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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
