package uk.nhs.mhe.ingest.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.submission.Envelope;
import uk.nhs.mhe.ingest.submission.SubmissionIntake;
import uk.nhs.mhe.ingest.submission.SubmissionRequest;
import uk.nhs.mhe.ingest.submission.SubmissionResource;
import uk.nhs.mhe.ingest.submission.SubmissionStatus;
import uk.nhs.mhe.ingest.submission.SubmissionStore;
import uk.nhs.mhe.ingest.submission.SubmissionView;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The provider's pages: {@code /} (sign-in button), the upload form, and the progress and report
 * page of one submission. Uploads go through the same intake as the API's
 * {@code Prefer: respond-async} (spooled, validated by a worker), so the page answers at once and
 * the report page refreshes until validation has finished. Sign-in is enforced by an HTTP
 * permission on {@code /upload/*}; the form relies on the session cookie being
 * {@code SameSite=Lax} (Quarkus' default) against cross-site posts.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UploadPages {

    /** Findings listed on the report page; all of them are in the CSV download. */
    static final int ERRORS_SHOWN = 100;
    static final Set<SubmissionStatus> WORKING = Set.of(SubmissionStatus.RECEIVED, SubmissionStatus.VALIDATING);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(PageUser user);

        static native TemplateInstance upload(PageUser user, UploadForm form, Map<String, String> errors,
                Set<String> datasets, List<SubmissionView> recent);

        static native TemplateInstance report(PageUser user, SubmissionView submission, boolean working,
                QualityReport quality, List<FieldError> errors, long recordsRead);

        static native TemplateInstance error(PageUser user, int status, String title, String detail);
    }

    @TemplateData(target = SubmissionView.class)
    @TemplateData(target = FieldError.class)
    @TemplateData(target = QualityReport.class)
    @TemplateData(target = QualityReport.Row.class)
    @TemplateData(target = UploadForm.class)
    @TemplateData(target = PageUser.class)
    static final class Types {
    }

    private final SecurityIdentity identity;
    private final SubmissionIntake intake;
    private final SubmissionStore store;

    public UploadPages(SecurityIdentity identity, SubmissionIntake intake, SubmissionStore store) {
        this.identity = identity;
        this.intake = intake;
        this.store = store;
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(PageUser.of(caller()));
    }

    @GET
    @Path("login")
    public Response login() {
        return Response.seeOther(URI.create("/upload")).build();
    }

    /** A GET ends no session (signing out is a POST, see application.properties): back home. */
    @GET
    @Path("logout")
    public Response loggedOut() {
        return Response.seeOther(URI.create("/")).build();
    }

    @GET
    @Path("upload")
    public TemplateInstance form() {
        Caller caller = submitter();
        return page(caller, new UploadForm(null, null, null, null, 0), Map.of());
    }

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm String dataset, @RestForm String provider, @RestForm String period,
            @RestForm("file") FileUpload file) throws IOException {
        Caller caller = submitter();
        boolean admin = caller.hasRole(SubmissionIntake.ADMIN_ROLE);
        String forProvider = admin ? trim(provider) : caller.organisation().orElse(null);
        UploadForm form = new UploadForm(trim(dataset), forProvider, trim(period),
                file == null ? null : file.fileName(), file == null ? 0 : file.size());
        Map<String, String> errors = form.errors(admin);
        if (!errors.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(page(caller, form, errors)).build();
        }
        SubmissionRequest request = new SubmissionRequest(form.format(), form.contentType(),
                new Envelope(form.dataset(), form.provider(), form.period()), false, false, form.gzip(), null);
        SubmissionView submission;
        try (InputStream body = Files.newInputStream(file.uploadedFile())) {
            submission = intake.receiveAsync(body, request, caller).submission();
        }
        return Response.seeOther(URI.create("/upload/submissions/" + submission.id())).build();
    }

    /** Progress while the file is validated (the page refreshes itself), then the report. */
    @GET
    @Path("upload/submissions/{id}")
    public TemplateInstance report(@PathParam("id") String id) {
        Caller caller = submitter();
        SubmissionView s = visible(caller, id);
        boolean working = WORKING.contains(s.status());
        List<FieldError> errors = working || s.errorCount() == 0 ? List.of() : store.errors(s.id(), 0, ERRORS_SHOWN);
        Object read = s.progress() == null ? null : s.progress().get("recordsRead");
        return Templates.report(PageUser.of(caller), s, working, QualityReport.of(s.dataQuality()), errors,
                read instanceof Number n ? n.longValue() : 0);
    }

    @GET
    @Path("upload/submissions/{id}/errors.csv")
    @Produces("text/csv")
    public Response errorsCsv(@PathParam("id") String id) {
        SubmissionView s = visible(submitter(), id);
        StreamingOutput out = output -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            w.write("row,field,code,message\r\n");
            try {
                store.forEachError(s.id(), e -> {
                    try {
                        w.write((e.row() == null ? "" : e.row().toString()) + "," + SubmissionResource.csv(e.field())
                                + "," + SubmissionResource.csv(e.code()) + "," + SubmissionResource.csv(e.message()) + "\r\n");
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } finally {
                w.flush();
            }
        };
        return Response.ok(out, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + s.id() + "-errors.csv\"").build();
    }

    /** Problems (404 for another provider's submission, 403, 413...) as an HTML page, not JSON. */
    @ServerExceptionMapper
    public Response problemPage(ProblemException e) {
        Problem p = e.problem();
        String title = switch (p.status()) {
            case 404 -> "Page not found";
            case 403 -> "You do not have access to this page";
            case 413 -> "The file is too large";
            default -> p.title();
        };
        return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(PageUser.of(caller()), p.status(), title, p.detail())).build();
    }

    private TemplateInstance page(Caller caller, UploadForm form, Map<String, String> errors) {
        boolean admin = caller.hasRole(SubmissionIntake.ADMIN_ROLE);
        // A submitter without an organisation claim sees no history (never everyone's).
        // The files most recently received, rejected ones included: a provider looks here first
        // for what became of the file it just sent.
        List<SubmissionView> recent = admin ? store.recent(null, 10)
                : caller.organisation().map(org -> store.recent(org, 10)).orElse(List.of());
        return Templates.upload(PageUser.of(caller), form, errors, Datasets.all().keySet(), recent);
    }

    private SubmissionView visible(Caller caller, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("submission-not-found", "No submission " + id);
        }
        return store.find(uuid)
                .filter(s -> caller.hasRole(SubmissionIntake.ADMIN_ROLE)
                        || s.provider().equals(caller.organisation().orElse(null)))
                .orElseThrow(() -> ProblemException.notFound("submission-not-found", "No submission " + id));
    }

    private Caller submitter() {
        Caller caller = caller();
        if (!caller.hasRole("submitter") && !caller.hasRole(SubmissionIntake.ADMIN_ROLE)) {
            throw ProblemException.forbidden("Uploading is for provider staff with the submitter role.");
        }
        return caller;
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
