package uk.nhs.mhe.library.casestudy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.attachment.AttachmentService;
import uk.nhs.mhe.library.ratelimit.WriteRateLimiter;
import uk.nhs.mhe.library.search.SearchResult;
import uk.nhs.mhe.library.search.SearchService;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

/** The case studies API of docs/api.md: thin; the rules live in the services. */
@Path("/api/v1/case-studies")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CaseStudyResource {

    private final SecurityIdentity identity;
    private final CaseStudyService service;
    private final SearchService search;
    private final AttachmentService attachments;
    private final WriteRateLimiter limiter;
    private final ObjectMapper json;

    public CaseStudyResource(SecurityIdentity identity, CaseStudyService service, SearchService search,
            AttachmentService attachments, WriteRateLimiter limiter, ObjectMapper json) {
        this.identity = identity;
        this.service = service;
        this.search = search;
        this.attachments = attachments;
        this.limiter = limiter;
        this.json = json;
    }

    @GET
    public SearchResult search(@Context UriInfo uri) {
        return search.search(caller(), uri.getQueryParameters());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CaseStudyInput input, @Context UriInfo uri) {
        Caller caller = writer();
        CaseStudy created = service.create(caller, input);
        return Response.created(URI.create("/api/v1/case-studies/" + created.id())).entity(created).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return withETag(service.read(caller(), uuid(id)));
    }

    /**
     * Optimistic locking: {@code If-Match: "<version>"} (the {@code ETag} of the GET), or else
     * a {@code version} field in the body, names the version the edit is based on; if the case
     * study has moved on, 409 {@code version-conflict}. With neither, the edit is applied to
     * whatever version is current (last write wins).
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, CaseStudyInput input) {
        Caller caller = writer();
        Set<Integer> expected = ifMatch(ifMatch);
        if (expected == null) {
            expected = input == null || input.version() == null ? Set.of() : Set.of(input.version());
        }
        return withETag(service.update(caller, uuid(id), input, expected));
    }

    private static Response withETag(CaseStudy cs) {
        return Response.ok(cs).header("ETag", "\"" + cs.version() + "\"").build();
    }

    /** The versions named by an If-Match header; null without one or for {@code *}. */
    static Set<Integer> ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Set<Integer> versions = new LinkedHashSet<>();
        for (String raw : header.split(",")) {
            String tag = raw.trim();
            if (tag.equals("*")) {
                return null;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                versions.add(Integer.parseInt(tag));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-if-match", "Invalid If-Match",
                        "If-Match takes the ETag of the case study, a quoted version number such as \"3\".");
            }
        }
        return versions;
    }

    /** submit, return, publish, archive, retract; optional body {@code {"comment": "..."}}. */
    @POST
    @Path("{id}/{action:submit|return|publish|archive|retract}")
    @Consumes(MediaType.WILDCARD)
    public CaseStudy act(@PathParam("id") String id, @PathParam("action") String action, byte[] body) {
        Caller caller = writer();
        return service.act(caller, uuid(id), action, comment(body));
    }

    @GET
    @Path("{id}/revisions")
    public List<Map<String, Object>> revisions(@PathParam("id") String id) {
        return service.revisions(caller(), uuid(id));
    }

    @GET
    @Path("{id}/revisions/{n}")
    public Map<String, Object> revision(@PathParam("id") String id, @PathParam("n") String n) {
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("revision-not-found", "Revisions are numbered 1, 2, 3...");
        }
        return service.revision(caller(), uuid(id), number);
    }

    /** Raw body (the file itself); its name in {@code filename}. */
    @POST
    @Path("{id}/attachments")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") String id, @QueryParam("filename") String filename, InputStream body) {
        Caller caller = writer();
        CaseStudy.Attachment a = attachments.upload(caller, uuid(id), filename, body);
        return Response.created(URI.create("/api/v1/case-studies/" + id + "/attachments/" + a.id())).entity(a).build();
    }

    @GET
    @Path("{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        AttachmentService.Stored stored = attachments.download(caller(), uuid(id), uuid(attachmentId));
        String name = stored.attachment().filename();
        return Response.ok(stored.file().toFile(), stored.attachment().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .build();
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    /** The caller of a write, counted against the per-user write limit. */
    private Caller writer() {
        Caller caller = caller();
        limiter.acquire(caller.name());
        return caller;
    }

    private String comment(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (!node.isObject()) {
                throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The body must be {\"comment\": \"...\"}.");
            }
            JsonNode c = node.get("comment");
            return c == null || c.isNull() ? null : c.asText();
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The body is not valid JSON.");
        }
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("case-study-not-found", "No case study " + id + ".");
        }
    }
}
