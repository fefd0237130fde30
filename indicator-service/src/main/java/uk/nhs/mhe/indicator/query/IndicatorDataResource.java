package uk.nhs.mhe.indicator.query;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Indicator values for an area, period and breakdown. Open to everyone: without the
 * {@code assurance} role the public view (disclosure control) is served; with it, exact figures.
 */
@Path("/api/v1/indicators/{id}/data")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class IndicatorDataResource {

    public static final String ASSURANCE_ROLE = "assurance";

    private final IndicatorQuery query;
    private final SecurityIdentity identity;

    public IndicatorDataResource(IndicatorQuery query, SecurityIdentity identity) {
        this.query = query;
        this.identity = identity;
    }

    @GET
    public IndicatorData data(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("benchmark") String benchmark) {
        return query.data(id, area, period, breakdown, benchmark, identity.hasRole(ASSURANCE_ROLE));
    }
}
