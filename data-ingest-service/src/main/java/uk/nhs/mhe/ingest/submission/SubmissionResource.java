package uk.nhs.mhe.ingest.submission;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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
    static final int INLINE_ERRORS = SubmissionIntake.INLINE_ERRORS;
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final SubmissionIntake intake;
    private final SubmissionStore store;
    private final SecurityIdentity identity;

    public SubmissionResource(SubmissionIntake intake, SubmissionStore store, SecurityIdentity identity) {
        this.intake = intake;
        this.store = store;
        this.identity = identity;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON, CSV})
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @HeaderParam("Prefer") String prefer, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @QueryParam("dataset") String dataset, @QueryParam("provider") String provider,
            @QueryParam("period") String period, @QueryParam("invalidRows") String invalidRows,
            @QueryParam("dryRun") String dryRun, UriInfo uri) {
        SubmissionRequest request = request(contentType, contentEncoding, contentLength, idempotencyKey, dataset, provider,
                period, invalidRows, dryRun);
        Caller caller = Caller.of(identity);
        boolean async = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async") && !request.dryRun();
        SubmissionIntake.Outcome outcome = async ? intake.receiveAsync(body, request, caller)
                : intake.receive(body, request, caller);
        if (outcome.dryRun() != null) {
            return Response.ok(outcome.dryRun()).build();
        }
        SubmissionView s = outcome.submission();
        URI self = uri.getBaseUriBuilder().path("/api/v1/submissions/{id}").build(s.id());
        if (outcome.httpStatus() == 202) {
            return Response.accepted(s).location(self).header("Preference-Applied", "respond-async").build();
        }
        if (outcome.httpStatus() != 400) {
            return Response.created(self).entity(s).build();
        }
        URI report = uri.getBaseUriBuilder().path("/api/v1/submissions/{id}/errors").build(s.id());
        List<FieldError> inline = outcome.errors().stream().limit(INLINE_ERRORS).toList();
        Problem problem = Problem.of(rejectionType(outcome.errors()), "Submission rejected", 400,
                        s.errorCount() + " finding(s) in " + s.rejectedRecords() + " of " + s.records()
                                + " record(s); nothing was stored or published. The first " + inline.size()
                                + " are listed here, all of them at " + report.getPath())
                .withErrors(inline).withInstance(self.getPath())
                .with("submissionId", s.id()).with("errorCount", s.errorCount());
        throw new ProblemException(problem, Map.of(HttpHeaders.LOCATION, report.toString()));
    }

    /**
     * The problem type of a rejection: specific when the envelope or the file as a whole is wrong
     * (unknown dataset, bad period, unknown provider, bad CSV header), else {@code validation-failed}.
     */
    static String rejectionType(List<FieldError> errors) {
        if (errors.isEmpty() || errors.stream().anyMatch(e -> e.row() != null)) {
            return "validation-failed";
        }
        return switch (errors.get(0).code()) {
            case "UNKNOWN_DATASET" -> "unknown-dataset";
            case "BAD_PERIOD" -> "bad-period";
            case "FUTURE_PERIOD" -> "future-period";
            case "UNKNOWN_PROVIDER" -> "unknown-provider";
            case "PROVIDER_NOT_OPEN" -> "provider-not-open";
            case "REQUIRED" -> "missing-envelope";
            case "UNKNOWN_COLUMN", "DUPLICATE_COLUMN", "MISSING_COLUMN" -> "bad-csv-header";
            default -> "validation-failed";
        };
    }

    private SubmissionRequest request(String contentType, String contentEncoding, Long contentLength, String idempotencyKey,
            String dataset, String provider, String period, String invalidRows, String dryRun) {
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        SubmissionFormat format = switch (media) {
            case MediaType.APPLICATION_JSON -> SubmissionFormat.JSON;
            case NDJSON -> SubmissionFormat.NDJSON;
            case CSV -> SubmissionFormat.CSV;
            default -> throw new ProblemException(Problem.of("unsupported-media-type", "Unsupported media type", 415,
                    "Send application/json, application/x-ndjson or text/csv"));
        };
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("charset=")
                && !contentType.toLowerCase(Locale.ROOT).replace("\"", "").contains("charset=utf-8")) {
            throw new ProblemException(Problem.of("unsupported-charset", "Unsupported charset", 415,
                    "Submissions must be UTF-8; got Content-Type " + contentType));
        }
        boolean gzip = false;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String enc = contentEncoding.trim().toLowerCase(Locale.ROOT);
            if (enc.equals("gzip") || enc.equals("x-gzip")) {
                gzip = true;
            } else if (!enc.equals("identity")) {
                throw new ProblemException(Problem.of("unsupported-content-encoding", "Unsupported content encoding", 415,
                        "Content-Encoding may be gzip or identity; got " + contentEncoding));
            }
        }
        if (!gzip && contentLength != null && contentLength > intake.maxBodyBytes()) {
            throw BodyStreams.tooLarge(intake.maxBodyBytes());
        }
        boolean skip = switch (invalidRows == null ? "reject" : invalidRows) {
            case "reject" -> false;
            case "skip" -> true;
            default -> throw new ProblemException(Problem.of("bad-parameter", "Bad parameter", 400,
                    "invalidRows must be reject (the default) or skip; got '" + invalidRows + "'").with("parameter", "invalidRows"));
        };
        boolean dry = switch (dryRun == null ? "false" : dryRun) {
            case "false" -> false;
            case "true", "" -> true;
            default -> throw new ProblemException(Problem.of("bad-parameter", "Bad parameter", 400,
                    "dryRun must be true or false; got '" + dryRun + "'").with("parameter", "dryRun"));
        };
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ProblemException(Problem.of("bad-idempotency-key", "Bad Idempotency-Key", 400,
                    "Idempotency-Key must be 1–" + MAX_IDEMPOTENCY_KEY + " characters"));
        }
        Envelope query = null;
        if (format == SubmissionFormat.JSON) {
            if (dataset != null || provider != null || period != null) {
                throw new ProblemException(Problem.of("bad-parameter", "Bad parameter", 400,
                        "With application/json the dataset, provider and period go in the body, not the query")
                        .with("parameter", "dataset/provider/period"));
            }
        } else {
            query = new Envelope(dataset, provider, period);
        }
        return new SubmissionRequest(format, contentType, query, dry, skip, gzip, idempotencyKey);
    }

    @GET
    @Path("{id}")
    public SubmissionView get(@PathParam("id") String id) {
        return visible(id);
    }

    @GET
    @Path("{id}/errors")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> errors(@PathParam("id") String id, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("size") @DefaultValue("100") int size) {
        SubmissionView s = visible(id);
        int pageSize = Math.max(1, Math.min(size, 1000));
        int pageNumber = Math.max(1, page);
        List<FieldError> items = store.errors(s.id(), (pageNumber - 1) * pageSize, pageSize);
        long kept = Math.min(s.errorCount(), SubmissionIntake.MAX_STORED_ERRORS);
        return Map.of("submissionId", s.id(), "total", s.errorCount(), "kept", kept, "page", pageNumber,
                "size", pageSize, "pages", (kept + pageSize - 1) / pageSize, "items", items);
    }

    /** The whole kept report as CSV ({@code row,field,code,message}), streamed. */
    @GET
    @Path("{id}/errors")
    @Produces(CSV)
    public Response errorsCsv(@PathParam("id") String id) {
        SubmissionView s = visible(id);
        StreamingOutput out = output -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            w.write("row,field,code,message\r\n");
            try {
                store.forEachError(s.id(), e -> {
                    try {
                        w.write((e.row() == null ? "" : e.row().toString()) + "," + csv(e.field()) + "," + csv(e.code())
                                + "," + csv(e.message()) + "\r\n");
                    } catch (java.io.IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } finally {
                w.flush();
            }
        };
        return Response.ok(out, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + s.id() + "-errors.csv\"").build();
    }

    /** One CSV cell, quoted when needed (also used by the upload page's error download). */
    public static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    @GET
    public List<SubmissionView> history(@QueryParam("provider") String provider, @QueryParam("dataset") String dataset,
            @QueryParam("period") String period) {
        Caller caller = Caller.of(identity);
        String scope = provider;
        if (!caller.hasRole(SubmissionIntake.ADMIN_ROLE)) {
            // Fail closed: a submitter token without an organisation claim sees nothing (an empty
            // scope would otherwise read as "every provider").
            String own = caller.organisation().filter(o -> !o.isBlank()).orElseThrow(() -> ProblemException.forbidden(
                    "The token has no organisation claim, so it may not see any provider's submissions"));
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
