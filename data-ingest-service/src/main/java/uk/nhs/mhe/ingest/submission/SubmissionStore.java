package uk.nhs.mhe.ingest.submission;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.FieldError;

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
            + "accepted_at, published_at, records, rejected_records, error_count, batch_count, sha256, client_id, "
            + "data_quality::text AS dq";

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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission (id, dataset, provider, period, "
                + "version, status, received_at, client_id, content_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET status = 'ACCEPTED', accepted_at = now(), "
                + "records = ?, batch_count = ?, sha256 = ?, data_quality = ?::jsonb WHERE id = ?")) {
            ps.setLong(1, records);
            ps.setInt(2, batchCount);
            ps.setString(3, sha256);
            ps.setString(4, dataQualityJson);
            ps.setObject(5, id);
            ps.executeUpdate();
        }
    }

    void markRejected(Connection c, UUID id, long records, long rejectedRecords, long errorCount, String sha256,
            String dataQualityJson, List<FieldError> errors) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE submission SET status = 'REJECTED', records = ?, "
                + "rejected_records = ?, error_count = ?, sha256 = ?, data_quality = ?::jsonb WHERE id = ?")) {
            ps.setLong(1, records);
            ps.setLong(2, rejectedRecords);
            ps.setLong(3, errorCount);
            ps.setString(4, sha256);
            ps.setString(5, dataQualityJson);
            ps.setObject(6, id);
            ps.executeUpdate();
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
                ps.setString(4, e.field());
                ps.setString(5, e.code());
                ps.setString(6, e.message());
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

    /** History of submissions matching the filters, newest version first, then newest received. */
    public List<SubmissionView> history(String provider, String dataset, String period, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + VIEW_COLUMNS + " FROM submission WHERE true");
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> filter : Map.of("provider", nullToEmpty(provider), "dataset",
                nullToEmpty(dataset), "period", nullToEmpty(period)).entrySet()) {
            if (!filter.getValue().isEmpty()) {
                sql.append(" AND ").append(filter.getKey()).append(" = ?");
                args.add(filter.getValue());
            }
        }
        sql.append(" ORDER BY version DESC NULLS LAST, received_at DESC LIMIT ").append(limit);
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
        Map<String, Object> progress = Map.of("phase", status.name(), "recordsRead", records,
                "percent", status == SubmissionStatus.VALIDATING || status == SubmissionStatus.RECEIVED ? 0 : 100);
        return new SubmissionView(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getString("provider"),
                rs.getString("period"), maybeVersion, status, instant(rs, "received_at"), instant(rs, "accepted_at"),
                instant(rs, "published_at"), records, rs.getLong("rejected_records"), rs.getLong("error_count"),
                rs.getInt("batch_count"), rs.getString("sha256"), rs.getString("client_id"), rs.getString("dq"), progress);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
