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
 * JSON export of any search: the list's filters and visibility, every match up to the export limit.
 */
@Path("/api/v1/case-studies.json")
@Authenticated
public class JsonExportResource {

    private final SecurityIdentity identity;
    private final SearchService search;

    public JsonExportResource(SecurityIdentity identity, SearchService search) {
        this.identity = identity;
        this.search = search;
    }

    @GET
    @Produces("application/json")
    public Map<String, Object> json(@Context UriInfo uri) {
        List<SearchResult.Item> items = search.export(Caller.of(identity), uri.getQueryParameters(), false,
                SearchService.EXPORT_LIMIT);
        return Map.of("total", items.size(), "items", items);
    }
}
