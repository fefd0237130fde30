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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Atom feed of published case studies (always newest first, whatever {@code q} or {@code sort}; the
 * list's filters apply), at most 100 entries.
 */
@Path("/feeds/published.atom")
@Authenticated
public class FeedResource {

    private final SecurityIdentity identity;
    private final SearchService search;

    public FeedResource(SecurityIdentity identity, SearchService search) {
        this.identity = identity;
        this.search = search;
    }

    @GET
    @Produces("application/atom+xml")
    public Response atom(@Context UriInfo uri) {
        // A feed is newest first whatever the filters: a text search must not reorder it by relevance.
        Map<String, List<String>> params = new HashMap<>(uri.getQueryParameters());
        params.put("sort", List.of(SearchQuery.Sort.NEWEST.name()));
        List<SearchResult.Item> items = search.export(Caller.of(identity), params, true, 100);
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        String self = uri.getRequestUri().toString();
        return Response.ok(Exports.atom(items, base, self), "application/atom+xml; charset=UTF-8").build();
    }
}
