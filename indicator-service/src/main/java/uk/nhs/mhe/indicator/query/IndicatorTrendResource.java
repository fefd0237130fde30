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
 * A group's time series with its recent trend. Open to everyone: without the {@code assurance}
 * role every point is under disclosure control, as on the data page.
 */
@Path("/api/v1/indicators/{id}/trend")
@Produces({MediaType.APPLICATION_JSON, CsvWriter.MEDIA_TYPE})
@PermitAll
public class IndicatorTrendResource {

    private final TrendQuery query;
    private final SecurityIdentity identity;

    public IndicatorTrendResource(TrendQuery query, SecurityIdentity identity) {
        this.query = query;
        this.identity = identity;
    }

    @APIResponse(responseCode = "200", description = "Time series and recent trend; CSV (one line per row or point) with Accept: text/csv",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorTrend.class)),
                    @Content(mediaType = CsvWriter.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @GET
    public Response trend(@PathParam("id") String id, @QueryParam("area") String area,
            @QueryParam("breakdown") String breakdown, @QueryParam("group") String group,
            @QueryParam("periodType") String periodType, @QueryParam("to") String to, @Context HttpHeaders headers) {
        IndicatorTrend trend = query.trend(id, area, breakdown, group, periodType, to,
                identity.hasRole(IndicatorDataResource.ASSURANCE_ROLE));
        return Representation.of(headers, trend, trend::toCsv);
    }
}
