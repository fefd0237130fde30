package uk.nhs.mhe.ingest.submission;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Provider systems push a month of a dataset here and follow its validation. A {@code submitter}
 * sees and submits only for its own organisation; {@code ingest-admin} acts for any provider.
 */
@Path("/api/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"submitter", SubmissionIntake.ADMIN_ROLE})
public class SubmissionResource {

    /** Findings returned inline with a 400; the full report is paged at {@code /errors}. */
    static final int INLINE_ERRORS = 100;

    private final SubmissionIntake intake;
    private final SubmissionStore store;
    private final SecurityIdentity identity;

    public SubmissionResource(SubmissionIntake intake, SubmissionStore store, SecurityIdentity identity) {
        this.intake = intake;
        this.store = store;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(InputStream body, HttpHeaders headers, UriInfo uri) {
        SubmissionIntake.Outcome outcome = intake.receive(body, MediaType.APPLICATION_JSON, Caller.of(identity));
        SubmissionView s = outcome.submission();
        URI self = uri.getBaseUriBuilder().path("/api/v1/submissions/{id}").build(s.id());
        if (outcome.accepted()) {
            return Response.created(self).entity(s).build();
        }
        URI report = uri.getBaseUriBuilder().path("/api/v1/submissions/{id}/errors").build(s.id());
        List<FieldError> inline = outcome.errors().stream().limit(INLINE_ERRORS).toList();
        Problem problem = Problem.of("validation-failed", "Submission rejected", 400,
                        s.errorCount() + " finding(s) in " + s.rejectedRecords() + " of " + s.records()
                                + " record(s); nothing was stored or published. The first " + inline.size()
                                + " are listed here, all of them at " + report.getPath())
                .withErrors(inline).withInstance(self.getPath())
                .with("submissionId", s.id()).with("errorCount", s.errorCount());
        throw new ProblemException(problem, Map.of(HttpHeaders.LOCATION, report.toString()));
    }

    @GET
    @Path("{id}")
    public SubmissionView get(@PathParam("id") String id) {
        return visible(id);
    }

    @GET
    @Path("{id}/errors")
    public Map<String, Object> errors(@PathParam("id") String id, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        SubmissionView s = visible(id);
        int pageSize = Math.max(1, Math.min(size, 1000));
        int pageNumber = Math.max(1, page);
        List<FieldError> items = store.errors(s.id(), (pageNumber - 1) * pageSize, pageSize);
        return Map.of("submissionId", s.id(), "total", s.errorCount(), "page", pageNumber, "size", pageSize,
                "items", items);
    }

    @GET
    public List<SubmissionView> history(@QueryParam("provider") String provider, @QueryParam("dataset") String dataset,
            @QueryParam("period") String period) {
        Caller caller = Caller.of(identity);
        String scope = provider;
        if (!caller.hasRole(SubmissionIntake.ADMIN_ROLE)) {
            String own = caller.organisation().orElse("");
            if (provider != null && !provider.isEmpty() && !provider.equals(own)) {
                throw ProblemException.forbidden("A provider system sees only its own submissions (" + own + ")");
            }
            scope = own;
        }
        return store.history(scope, dataset, period, 500);
    }

    /** A submission the caller may see; others' answer 404 so ids reveal nothing. */
    private SubmissionView visible(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("submission-not-found", "No submission " + id);
        }
        Caller caller = Caller.of(identity);
        return store.find(uuid)
                .filter(s -> caller.hasRole(SubmissionIntake.ADMIN_ROLE)
                        || s.provider().equals(caller.organisation().orElse(null)))
                .orElseThrow(() -> ProblemException.notFound("submission-not-found", "No submission " + id));
    }
}
