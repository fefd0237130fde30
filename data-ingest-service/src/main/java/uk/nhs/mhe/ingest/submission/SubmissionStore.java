package uk.nhs.mhe.ingest.submission;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.validation.RecordValidator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Submissions and their validation reports in the ingest database. Plain JDBC: the write path
 * is a handful of statements per submission, and the read path maps straight onto the view.
 * Callers own the transaction.
 */
@ApplicationScoped
public class SubmissionStore {

    private static final String VIEW_COLUMNS = "id, dataset, provider, period, version, status, received_at, "
            + "accepted_at, published_at, counted_at, outcome_reason, records, rejected_records, error_count, batch_count, sha256, client_id, "
            + "data_quality::text AS dq, format, invalid_rows, "
            + "(SELECT p.records_read FROM submission_progress p WHERE p.submission_id = submission.id) AS p_records, "
            + "(SELECT p.bytes_read FROM submission_progress p WHERE p.submission_id = submission.id) AS p_bytes, "
            + "(SELECT p.bytes_total FROM submission_progress p WHERE p.submission_id = submission.id) AS p_total";

    private final AgroalDataSource dataSource;

    public SubmissionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Serialises submissions of one dataset, provider and period until the transaction ends and
     * returns the next version number.
     */
    int lockAndNextVersion(Connection c, Envelope envelope) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, envelope.key());
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) + 1 FROM submission "
                + "WHERE dataset = ? AND provider = ? AND period = ? AND version IS NOT NULL")) {
            ps.setString(1, envelope.dataset());
            ps.setString(2, envelope.provider());
            ps.setString(3, envelope.period());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void insert(Connection c, UUID id, Envelope envelope, Integer version, SubmissionStatus status,
            Instant receivedAt, String clientId, String contentType) throws SQLException {
        insert(c, id, envelope, version, status, receivedAt, clientId, contentType, null, "reject");
    }

    /**
     * Inserts the submission row, or (for an async submission, whose row was written when its
     * body was spooled) brings the existing row up to date.
     */
    void insert(Connection c, UUID id, Envelope envelope, Integer version, SubmissionStatus status,
            Instant receivedAt, String clientId, String contentType, String format, String invalidRows)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission (id, dataset, provider, period, "
                + "version, status, received_at, client_id, content_type, format, invalid_rows) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET dataset = EXCLUDED.dataset, "
                + "provider = EXCLUDED.provider, period = EXCLUDED.period, version = EXCLUDED.version, "
                + "status = EXCLUDED.status")) {
            ps.setString(10, format);
            ps.setString(11, invalidRows == null ? "reject" : invalidRows);
            ps.setObject(1, id);
            ps.setString(2, nullToEmpty(envelope.dataset()));
            ps.setString(3, nullToEmpty(envelope.provider()));
            ps.setString(4, nullToEmpty(envelope.period()));
            if (version == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, version);
            }
            ps.setString(6, status.name());
            ps.setTimestamp(7, Timestamp.from(receivedAt));
            ps.setString(8, clientId);
            ps.setString(9, contentType);
            ps.executeUpdate();
        }
    }

    void markAccepted(Connection c, UUID id, long records, int batchCount, String sha256, String dataQualityJson)
            throws SQLException {
        markAccepted(c, id, records, 0, 0, batchCount, sha256, dataQualityJson, List.of());
    }

    /** Accepted; with {@code invalidRows=skip} the skipped rows' findings are kept as its report. */
    void markAccepted(Connection c, UUID id, long records, long rejectedRecords, long errorCount, int batchCount,
            String sha256, String dataQualityJson, List<FieldError> errors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET status = 'ACCEPTED', accepted_at = now(), "
                + "records = ?, batch_count = ?, sha256 = ?, data_quality = ?::jsonb, rejected_records = ?, "
                + "error_count = ?, spool_path = NULL WHERE id = ?")) {
            ps.setLong(1, records);
            ps.setInt(2, batchCount);
            ps.setString(3, sha256);
            ps.setString(4, dataQualityJson);
            ps.setLong(5, rejectedRecords);
            ps.setLong(6, errorCount);
            ps.setObject(7, id);
            ps.executeUpdate();
        }
        insertErrors(c, id, errors);
    }

    /** An async submission whose body is spooled and waits for a worker. */
    void insertReceived(UUID id, Envelope envelope, Instant receivedAt, String clientId, String contentType,
            String format, String invalidRows, String spoolPath, String options, long bytesTotal) {
        try (Connection c = dataSource.getConnection()) {
            insert(c, id, envelope, null, SubmissionStatus.RECEIVED, receivedAt, clientId, contentType, format, invalidRows);
            try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET spool_path = ?, async_options = ? WHERE id = ?")) {
                ps.setString(1, spoolPath);
                ps.setString(2, options);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission_progress (submission_id, bytes_total) VALUES (?, ?)")) {
                ps.setObject(1, id);
                ps.setLong(2, bytesTotal);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store submission " + id, e);
        }
    }

    /** Status of a submission outside its processing transaction (RECEIVED → VALIDATING). */
    void setStatus(UUID id, SubmissionStatus status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE submission SET status = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update submission " + id, e);
        }
    }

    /** Progress of a validating submission; the caller runs it in its own transaction. */
    void progress(UUID id, long recordsRead, long bytesRead) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE submission_progress SET records_read = ?, bytes_read = ?, "
                     + "updated_at = now() WHERE submission_id = ?")) {
            ps.setLong(1, recordsRead);
            ps.setLong(2, bytesRead);
            ps.setObject(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record progress of " + id, e);
        }
    }

    /** Async submissions a previous process left unfinished (their spool file may remain). */
    public List<UUID> unfinishedAsync() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM submission WHERE status IN ('RECEIVED', 'VALIDATING') "
                     + "AND spool_path IS NOT NULL ORDER BY received_at")) {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read unfinished submissions", e);
        }
    }

    /** The spool file and options of an async submission. */
    Optional<String[]> asyncJob(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT spool_path, async_options, client_id, received_at FROM submission WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString()}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read submission " + id, e);
        }
    }

    /** What an {@code Idempotency-Key} was first used for. */
    public record IdempotentRequest(String requestSha256, UUID submissionId, int httpStatus) {
    }

    public Optional<IdempotentRequest> idempotent(String clientId, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT request_sha256, submission_id, http_status FROM idempotency_key "
                     + "WHERE client_id = ? AND key = ?")) {
            ps.setString(1, clientId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new IdempotentRequest(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read idempotency key", e);
        }
    }

    /**
     * Records the first use of an Idempotency-Key. False when another request with the same key
     * got there first: its insert held the key until it committed, so the caller must roll back
     * and answer as a replay of that one (two concurrent first uses must not make two versions).
     */
    boolean rememberIdempotent(Connection c, String clientId, String key, String requestSha256, UUID id, int httpStatus)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_key (client_id, key, request_sha256, "
                + "submission_id, http_status) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, clientId);
            ps.setString(2, key);
            ps.setString(3, requestSha256);
            ps.setObject(4, id);
            ps.setInt(5, httpStatus);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every finding of a submission in order, streamed from a cursor (for the CSV report). */
    public void forEachError(UUID id, java.util.function.Consumer<FieldError> consumer) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT row_number, field, code, message FROM submission_error "
                    + "WHERE submission_id = ? ORDER BY seq")) {
                ps.setFetchSize(1000);
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long row = rs.getLong(1);
                        consumer.accept(new FieldError(rs.wasNull() ? null : row, rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read errors of submission " + id, e);
        }
    }

    void markRejected(Connection c, UUID id, long records, long rejectedRecords, long errorCount, String sha256,
            String dataQualityJson, List<FieldError> errors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET status = 'REJECTED', records = ?, "
                + "rejected_records = ?, error_count = ?, sha256 = ?, data_quality = ?::jsonb, version = NULL, "
                + "spool_path = NULL WHERE id = ?")) {
            ps.setLong(1, records);
            ps.setLong(2, rejectedRecords);
            ps.setLong(3, errorCount);
            ps.setString(4, sha256);
            ps.setString(5, dataQualityJson);
            ps.setObject(6, id);
            ps.executeUpdate();
        }
        insertErrors(c, id, errors);
    }

    void insertErrors(Connection c, UUID id, List<FieldError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission_error "
                + "(submission_id, seq, row_number, field, code, message) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (FieldError e : errors) {
                ps.setObject(1, id);
                ps.setInt(2, ++seq);
                if (e.row() == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, e.row());
                }
                ps.setString(4, RecordValidator.printable(e.field(), 200));
                ps.setString(5, e.code());
                ps.setString(6, RecordValidator.printable(e.message(), 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<SubmissionView> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + VIEW_COLUMNS + " FROM submission WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read submission " + id, e);
        }
    }

    /**
     * The submissions received last (of {@code provider}, or everyone's if null), newest first,
     * whatever became of them: rejected files have no version, and ordered by version they would
     * fall behind every accepted one.
     */
    public List<SubmissionView> recent(String provider, int limit) {
        return list(provider, null, null, "received_at DESC", limit);
    }

    /** History of submissions matching the filters, newest version first, then newest received. */
    public List<SubmissionView> history(String provider, String dataset, String period, int limit) {
        return list(provider, dataset, period, "version DESC NULLS LAST, received_at DESC", limit);
    }

    /** Submissions matching the filters that are given (null or empty: any), in {@code order}. */
    private List<SubmissionView> list(String provider, String dataset, String period, String order, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + VIEW_COLUMNS + " FROM submission WHERE true");
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> filter : Map.of("provider", nullToEmpty(provider), "dataset",
                nullToEmpty(dataset), "period", nullToEmpty(period)).entrySet()) {
            if (!filter.getValue().isEmpty()) {
                sql.append(" AND ").append(filter.getKey()).append(" = ?");
                args.add(filter.getValue());
            }
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ").append(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<SubmissionView> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(view(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read submission history", e);
        }
    }

    /** One page of a submission's findings, in row order. */
    public List<FieldError> errors(UUID id, int offset, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT row_number, field, code, message FROM submission_error "
                     + "WHERE submission_id = ? ORDER BY seq OFFSET ? LIMIT ?")) {
            ps.setObject(1, id);
            ps.setInt(2, offset);
            ps.setInt(3, limit);
            List<FieldError> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    result.add(new FieldError(rs.wasNull() ? null : row, rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read errors of submission " + id, e);
        }
    }

    private static SubmissionView view(ResultSet rs) throws SQLException {
        int version = rs.getInt("version");
        Integer maybeVersion = rs.wasNull() ? null : version;
        SubmissionStatus status = SubmissionStatus.valueOf(rs.getString("status"));
        long records = rs.getLong("records");
        Map<String, Object> progress = new java.util.LinkedHashMap<>();
        progress.put("phase", status.name());
        boolean working = status == SubmissionStatus.VALIDATING || status == SubmissionStatus.RECEIVED;
        long pRecords = rs.getLong("p_records");
        long pBytes = rs.getLong("p_bytes");
        long pTotal = rs.getLong("p_total");
        progress.put("recordsRead", working ? pRecords : records);
        if (working && pTotal > 0) {
            progress.put("bytesRead", pBytes);
            progress.put("bytesTotal", pTotal);
        }
        progress.put("percent", working ? (pTotal > 0 ? (int) Math.min(99, pBytes * 100 / pTotal) : 0) : 100);
        return new SubmissionView(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getString("provider"),
                rs.getString("period"), maybeVersion, status, instant(rs, "received_at"), instant(rs, "accepted_at"),
                instant(rs, "published_at"), instant(rs, "counted_at"), rs.getString("outcome_reason"), records, rs.getLong("rejected_records"), rs.getLong("error_count"),
                rs.getInt("batch_count"), rs.getString("sha256"), rs.getString("client_id"), rs.getString("dq"), progress, rs.getString("format"),
                rs.getString("invalid_rows"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
