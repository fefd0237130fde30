package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.mhe.indicator.aggregate.SubmissionEvents.SubmissionBatch;
import uk.nhs.mhe.indicator.aggregate.SubmissionEvents.SubmissionCommitted;
import uk.nhs.mhe.indicator.compute.Recalculation;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;

/**
 * Applies submission events exactly once in effect. Each event's id goes into the inbox in the
 * same transaction as its effect, so a redelivery finds it and changes nothing. Batches are
 * staged; the commit event, once the staged counts match, makes the submission current in one
 * step (replacing a lower version, or ignored if a higher version is already current) and
 * recalculates the month. Indicators therefore never see half a submission.
 */
@ApplicationScoped
public class SubmissionApplier {

    public static final String MHSDS = "MHSDS";
    public static final String TALKING_THERAPIES = "TALKING_THERAPIES";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final Recalculation recalculation;
    private final SubmissionOutcomes outcomes;

    public SubmissionApplier(AgroalDataSource dataSource, ObjectMapper mapper, Recalculation recalculation,
            SubmissionOutcomes outcomes) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.recalculation = recalculation;
        this.outcomes = outcomes;
    }

    /**
     * Applies one event; returns false when it was a duplicate. Rolls back on any exception,
     * checked ones included, so the inbox never records an event whose effect was not applied.
     * A commit also records the submission's outcome (COUNTED, or FAILED when a later version is
     * already counted) for {@code mhe.submission-outcomes.v1}, in the same transaction.
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean apply(UUID eventId, String type, byte[] payload) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return apply(c, eventId, type, payload, true);
        }
    }

    /**
     * Applies one event on the caller's connection and transaction (the rebuild and the property
     * tests drive it directly); returns false when it was a duplicate. Reports no outcome: a
     * rebuild replays submissions whose providers were told long ago.
     */
    public boolean apply(Connection c, UUID eventId, String type, byte[] payload) throws SQLException {
        return apply(c, eventId, type, payload, false);
    }

    private boolean apply(Connection c, UUID eventId, String type, byte[] payload, boolean report) throws SQLException {
        // A rebuild from the topic holds this exclusively while it empties and refills the tables.
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(hashtext('rebuild'))")) {
            lock.execute();
        }
        if (!firstDelivery(c, eventId, type)) {
            Log.debugf("Event %s already applied", eventId);
            return false;
        }
        switch (type) {
            case SubmissionEvents.BATCH_TYPE -> stage(c, read(payload, SubmissionBatch.class));
            case SubmissionEvents.COMMITTED_TYPE -> {
                SubmissionCommitted commit = read(payload, SubmissionCommitted.class);
                String notCounted = commit(c, commit);
                if (report && notCounted == null) {
                    outcomes.counted(c, commit);
                } else if (report) {
                    outcomes.failed(c, commit, notCounted);
                }
            }
            default -> throw new PoisonEvent("Unknown event type " + type);
        }
        return true;
    }

    private <T> T read(byte[] payload, Class<T> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (IOException e) {
            throw new PoisonEvent("Unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean firstDelivery(Connection c, UUID eventId, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inbox (event_id, event_type) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, eventId);
            ps.setString(2, type);
            return ps.executeUpdate() == 1;
        }
    }

    private void stage(Connection c, SubmissionBatch batch) throws SQLException {
        if (batch.records() == null || !batch.records().isArray()) {
            throw new PoisonEvent("SubmissionBatch " + batch.submissionId() + " #" + batch.batchSeq() + " has no records array");
        }
        requireKnown(batch.submissionId(), batch.dataset(), batch.period());
        ensureReceived(c, batch.submissionId(), batch.dataset(), batch.provider(), batch.period(), batch.version());
        int records = batch.records().size();
        switch (batch.dataset()) {
            case MHSDS -> insertMhsds(c, batch, batch.records());
            case TALKING_THERAPIES -> insertTalkingTherapies(c, batch, batch.records());
            default -> throw new PoisonEvent("SubmissionBatch " + batch.submissionId() + " has unknown dataset "
                    + batch.dataset());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE received_submission SET batches_received = "
                + "batches_received + 1, records_received = records_received + ? WHERE submission_id = ?")) {
            ps.setLong(1, records);
            ps.setObject(2, batch.submissionId());
            ps.executeUpdate();
        }
    }

    private void insertMhsds(Connection c, SubmissionBatch batch, JsonNode records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mhsds_record (submission_id, person_id, "
                + "ethnic_category, gender, age_years, residence_icb, imd_decile, in_contact, detentions, ctos, "
                + "restrictive_interventions, period, provider) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JsonNode node : records) {
                MhsdsRecord r = record(node, MhsdsRecord.class);
                ps.setObject(1, batch.submissionId());
                ps.setString(2, r.personId());
                ps.setString(3, r.ethnicCategory());
                ps.setString(4, r.gender());
                ps.setInt(5, r.ageYears());
                ps.setString(6, r.residenceIcb());
                if (r.imdDecile() == null) {
                    ps.setNull(7, Types.SMALLINT);
                } else {
                    ps.setInt(7, r.imdDecile());
                }
                ps.setBoolean(8, "Y".equals(r.inContact()));
                ps.setInt(9, r.detentions());
                ps.setInt(10, r.ctos());
                ps.setInt(11, r.restrictiveInterventions());
                ps.setString(12, batch.period());
                ps.setString(13, batch.provider());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertTalkingTherapies(Connection c, SubmissionBatch batch, JsonNode records) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tt_record (submission_id, period, provider, "
                + "referral_id, person_id, ethnic_category, gender, age_years, residence_icb, imd_decile, "
                + "sexual_orientation, entered_treatment, finished_course, caseness_at_start, caseness_at_end, "
                + "reliable_improvement, days_to_first_treatment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JsonNode node : records) {
                TalkingTherapiesRecord r = record(node, TalkingTherapiesRecord.class);
                ps.setObject(1, batch.submissionId());
                ps.setString(2, batch.period());
                ps.setString(3, batch.provider());
                ps.setString(4, r.referralId());
                ps.setString(5, r.personId());
                ps.setString(6, r.ethnicCategory());
                ps.setString(7, r.gender());
                ps.setInt(8, r.ageYears());
                ps.setString(9, r.residenceIcb());
                setInteger(ps, 10, r.imdDecile(), Types.SMALLINT);
                ps.setString(11, r.sexualOrientation());
                ps.setBoolean(12, "Y".equals(r.enteredTreatment()));
                ps.setBoolean(13, "Y".equals(r.finishedCourse()));
                setFlag(ps, 14, r.casenessAtStart());
                setFlag(ps, 15, r.casenessAtEnd());
                setFlag(ps, 16, r.reliableImprovement());
                setInteger(ps, 17, r.daysToFirstTreatment(), Types.INTEGER);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setFlag(PreparedStatement ps, int index, String flag) throws SQLException {
        if (flag == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, "Y".equals(flag));
        }
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value, int type) throws SQLException {
        if (value == null) {
            ps.setNull(index, type);
        } else {
            ps.setInt(index, value);
        }
    }

    private <T> T record(JsonNode node, Class<T> type) {
        try {
            T r = mapper.treeToValue(node, type);
            if (r == null) {
                throw new PoisonEvent("Empty " + type.getSimpleName());
            }
            return r;
        } catch (IOException e) {
            throw new PoisonEvent("Unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Makes the submission current; returns null, or why it is not counted. */
    private String commit(Connection c, SubmissionCommitted commit) throws SQLException {
        requireKnown(commit.submissionId(), commit.dataset(), commit.period());
        ensureReceived(c, commit.submissionId(), commit.dataset(), commit.provider(), commit.period(), commit.version());
        try (PreparedStatement ps = c.prepareStatement("SELECT batches_received, records_received, status "
                + "FROM received_submission WHERE submission_id = ? FOR UPDATE")) {
            ps.setObject(1, commit.submissionId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != commit.batchCount() || rs.getLong(2) != commit.recordCount()) {
                    throw new PoisonEvent("Submission " + commit.submissionId() + " is incomplete: received "
                            + rs.getInt(1) + "/" + commit.batchCount() + " batches and " + rs.getLong(2) + "/"
                            + commit.recordCount() + " records");
                }
            }
        }
        UUID previous = null;
        Integer currentVersion = null;
        // Before reading what is current: FOR UPDATE locks nothing while a provider's month has no
        // current submission yet, and two first commits of it must not both see none.
        recalculation.lockCellsOfMonth(c, commit.dataset(), commit.period());
        try (PreparedStatement ps = c.prepareStatement("SELECT submission_id, version FROM current_submission "
                + "WHERE dataset = ? AND provider = ? AND period = ? FOR UPDATE")) {
            ps.setString(1, commit.dataset());
            ps.setString(2, commit.provider());
            ps.setString(3, commit.period());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    previous = rs.getObject(1, UUID.class);
                    currentVersion = rs.getInt(2);
                }
            }
        }
        if (commit.submissionId().equals(previous)) {
            return null; // already current: nothing changes
        }
        if (currentVersion != null && currentVersion >= commit.version()) {
            Log.infof("Submission %s (version %d) is older than the current version %d: not applied",
                    commit.submissionId(), commit.version(), currentVersion);
            setStatus(c, commit.submissionId(), "STALE");
            deleteRecords(c, commit.submissionId());
            return "Version " + currentVersion + " of this month is already counted; version " + commit.version()
                    + " arrived after it and was not applied";
        }
        // The cells kept per period take the difference now, while the replaced records are here.
        recalculation.submissionReplacing(c, commit.dataset(), commit.period(), previous, commit.submissionId());
        if (previous != null) {
            setStatus(c, previous, "SUPERSEDED");
            deleteRecords(c, previous);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO current_submission (dataset, provider, period, "
                + "submission_id, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset, provider, period) DO UPDATE "
                + "SET submission_id = excluded.submission_id, version = excluded.version")) {
            ps.setString(1, commit.dataset());
            ps.setString(2, commit.provider());
            ps.setString(3, commit.period());
            ps.setObject(4, commit.submissionId());
            ps.setInt(5, commit.version());
            ps.executeUpdate();
        }
        setStatus(c, commit.submissionId(), "CURRENT");
        recalculation.requestMonth(c, commit.dataset(), commit.period());
        return null;
    }

    /** An event for a dataset or month this service cannot place is poison, not a reason to retry. */
    private static void requireKnown(UUID submissionId, String dataset, String period) {
        if (!MHSDS.equals(dataset) && !TALKING_THERAPIES.equals(dataset)) {
            throw new PoisonEvent("Submission " + submissionId + " has unknown dataset " + dataset);
        }
        try {
            java.time.YearMonth.parse(period == null ? "" : period);
        } catch (java.time.format.DateTimeParseException e) {
            throw new PoisonEvent("Submission " + submissionId + " has no valid period: " + period, e);
        }
    }

    private static void ensureReceived(Connection c, UUID id, String dataset, String provider, String period,
            int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO received_submission (submission_id, dataset, "
                + "provider, period, version, status) VALUES (?, ?, ?, ?, ?, 'STAGING') ON CONFLICT DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, dataset);
            ps.setString(3, provider);
            ps.setString(4, period);
            ps.setInt(5, version);
            ps.executeUpdate();
        }
    }

    private static void setStatus(Connection c, UUID id, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE received_submission SET status = ?, "
                + "committed_at = coalesce(committed_at, now()) WHERE submission_id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    private static void deleteRecords(Connection c, UUID submissionId) throws SQLException {
        for (String table : new String[] {"mhsds_record", "tt_record"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE submission_id = ?")) {
                ps.setObject(1, submissionId);
                ps.executeUpdate();
            }
        }
    }
}
