package uk.nhs.mhe.indicator.query;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import uk.nhs.mhe.indicator.catalogue.Indicator;

/**
 * Indicator values for an area, period and breakdown. Open to everyone: without the
 * {@code assurance} role the public view (disclosure control) is served; with it, exact figures.
 */
@Path("/api/v1/indicators/{id}/data")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
@PermitAll
public class IndicatorDataResource {

    public static final String ASSURANCE_ROLE = "assurance";

    private final IndicatorQuery query;
    private final QueryArguments arguments;
    private final SecurityIdentity identity;

    public IndicatorDataResource(IndicatorQuery query, QueryArguments arguments, SecurityIdentity identity) {
        this.query = query;
        this.arguments = arguments;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "Rows of the breakdown; CSV (one line per row or point) with Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorData.class)),
                    @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @GET
    public Response data(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("benchmark") String benchmark, @Context HttpHeaders headers) {
        IndicatorData data = query.data(id, area, period, breakdown, benchmark, identity.hasRole(ASSURANCE_ROLE));
        boolean difference = arguments.indicator(id).comparison() == Indicator.Comparison.DIFFERENCE;
        return Representation.of(headers, data, () -> data.toCsv(difference));
    }
}
