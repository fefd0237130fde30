package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
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
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays outbox rows to Kafka in id order (so in order per key), and marks them published only
 * after the broker acknowledged them ({@code acks=all}, idempotent producer). While Kafka is
 * down nothing is marked and the next run retries; submissions keep being accepted meanwhile.
 * One relay at a time across instances holds a PostgreSQL advisory lock, so several ingest
 * instances never interleave a key's events. A row relayed twice (a crash between the broker's
 * acknowledgement and our commit) carries the same event id, which consumers deduplicate.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long RELAY_LOCK = 0x6d68652d6f7574L; // "mhe-out"
    private static final int ROWS_PER_RUN = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final AgroalDataSource dataSource;
    private final SubmissionEvents events;
    private final KafkaPublisher publisher;
    private final AtomicBoolean wake = new AtomicBoolean();
    private final AtomicLong lastLag = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final io.micrometer.core.instrument.Counter published;
    private long backoffMs;
    private long retryAt = System.nanoTime();

    public OutboxRelay(AgroalDataSource dataSource, ObjectMapper mapper, KafkaPublisher publisher, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.events = new SubmissionEvents(mapper);
        this.publisher = publisher;
        Gauge.builder("mhe.outbox.unpublished", lastLag, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka").register(registry);
        Gauge.builder("mhe.outbox.lag.seconds", lagSeconds, AtomicLong::get)
                .description("Age of the oldest outbox row not yet acknowledged by Kafka, seconds").register(registry);
        this.published = registry.counter("mhe.outbox.published");
    }

    /** Rows waiting for the broker at the last run, and the age in seconds of the oldest. */
    public long[] backlog() {
        return new long[] {lastLag.get(), lagSeconds.get()};
    }

    /** Asks for a relay run soon (after a submission was accepted). */
    public void wakeUp() {
        wake.set(true);
    }

    @Scheduled(every = "${mhe.outbox.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (System.nanoTime() < retryAt) {
            return;
        }
        try {
            // Keep going while there is a backlog; a run publishes at most ROWS_PER_RUN rows.
            while (relayOnce() == ROWS_PER_RUN || wake.getAndSet(false)) {
                // loop
            }
            backoffMs = 0;
        } catch (RuntimeException e) {
            // Kafka (or the database) is unavailable: wait longer between attempts, up to 10 s,
            // rather than retrying every tick. Nothing is lost: the rows stay unpublished.
            backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(500, backoffMs * 2));
            retryAt = System.nanoTime() + backoffMs * 1_000_000;
            Log.warnf("Outbox relay paused for %d ms: %s", backoffMs, e.getMessage());
        }
    }

    /** Publishes the next rows; returns how many were published. */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return 0;
                }
                List<Row> rows = next(c);
                lastLag.set(countUnpublished(c));
                lagSeconds.set(oldestUnpublishedAgeSeconds(c));
                if (rows.isEmpty()) {
                    return 0;
                }
                List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    sent.add(publisher.send(record(row)));
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get(publisher.deliveryTimeoutMs() + 5000L, TimeUnit.MILLISECONDS);
                }
                markPublished(c, rows);
                lastLag.addAndGet(-rows.size());
                published.increment(rows.size());
                return rows.size();
            }
        });
    }

    private ProducerRecord<String, byte[]> record(Row row) {
        byte[] value = row.kind.equals("BATCH") ? events.batch(row.header, row.batchSeq, row.payload)
                : events.committed(row.header);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", row.eventId.toString());
        header(headers, "ce_source", "/data-ingest-service");
        header(headers, "ce_type", row.kind.equals("BATCH") ? SubmissionEvents.BATCH_TYPE : SubmissionEvents.COMMITTED_TYPE);
        header(headers, "ce_subject", row.header.key());
        header(headers, "ce_time", Instant.now().toString());
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(publisher.topic(), null, row.header.key(), value, headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static long countUnpublished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long oldestUnpublishedAgeSeconds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint "
                + "FROM outbox WHERE published_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Row(long id, UUID eventId, String kind, int batchSeq, byte[] payload, SubmissionEvents.Header header) {
    }

    private static List<Row> next(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.event_id, o.kind, o.batch_seq, o.payload, "
                + "s.id AS sid, s.version, s.dataset, s.provider, s.period, s.batch_count, s.records, s.sha256, s.accepted_at "
                + "FROM outbox o JOIN submission s ON s.id = o.submission_id "
                + "WHERE o.published_at IS NULL ORDER BY o.id LIMIT " + ROWS_PER_RUN)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SubmissionEvents.Header header = new SubmissionEvents.Header(rs.getObject("sid", UUID.class),
                            rs.getInt("version"), rs.getString("dataset"), rs.getString("provider"), rs.getString("period"),
                            rs.getInt("batch_count"), rs.getLong("records"), rs.getString("sha256"),
                            rs.getTimestamp("accepted_at").toInstant());
                    rows.add(new Row(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("kind"),
                            rs.getInt("batch_seq"), rs.getBytes("payload"), header));
                }
            }
        }
        return rows;
    }

    private static void markPublished(Connection c, List<Row> rows) throws SQLException {
        Array ids = c.createArrayOf("bigint", rows.stream().map(r -> r.id).toArray());
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
        Array committed = c.createArrayOf("uuid", rows.stream().filter(r -> r.kind.equals("COMMIT"))
                .map(r -> r.header.submissionId()).toArray());
        // Only from ACCEPTED: the indicator service may already have reported the outcome.
        try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET published_at = now(), "
                + "status = CASE WHEN status = 'ACCEPTED' THEN 'PUBLISHED' ELSE status END WHERE id = ANY (?)")) {
            ps.setArray(1, committed);
            ps.executeUpdate();
        }
    }
}
