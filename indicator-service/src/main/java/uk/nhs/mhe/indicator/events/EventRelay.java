package uk.nhs.mhe.indicator.events;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes {@link EventOutbox} (the indicator changes of {@link IndicatorChanges} to
 * {@code mhe.indicator-changes.v1}, the outcomes of {@link SubmissionOutcomes} to
 * {@code mhe.submission-outcomes.v1}) in id order, and deletes rows only after the broker acknowledged them ({@code acks=all}, idempotent
 * producer). While Kafka is down nothing is deleted and runs back off (up to 10 s); the rows wait.
 *
 * <p>With several instances, one relay runs at a time: each run takes a PostgreSQL advisory lock
 * with {@code pg_try_advisory_xact_lock}, and an instance that does not get it skips the run.
 * A single publisher in id order keeps each key's events in the order they were written, which
 * {@code FOR UPDATE SKIP LOCKED} across instances would not. A crash between the broker's
 * acknowledgement and the delete publishes a row twice, with the same {@code ce_id}, which the
 * practice library deduplicates.
 */
@ApplicationScoped
public class EventRelay {

    private static final String RELAY_LOCK = "event-relay";
    private static final int ROWS_PER_RUN = 500;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final AgroalDataSource dataSource;
    private final EventPublisher publisher;
    private final AtomicLong unpublished = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final Counter published;
    private long backoffMs;
    private long retryAt = System.nanoTime();

    public EventRelay(AgroalDataSource dataSource, EventPublisher publisher, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        Gauge.builder("mhe.events.unpublished", unpublished, AtomicLong::get)
                .description("Outbox events (indicator changes, submission outcomes) not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("mhe.events.lag.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest outbox event not yet acknowledged by Kafka, seconds").register(registry);
        this.published = registry.counter("mhe.events.published");
    }

    /** Events waiting for the broker at the last run, and the age in seconds of the oldest. */
    public long[] backlog() {
        return new long[] {unpublished.get(), oldestSeconds.get()};
    }

    /** Every {@code mhe.events.relay-interval}; {@code off} disables it (tests that drive it). */
    @Scheduled(every = "${mhe.events.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (System.nanoTime() < retryAt) {
            return;
        }
        try {
            while (relayOnce() == ROWS_PER_RUN) {
                // a backlog: keep going
            }
            backoffMs = 0;
        } catch (RuntimeException e) {
            // Kafka (or the database) is unavailable: wait longer between attempts rather than
            // retrying every tick. Nothing is lost: the rows stay in the outbox.
            backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(500, backoffMs * 2));
            retryAt = System.nanoTime() + backoffMs * 1_000_000;
            Log.warnf("Event relay paused for %d ms: %s", backoffMs, e.getMessage());
        }
    }

    /** Publishes the next rows if no other instance is relaying; returns how many were published. */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return 0;
                }
                List<EventOutbox.Row> rows = EventOutbox.next(c, ROWS_PER_RUN);
                long[] backlog = EventOutbox.backlog(c);
                unpublished.set(backlog[0]);
                oldestSeconds.set(backlog[1]);
                if (rows.isEmpty()) {
                    return 0;
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
                for (EventOutbox.Row row : rows) {
                    sent.add(publisher.send(row.stream(), record(row)));
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get(EventPublisher.DELIVERY_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
                }
                EventOutbox.delete(c, rows);
                unpublished.addAndGet(-rows.size());
                published.increment(rows.size());
                return rows.size();
            }
        });
    }

    /** Binary-mode CloudEvents headers, as the consumers (practice library, ingest) read them. */
    private ProducerRecord<String, byte[]> record(EventOutbox.Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.eventId().toString());
        header(headers, "ce_source", "/indicator-service");
        header(headers, "ce_type", row.type());
        header(headers, "ce_subject", row.key());
        header(headers, "ce_time", row.createdAt().toString());
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(publisher.topic(row.stream()), null, row.key(),
                row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
