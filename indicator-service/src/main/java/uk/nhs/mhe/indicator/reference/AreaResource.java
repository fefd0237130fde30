package uk.nhs.mhe.indicator.reference;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;

import java.util.Arrays;
import java.util.List;

/** The areas indicators are reported for. Public. */
@Path("/api/v1/areas")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AreaResource {

    private final Areas areas;

    public AreaResource(Areas areas) {
        this.areas = areas;
    }

    @GET
    public List<Area> list(@QueryParam("type") String type) {
        if (type == null || type.isEmpty()) {
            return areas.all();
        }
        try {
            return areas.ofType(AreaType.valueOf(type.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of("unknown-area-type", "Unknown area type", 400,
                    "type must be one of " + Arrays.toString(AreaType.values()) + ", got '" + type + "'")
                    .with("available", Arrays.stream(AreaType.values()).map(Enum::name).toList()));
        }
    }
}
