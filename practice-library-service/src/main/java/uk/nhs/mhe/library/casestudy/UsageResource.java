package uk.nhs.mhe.library.casestudy;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Usage statistics for moderators: views counted once per user per day. */
@Path("/api/v1/case-studies/usage")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UsageResource {

    private final SecurityIdentity identity;
    private final DataSource dataSource;

    public UsageResource(SecurityIdentity identity, DataSource dataSource) {
        this.identity = identity;
        this.dataSource = dataSource;
    }

    /** Views per case study (distinct users per day, all time and the last 30 days), most viewed first. */
    @GET
    public List<Map<String, Object>> usage() {
        Caller caller = Caller.of(identity);
        CaseStudyService.requireLibraryRole(caller);
        if (!Access.isModerator(caller)) {
            throw ProblemException.forbidden("Usage statistics are for moderators.");
        }
        String sql = """
                SELECT cs.id, cs.title, cs.organisation, cs.status, cs.views,
                  (SELECT count(*) FROM case_study_view v WHERE v.case_study_id = cs.id AND v.day > current_date - 30) AS recent,
                  (SELECT count(DISTINCT viewer) FROM case_study_view v WHERE v.case_study_id = cs.id) AS viewers
                FROM case_study cs WHERE cs.views > 0 ORDER BY cs.views DESC, cs.id LIMIT 200""";
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", rs.getObject("id", UUID.class));
                m.put("title", rs.getString("title"));
                m.put("organisation", rs.getString("organisation"));
                m.put("status", rs.getString("status"));
                m.put("views", rs.getLong("views"));
                m.put("viewsLast30Days", rs.getLong("recent"));
                m.put("distinctViewers", rs.getLong("viewers"));
                out.add(m);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
