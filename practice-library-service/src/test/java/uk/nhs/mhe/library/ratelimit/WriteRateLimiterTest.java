package uk.nhs.mhe.library.ratelimit;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.ProblemException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WriteRateLimiterTest {

    @Test
    void refusesWritesPastTheLimitPerUser() {
        WriteRateLimiter limiter = new WriteRateLimiter(3);
        // Stay inside one minute window: if the minute turns mid-test, start again.
        long minute = System.currentTimeMillis() / 60_000;
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        if (System.currentTimeMillis() / 60_000 != minute) {
            return;
        }
        ProblemException e = assertThrows(ProblemException.class, () -> limiter.acquire("a"));
        assertEquals(429, e.problem().status());
        assertEquals(true, e.headers().containsKey("Retry-After"));
        assertDoesNotThrow(() -> limiter.acquire("b"));
    }
}
