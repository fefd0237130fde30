package uk.nhs.mhe.library.me;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.security.Caller;

import java.util.Map;
import java.util.TreeSet;

/**
 * Who the library thinks the caller is: roles, organisation and region from the token. Any
 * signed-in user; the library's pages use it to decide what to offer.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Map<String, Object> me() {
        Caller caller = Caller.of(identity);
        return Map.of("name", caller.name(), "roles", new TreeSet<>(caller.roles()),
                "organisation", caller.organisation().orElse(""), "region", caller.region().orElse(""));
    }
}
