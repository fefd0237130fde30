package uk.nhs.mhe.library.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.mhe.common.security.Caller;

import java.net.URI;

/**
 * The landing page ({@code /}, no login needed) and the sign-in entry point. {@code /login} is
 * protected by an HTTP permission (application.properties), so reaching this method means the
 * code flow with Keycloak has completed.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(PageUser user);
    }

    private final SecurityIdentity identity;

    public HomePage(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(PageUser.of(Caller.of(identity)));
    }

    @GET
    @Path("login")
    public Response login() {
        return Response.seeOther(URI.create("/library")).build();
    }

    /** A GET ends no session (signing out is a POST, see application.properties): back home. */
    @GET
    @Path("logout")
    public Response loggedOut() {
        return Response.seeOther(URI.create("/")).build();
    }
}
