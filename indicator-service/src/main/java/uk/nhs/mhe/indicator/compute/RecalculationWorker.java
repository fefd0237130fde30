package uk.nhs.mhe.indicator.compute;

import io.quarkus.logging.Log;
import uk.nhs.mhe.indicator.aggregate.FailureKind;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Recalculates requested periods, one period per transaction, on {@code mhe.recalculation.threads}
 * threads of its own (default 2: a period's work is mostly one PostgreSQL query, so two periods
 * in flight use both cores of a small machine). It is woken when a submission commits and
 * otherwise looks every {@code mhe.recalculation.poll} for requests (another instance's, or ones
 * left by a crash, which rolled back with their recalculation). Any number of threads and
 * instances may run: each period is taken under a try-lock, so they share the work.
 */
@ApplicationScoped
public class RecalculationWorker {

    private final DataSource dataSource;
    private final Recalculation recalculation;
    private final Duration poll;
    private final boolean enabled;
    private final int threads;
    private final Object signal = new Object();
    private volatile boolean woken;
    private volatile boolean running;
    private final java.util.List<Thread> workers = new java.util.ArrayList<>();

    public RecalculationWorker(DataSource dataSource, Recalculation recalculation,
            @ConfigProperty(name = "mhe.recalculation.poll", defaultValue = "PT0.5S") Duration poll,
            @ConfigProperty(name = "mhe.recalculation.worker.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "mhe.recalculation.threads", defaultValue = "2") int threads) {
        this.threads = Math.max(1, threads);
        this.dataSource = dataSource;
        this.recalculation = recalculation;
        this.poll = poll;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::loop, "recalculation-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            workers.add(thread);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        for (Thread thread : workers) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    /** Something was requested: look now rather than at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Recalculates until nothing is waiting (rebuilds and tests call this directly). */
    public int runUntilIdle() throws SQLException {
        int periods = 0;
        while (recalculateOne()) {
            periods++;
        }
        return periods;
    }

    private boolean recalculateOne() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean done = recalculation.recalculateNextRequested(c, dataSource);
                c.commit();
                return done;
            } catch (Recalculation.RecalculationFailed e) {
                c.rollback();
                if (FailureKind.passing(e)) {
                    // A lock or statement timeout, a lost connection: not the period's fault. It is
                    // not counted against the period; the loop retries with a growing pause.
                    throw e;
                }
                Recalculation.recordFailure(c, e); // its own transaction (autocommit below)
                c.commit();
                Log.errorf(e, "%s; it will be retried after the other requested periods", e.getMessage());
                return true; // go on with the rest of the queue
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                runUntilIdle();
                backoff = 0;
            } catch (Exception e) {
                // The database may be restarting: the requests stay, so retry with a growing pause.
                backoff = Math.min(30_000, Math.max(500, backoff * 2));
                Log.warnf(e, "Recalculation failed; retrying in %d ms", backoff);
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(Math.max(backoff, poll.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
