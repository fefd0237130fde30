package uk.nhs.mhe.indicator.reference;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.indicator.compute.Recalculation;
import uk.nhs.mhe.reference.ReferenceData;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * The national data team loads the population denominators, one year at a time. The year is
 * replaced whole, and every value that uses it is recalculated in the same transaction.
 */
@Path("/api/v1/reference/population")
public class PopulationResource {

    private final AgroalDataSource dataSource;
    private final Recalculation recalculation;
    private final PopulationCsv csv;

    public PopulationResource(AgroalDataSource dataSource, Recalculation recalculation, ReferenceData ref) {
        this.dataSource = dataSource;
        this.recalculation = recalculation;
        this.csv = new PopulationCsv(ref);
    }

    @PUT
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("ingest-admin")
    @Transactional(rollbackOn = Exception.class)
    public Map<String, Object> replaceYear(@QueryParam("year") String year, InputStream body)
            throws IOException, SQLException {
        if (year == null || !year.matches("\\d{4}")) {
            throw new ProblemException(Problem.of("bad-year", "Bad year", 400,
                    "year must be a calendar year YYYY, got '" + year + "'")
                    .withErrors(List.of(FieldError.envelope("year", "BAD_YEAR", "year must be YYYY"))));
        }
        PopulationCsv.Result result = csv.read(new InputStreamReader(body, StandardCharsets.UTF_8));
        if (!result.errors().isEmpty()) {
            throw new ProblemException(Problem.of("validation-failed", "Population rejected", 400,
                    result.errors().size() + " finding(s); nothing was changed").withErrors(result.errors()));
        }
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            // One population change at a time, and none while a month is being recalculated.
            Recalculation.lockPopulationExclusively(c);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM population WHERE year = ?")) {
                delete.setInt(1, Integer.parseInt(year));
                delete.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO population (year, area_code, ethnic_category, "
                    + "age_band, sex, imd_decile, population) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (PopulationRow r : result.rows()) {
                    ps.setInt(1, Integer.parseInt(year));
                    ps.setString(2, r.areaCode());
                    ps.setString(3, r.ethnicCategory());
                    ps.setString(4, r.ageBand());
                    ps.setInt(5, r.sex());
                    if (r.imdDecile() == null) {
                        ps.setNull(6, Types.SMALLINT);
                    } else {
                        ps.setInt(6, r.imdDecile());
                    }
                    ps.setLong(7, r.population());
                    ps.addBatch();
                    total += r.population();
                }
                ps.executeBatch();
            }
            uk.nhs.mhe.indicator.compute.Population.markReplaced(c, Integer.parseInt(year));
            recalculation.requestPopulationYear(c, Integer.parseInt(year));
        }
        return Map.of("year", Integer.parseInt(year), "rows", result.rows().size(), "population", total);
    }
}
