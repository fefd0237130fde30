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

/**
 * A funnel plot of one group over the areas of a type. Open to everyone: without the
 * {@code assurance} role every point is under disclosure control, as on each area's data page.
 */
@Path("/api/v1/indicators/{id}/funnel")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
@PermitAll
public class IndicatorFunnelResource {

    private final FunnelQuery query;
    private final SecurityIdentity identity;

    public IndicatorFunnelResource(FunnelQuery query, SecurityIdentity identity) {
        this.query = query;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "Funnel points and limits; CSV (one line per row or point) with Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorFunnel.class)),
                    @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @GET
    public Response funnel(@PathParam("id") String id, @QueryParam("areaType") String areaType,
            @QueryParam("period") String period, @QueryParam("breakdown") String breakdown,
            @QueryParam("group") String group, @Context HttpHeaders headers) {
        IndicatorFunnel funnel = query.funnel(id, areaType, period, breakdown, group,
                identity.hasRole(IndicatorDataResource.ASSURANCE_ROLE));
        return Representation.of(headers, funnel, funnel::toCsv);
    }
}
