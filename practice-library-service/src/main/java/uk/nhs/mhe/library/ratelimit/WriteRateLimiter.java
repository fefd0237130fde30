package uk.nhs.mhe.library.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits writes (create, edit, workflow actions, uploads) per user: at most
 * {@code library.rate-limit.writes-per-minute} in any fixed one-minute window, then 429 with
 * {@code Retry-After}. In memory, per instance: with several instances each enforces its own
 * share (a gateway or a shared store would enforce it globally).
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final int perMinute;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    public WriteRateLimiter(@ConfigProperty(name = "library.rate-limit.writes-per-minute", defaultValue = "60") int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts one write by {@code user}; throws 429 past the limit. */
    public void acquire(String user) {
        long minute = System.currentTimeMillis() / 60_000;
        long[] window = windows.compute(user == null ? "" : user, (k, w) -> {
            if (w == null || w[0] != minute) {
                return new long[] {minute, 1};
            }
            w[1]++;
            return w;
        });
        if (window[1] > perMinute) {
            long retryAfter = 60 - (System.currentTimeMillis() / 1000) % 60;
            throw new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
                    "At most " + perMinute + " writes a minute per user; try again in " + retryAfter + " s."),
                    Map.of("Retry-After", String.valueOf(retryAfter)));
        }
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> w[0] != minute);
        }
    }
}
