package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Case studies, revisions, attachments and views in PostgreSQL, with plain JDBC. */
@ApplicationScoped
public class CaseStudyRepository {

    private final DataSource dataSource;
    private final ObjectMapper json;

    public CaseStudyRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public record Revision(int n, String action, Status status, String author, Instant createdAt, String comment,
            JsonNode content) {
    }

    public void insert(UUID id, String organisation, CaseStudyInput in, String bodyText, String author, Instant now) {
        String sql = """
                INSERT INTO case_study (id, organisation, status, version, title, summary, body, body_text, region,
                  population_groups, service_area, intervention_type, stage, evidence_level, evaluation, outcomes,
                  related_indicators, sponsorship, contact, tags, created_by, created_at, updated_at)
                VALUES (?, ?, 'DRAFT', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setString(2, organisation);
            int i = content(c, ps, 3, in, bodyText);
            ps.setString(i++, author);
            ps.setTimestamp(i++, Timestamp.from(now));
            ps.setTimestamp(i, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void updateContent(UUID id, CaseStudyInput in, String bodyText, int version, Instant now) {
        String sql = """
                UPDATE case_study SET title=?, summary=?, body=?, body_text=?, region=?, population_groups=?,
                  service_area=?, intervention_type=?, stage=?, evidence_level=?, evaluation=?, outcomes=?::jsonb,
                  related_indicators=?, sponsorship=?, contact=?::jsonb, tags=?, version=?, updated_at=?
                WHERE id=?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = content(c, ps, 1, in, bodyText);
            ps.setInt(i++, version);
            ps.setTimestamp(i++, Timestamp.from(now));
            ps.setObject(i, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void updateStatus(UUID id, Status status, int version, Instant now, String moderatorComment,
            Instant publishedAt, LocalDate reviewDue, String retractionReason, Instant retractedAt) {
        String sql = """
                UPDATE case_study SET status=?, version=?, updated_at=?, moderator_comment=?,
                  published_at=COALESCE(?, published_at), review_due=COALESCE(?, review_due),
                  retraction_reason=COALESCE(?, retraction_reason), retracted_at=COALESCE(?, retracted_at)
                WHERE id=?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setInt(2, version);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, moderatorComment);
            ps.setTimestamp(5, publishedAt == null ? null : Timestamp.from(publishedAt));
            ps.setObject(6, reviewDue == null ? null : Date.valueOf(reviewDue), Types.DATE);
            ps.setString(7, retractionReason);
            ps.setTimestamp(8, retractedAt == null ? null : Timestamp.from(retractedAt));
            ps.setObject(9, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a case study, locking its row when {@code forUpdate}. */
    public Optional<CaseStudy> find(UUID id, boolean forUpdate) {
        String sql = "SELECT * FROM case_study WHERE id=?" + (forUpdate ? " FOR UPDATE" : "");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(map(rs, attachments(c, id)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insertRevision(UUID id, int n, String action, Status status, String author, Instant at, String comment,
            CaseStudyInput content) {
        String sql = """
                INSERT INTO case_study_revision (case_study_id, n, action, status, author, created_at, comment, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setInt(2, n);
            ps.setString(3, action);
            ps.setString(4, status.name());
            ps.setString(5, author);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setString(7, comment);
            ps.setString(8, json.writeValueAsString(content));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Revision> revisions(UUID id, Integer from, Integer to) {
        String sql = "SELECT * FROM case_study_revision WHERE case_study_id=? AND n BETWEEN ? AND ? ORDER BY n";
        List<Revision> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setInt(2, from == null ? 0 : from);
            ps.setInt(3, to == null ? Integer.MAX_VALUE : to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Revision(rs.getInt("n"), rs.getString("action"), Status.valueOf(rs.getString("status")),
                            rs.getString("author"), rs.getTimestamp("created_at").toInstant(), rs.getString("comment"),
                            json.readTree(rs.getString("content"))));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts a view once per viewer per day; true when this one counted. */
    public boolean recordView(UUID id, String viewer, LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO case_study_view (case_study_id, viewer, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, viewer);
            ps.setObject(3, Date.valueOf(day), Types.DATE);
            if (ps.executeUpdate() == 0) {
                return false;
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE case_study SET views = views + 1 WHERE id=?")) {
                up.setObject(1, id);
                up.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void insertAttachment(CaseStudy.Attachment a, UUID caseStudyId, String sha256, String uploadedBy) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO attachment (id, case_study_id, filename, media_type, size_bytes, sha256, uploaded_by, uploaded_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, a.id());
            ps.setObject(2, caseStudyId);
            ps.setString(3, a.filename());
            ps.setString(4, a.mediaType());
            ps.setLong(5, a.size());
            ps.setString(6, sha256);
            ps.setString(7, uploadedBy);
            ps.setTimestamp(8, Timestamp.from(a.uploadedAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CaseStudy.Attachment> attachments(Connection c, UUID id) throws SQLException {
        List<CaseStudy.Attachment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM attachment WHERE case_study_id=? ORDER BY uploaded_at, id")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CaseStudy.Attachment(rs.getObject("id", UUID.class), rs.getString("filename"),
                            rs.getString("media_type"), rs.getLong("size_bytes"),
                            rs.getTimestamp("uploaded_at").toInstant()));
                }
            }
        }
        return out;
    }

    private int content(Connection c, PreparedStatement ps, int i, CaseStudyInput in, String bodyText)
            throws SQLException {
        try {
            ps.setString(i++, in.title());
            ps.setString(i++, in.summary());
            ps.setString(i++, in.body());
            ps.setString(i++, bodyText);
            ps.setString(i++, in.region());
            ps.setArray(i++, c.createArrayOf("text", in.populationGroups().toArray()));
            ps.setString(i++, in.serviceArea());
            ps.setString(i++, in.interventionType());
            ps.setString(i++, in.stage());
            ps.setString(i++, in.evidenceLevel());
            ps.setString(i++, in.evaluation());
            ps.setString(i++, json.writeValueAsString(in.outcomes()));
            ps.setArray(i++, c.createArrayOf("text", in.relatedIndicators().toArray()));
            ps.setString(i++, in.sponsorship());
            ps.setString(i++, in.contact() == null ? null : json.writeValueAsString(in.contact()));
            ps.setArray(i++, c.createArrayOf("text", in.tags().toArray()));
            return i;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    CaseStudy map(ResultSet rs, List<CaseStudy.Attachment> attachments) throws SQLException {
        try {
            LocalDate reviewDue = rs.getObject("review_due", LocalDate.class);
            Status status = Status.valueOf(rs.getString("status"));
            String contact = rs.getString("contact");
            return new CaseStudy(rs.getObject("id", UUID.class), rs.getString("organisation"), status,
                    rs.getInt("version"), rs.getString("title"), rs.getString("summary"), rs.getString("body"),
                    rs.getString("region"), strings(rs.getArray("population_groups")), rs.getString("service_area"),
                    rs.getString("intervention_type"), rs.getString("stage"), rs.getString("evidence_level"),
                    rs.getString("evaluation"),
                    json.readValue(rs.getString("outcomes"), new TypeReference<List<CaseStudyInput.Outcome>>() { }),
                    strings(rs.getArray("related_indicators")), rs.getString("sponsorship"),
                    contact == null ? null : json.readValue(contact, CaseStudyInput.Contact.class),
                    strings(rs.getArray("tags")), instant(rs, "created_at"), instant(rs, "updated_at"),
                    instant(rs, "published_at"), reviewDue, rs.getLong("views"), rs.getString("moderator_comment"),
                    rs.getString("retraction_reason"), instant(rs, "retracted_at"),
                    status == Status.PUBLISHED && reviewDue != null && !reviewDue.isAfter(LocalDate.now()),
                    attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
