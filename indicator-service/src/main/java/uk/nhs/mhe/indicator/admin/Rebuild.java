package uk.nhs.mhe.indicator.admin;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.indicator.aggregate.FailureKind;
import uk.nhs.mhe.indicator.aggregate.PoisonEvent;
import uk.nhs.mhe.indicator.aggregate.SubmissionApplier;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.compute.Recalculation;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.events.IndicatorChanges;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Rebuilds the service's state from {@code mhe.submissions.v1}: empties the tables derived from
 * the topic (inbox, submissions, records, values; never the population, which is reference data
 * loaded over REST, nor unpublished indicator-change events), replays the topic from the earliest
 * offset through {@link SubmissionApplier} exactly as the consumer applies it, and so reproduces
 * every value (architecture.md, "Recalculate").
 *
 * <p>Why one transaction: the rebuild holds {@code pg_advisory_xact_lock(hashtext('rebuild'))}
 * exclusively, and every {@code SubmissionApplier.apply} of the consumer (on any instance) takes
 * it shared first, so normal consumption waits for the rebuild. The replay's own applies join
 * this transaction, hence this connection and lock (a session never conflicts with itself); in a
 * transaction of their own they would wait for the rebuild for ever. A single transaction also
 * means readers keep seeing the old values until the new ones commit, and a failed rebuild
 * leaves everything as it was. Tables are emptied with {@code DELETE}, not {@code TRUNCATE},
 * whose exclusive table lock would block every API read for the whole rebuild.
 *
 * <p>The end offsets are read under the lock: every event before them was either applied by the
 * consumer already (and is replayed here) or not yet (the consumer applies it after the rebuild
 * and finds it in the rebuilt inbox, a duplicate); events after them find the rebuilt inbox
 * without them and are applied as usual. So nothing is lost or counted twice.
 *
 * <p>An event that can never be applied (the consumer dead-letters it) fails its apply, and the
 * transactional interceptor then dooms the whole transaction; the rebuild rolls back and starts
 * again skipping that event. Such events are rare (each costs one more pass).
 *
 * <p>Only real differences are announced: the events the replay's recalculations write for every
 * value are dropped, and one {@code IndicatorValuesChanged} per indicator, period and area whose
 * values differ from before the rebuild is written instead, so a rebuild that reproduces every
 * value publishes nothing. Running it twice is harmless.
 */
@ApplicationScoped
public class Rebuild {

    static final String LOCK = "rebuild";
    /** Recalculation's population lock, taken here before any month's lock, in Recalculation's order. */
    private static final String POPULATION_LOCK = "population";
    private static final List<String> DERIVED_TABLES = List.of("inbox", "received_submission", "current_submission",
            "mhsds_record", "tt_record", "indicator_value", "indicator_period", "recalculation_request", "period_cell",
            "period_cell_state");
    private static final int MAX_SKIPPED = 100;

    private final AgroalDataSource dataSource;
    private final SubmissionApplier applier;
    private final SubmissionTopic topic;
    private final Catalogue catalogue;
    private final IndicatorChanges changes;
    private final Recalculation recalculation;
    private final int timeoutSeconds;

    public Rebuild(AgroalDataSource dataSource, SubmissionApplier applier, SubmissionTopic topic, Catalogue catalogue,
            IndicatorChanges changes, Recalculation recalculation,
            @ConfigProperty(name = "mhe.rebuild.timeout-seconds") int timeoutSeconds) {
        this.recalculation = recalculation;
        this.dataSource = dataSource;
        this.applier = applier;
        this.topic = topic;
        this.catalogue = catalogue;
        this.changes = changes;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Rebuilds and commits; throws (leaving everything as it was) when Kafka or the database fails. */
    public RebuildResult run() throws Exception {
        // Skipped by their place in the topic, not by event id: an outbox relay that lost a
        // broker mid-send sends the same rows (same ids) again, so a commit can be on the topic
        // once before its batches (unappliable there) and again after them (where it applies).
        Set<String> poison = new HashSet<>();
        // Opened before the transaction: without Kafka, fail before anything is touched.
        try (SubmissionTopic.Reader reader = topic.open()) {
            while (true) {
                try {
                    return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> attempt(reader, poison));
                } catch (RuntimeException e) {
                    Optional<UnappliableEvent> found = unappliable(e);
                    if (found.isEmpty()) {
                        throw e;
                    }
                    if (!poison.add(found.get().position) || poison.size() > MAX_SKIPPED) {
                        throw new IllegalStateException("Rebuild gave up at event " + found.get().eventId, e);
                    }
                    Log.warnf("Rebuild: event %s at %s can never be applied (%s); starting again without it",
                            found.get().eventId, found.get().position, found.get().getCause().getMessage());
                }
            }
        }
    }

    private RebuildResult attempt(SubmissionTopic.Reader reader, Set<String> poison) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            lock(c, "SELECT pg_advisory_xact_lock(hashtext(?))", LOCK);
            lock(c, "SELECT pg_advisory_xact_lock_shared(hashtext(?))", POPULATION_LOCK);
            long outboxMark = count(c, "SELECT coalesce(max(id), 0) FROM event_outbox");
            execute(c, "CREATE TEMP TABLE rebuild_previous_value ON COMMIT DROP AS SELECT * FROM indicator_value");
            for (String table : DERIVED_TABLES) {
                execute(c, "DELETE FROM " + table);
            }
            long[] headerless = {0};
            long replayed = reader.replay(record -> {
                if (!replay(record, poison)) {
                    headerless[0]++;
                }
            });
            // Every period the replay requested, each once, inside this transaction.
            while (recalculation.recalculateNextRequested(c)) {
                // next period
            }
            // The replay announced every value as new; announce only what really changed.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_outbox WHERE id > ? AND stream = 'indicator-changes'")) {
                ps.setLong(1, outboxMark);
                ps.executeUpdate();
            }
            long changed = announceDifferences(c);
            RebuildResult result = new RebuildResult(replayed, headerless[0] + poison.size(),
                    count(c, "SELECT count(*) FROM current_submission"), count(c, "SELECT count(*) FROM indicator_value"),
                    changed);
            Log.infof("Rebuild from the topic: %s", result);
            return result;
        }
    }

    /**
     * Applies one record as {@code SubmissionConsumer} does (ids and types from the CloudEvents
     * headers); false for a record the consumer would dead-letter for its headers alone.
     */
    private boolean replay(ConsumerRecord<String, byte[]> record, Set<String> poison) throws SQLException {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            return false;
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String position = record.partition() + ":" + record.offset();
        if (poison.contains(position)) {
            return true;
        }
        try {
            applier.apply(eventId, type, record.value());
        } catch (PoisonEvent e) {
            throw new UnappliableEvent(eventId, position, e);
        } catch (SQLException | RuntimeException e) {
            // The same rule as the consumer's (FailureKind): what fails on every attempt is
            // skipped and reported; anything else fails this rebuild, to be run again.
            String reason = FailureKind.deterministic(e);
            if (reason == null) {
                throw e;
            }
            throw new UnappliableEvent(eventId, position, new PoisonEvent(reason, e));
        }
        return true;
    }

    /** Writes the change events of the values that differ from before; returns how many values differ. */
    private long announceDifferences(Connection c) throws SQLException {
        String cols = ValueRows.COLUMNS;
        execute(c, "CREATE TEMP TABLE rebuild_changed_value ON COMMIT DROP AS "
                + "(SELECT " + cols + " FROM indicator_value EXCEPT SELECT " + cols + " FROM rebuild_previous_value) "
                + "UNION ALL (SELECT " + cols + " FROM rebuild_previous_value p WHERE NOT EXISTS (SELECT 1 FROM "
                + "indicator_value v WHERE v.indicator_id = p.indicator_id AND v.area_code = p.area_code "
                + "AND v.period = p.period AND v.breakdown = p.breakdown AND v.group_code = p.group_code))");
        List<String[]> periods = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT indicator_id, period FROM rebuild_changed_value ORDER BY 1, 2");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                periods.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] p : periods) {
            Optional<Indicator> indicator = catalogue.find(p[0]);
            if (indicator.isEmpty()) {
                continue; // no longer in the catalogue: nobody to tell
            }
            List<IndicatorValue> changed = ValueRows.read(c, "rebuild_changed_value", p[0], p[1]);
            List<IndicatorValue> current = ValueRows.read(c, "indicator_value", p[0], p[1]);
            List<IndicatorValue> previous = ValueRows.read(c, "rebuild_previous_value", p[0], p[1]);
            changes.recorded(c, indicator.get(), p[1], changed, current, previous);
        }
        return count(c, "SELECT count(*) FROM rebuild_changed_value");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Optional<UnappliableEvent> unappliable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnappliableEvent u) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static void lock(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.execute();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An event of the topic that the applier refuses for good. */
    private static final class UnappliableEvent extends RuntimeException {
        final UUID eventId;
        /** Partition and offset: where in the topic. */
        final String position;

        UnappliableEvent(UUID eventId, String position, PoisonEvent cause) {
            super("Event " + eventId + " at " + position + " cannot be applied: " + cause.getMessage(), cause);
            this.eventId = eventId;
            this.position = position;
        }
    }
}
