package uk.nhs.mhe.library.casestudy;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.security.Caller;

import java.util.Map;

/** The vocabularies with their ids and labels, for anyone with a library role. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class LibraryInfoResource {

    private final SecurityIdentity identity;

    public LibraryInfoResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("vocabularies")
    public Map<String, Map<String, String>> vocabularies() {
        CaseStudyService.requireLibraryRole(Caller.of(identity));
        return Vocabularies.all();
    }
}
