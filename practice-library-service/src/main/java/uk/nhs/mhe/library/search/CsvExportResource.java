package uk.nhs.mhe.library.search;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.mhe.common.security.Caller;

import java.util.List;
import java.util.Map;

/**
 * CSV export of any search: the list's filters and visibility, up to {@link SearchService#EXPORT_LIMIT} rows.
 */
@Path("/api/v1/case-studies.csv")
@Authenticated
public class CsvExportResource {

    private final SecurityIdentity identity;
    private final SearchService search;

    public CsvExportResource(SecurityIdentity identity, SearchService search) {
        this.identity = identity;
        this.search = search;
    }

    @GET
    @Produces("text/csv")
    public Response csv(@Context UriInfo uri) {
        List<SearchResult.Item> items = search.export(Caller.of(identity), uri.getQueryParameters(), false,
                SearchService.EXPORT_LIMIT);
        return Response.ok(Exports.csv(items), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"case-studies.csv\"").build();
    }
}
