package uk.nhs.mhe.library.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.CaseStudy;
import uk.nhs.mhe.library.casestudy.CaseStudyService;
import uk.nhs.mhe.library.casestudy.Status;
import uk.nhs.mhe.library.casestudy.Vocabularies;
import uk.nhs.mhe.library.casestudy.Workflow;
import uk.nhs.mhe.library.ratelimit.WriteRateLimiter;
import uk.nhs.mhe.library.search.SearchResult;
import uk.nhs.mhe.library.search.SearchService;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The library's pages for signed-in people: search with facets, a case study, the contributor
 * editor and the moderation queue. Thin: the same services and authorisation rules as the API
 * (a draft of another organisation is 404 here too). Sign-in is enforced by an HTTP permission on
 * {@code /library/*}; forms rely on the session cookie being {@code SameSite=Lax} (Quarkus'
 * default), so another site cannot post them with the user's session.
 */
@Path("/library")
@Produces(MediaType.TEXT_HTML)
public class LibraryPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance search(PageUser user, String q, String sort, SearchResult result,
                List<Facet> facets, Pagination pagination, String resultsFrom, String resultsTo, Labels labels);

        static native TemplateInstance caseStudy(PageUser user, CaseStudy cs, Labels labels, boolean canEdit,
                boolean canSubmit, boolean canModerate, String notice);

        static native TemplateInstance editor(PageUser user, String action, String heading, CaseStudyForm form,
                Map<String, String> errors, Labels labels);

        static native TemplateInstance moderation(PageUser user, SearchResult result, Labels labels);

        static native TemplateInstance error(PageUser user, int status, String title, String detail);
    }

    private final SecurityIdentity identity;
    private final CaseStudyService service;
    private final SearchService search;
    private final WriteRateLimiter limiter;

    public LibraryPages(SecurityIdentity identity, CaseStudyService service, SearchService search,
            WriteRateLimiter limiter) {
        this.identity = identity;
        this.service = service;
        this.search = search;
        this.limiter = limiter;
    }

    @GET
    public TemplateInstance search(@Context UriInfo uri) {
        Caller caller = caller();
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        SearchResult result = search.search(caller, params);
        List<Facet> facets = List.of(
                facet("populationGroups", "Population group", Vocabularies.POPULATION_GROUPS, result, params),
                facet("serviceArea", "Service area", Vocabularies.SERVICE_AREAS, result, params),
                facet("region", "Region", Vocabularies.REGIONS, result, params),
                facet("evidenceLevel", "Evidence", Vocabularies.EVIDENCE_LEVELS, result, params),
                facet("stage", "Stage", Vocabularies.STAGES, result, params));
        Pagination pagination = Pagination.of(result.total(), result.page(), result.size(),
                n -> "/library?" + queryWith(params, "page", String.valueOf(n)));
        long from = result.total() == 0 ? 0 : (long) (result.page() - 1) * result.size() + 1;
        long to = Math.min(result.total(), from + result.items().size() - 1);
        // The order the reader chose, or none: a form sent with words and no choice is ranked by
        // relevance (the search's default then), not by the order the page was last shown in.
        String chosenSort = params.getFirst("sort") == null ? "" : params.getFirst("sort").trim().toLowerCase(java.util.Locale.ROOT);
        return Templates.search(PageUser.of(caller), params.getFirst("q"), chosenSort, result, facets, pagination,
                String.valueOf(from), String.valueOf(to), Labels.INSTANCE);
    }

    @GET
    @Path("case-studies/{id}")
    public TemplateInstance caseStudy(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("notice") String notice) {
        Caller caller = caller();
        CaseStudy cs = service.read(caller, uuid(id));
        boolean owner = uk.nhs.mhe.library.casestudy.Access.isOwner(caller, cs.organisation());
        boolean editable = Workflow.EDITABLE.contains(cs.status());
        return Templates.caseStudy(PageUser.of(caller), cs, Labels.INSTANCE, owner && editable, owner && editable,
                uk.nhs.mhe.library.casestudy.Access.isModerator(caller) && cs.status() == Status.SUBMITTED,
                Notices.text(notice));
    }

    @GET
    @Path("case-studies/new")
    public TemplateInstance newCaseStudy() {
        Caller caller = caller();
        requireContributor(caller);
        return Templates.editor(PageUser.of(caller), "/library/case-studies", "Write a case study",
                CaseStudyForm.empty(), Map.of(), Labels.INSTANCE);
    }

    @POST
    @Path("case-studies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> posted) {
        Caller caller = writer();
        CaseStudyForm form = CaseStudyForm.of(posted);
        try {
            CaseStudy created = service.create(caller, form.toInput(List.of()));
            return seeOther("/library/case-studies/" + created.id() + "?notice=saved");
        } catch (ProblemException e) {
            return invalid(e, Templates.editor(PageUser.of(caller), "/library/case-studies", "Write a case study",
                    form, CaseStudyForm.errorsByField(fieldErrors(e)), Labels.INSTANCE));
        }
    }

    @GET
    @Path("case-studies/{id}/edit")
    public TemplateInstance edit(@PathParam("id") String id) {
        Caller caller = caller();
        CaseStudy cs = service.editable(caller, uuid(id), false);
        return Templates.editor(PageUser.of(caller), "/library/case-studies/" + cs.id() + "/edit",
                "Edit ‘" + cs.title() + "’", CaseStudyForm.of(cs), Map.of(), Labels.INSTANCE);
    }

    @POST
    @Path("case-studies/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") String id, MultivaluedMap<String, String> posted) {
        Caller caller = writer();
        UUID uuid = uuid(id);
        CaseStudyForm form = CaseStudyForm.of(posted);
        CaseStudy current = service.editable(caller, uuid, false);
        try {
            service.update(caller, uuid, form.toInput(current.outcomes()),
                    form.version() == null ? java.util.Set.of() : java.util.Set.of(form.version()));
            return seeOther("/library/case-studies/" + id + "?notice=saved");
        } catch (ProblemException e) {
            return invalid(e, Templates.editor(PageUser.of(caller), "/library/case-studies/" + id + "/edit",
                    "Edit ‘" + current.title() + "’", form, CaseStudyForm.errorsByField(fieldErrors(e)), Labels.INSTANCE));
        }
    }

    /** Workflow actions from the pages: submit (contributor), publish and return (moderator). */
    @POST
    @Path("case-studies/{id}/{action:submit|publish|return}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            MultivaluedMap<String, String> posted) {
        Caller caller = writer();
        UUID uuid = uuid(id);
        try {
            service.act(caller, uuid, action, posted.getFirst("comment"));
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw e;
            }
            CaseStudy cs = service.read(caller, uuid);
            return invalid(e, Templates.caseStudy(PageUser.of(caller), cs, Labels.INSTANCE, false, false,
                    uk.nhs.mhe.library.casestudy.Access.isModerator(caller) && cs.status() == Status.SUBMITTED,
                    null).data("commentError", CaseStudyForm.commentMessage(fieldErrors(e).get(0), action)));
        }
        String next = action.equals("submit") ? "/library/case-studies/" + id : "/library/moderation";
        return seeOther(next + "?notice=" + action);
    }

    @GET
    @Path("moderation")
    public TemplateInstance moderation(@jakarta.ws.rs.QueryParam("notice") String notice) {
        Caller caller = caller();
        if (!uk.nhs.mhe.library.casestudy.Access.isModerator(caller)) {
            throw ProblemException.forbidden("The moderation queue is for the national team's moderators.");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("status", List.of(Status.SUBMITTED.name()));
        params.put("sort", List.of("newest"));
        params.put("size", List.of("100"));
        return Templates.moderation(PageUser.of(caller), search.search(caller, params), Labels.INSTANCE)
                .data("notice", Notices.text(notice));
    }

    /** Problems (404 for a draft that is not the caller's, 403, 409...) as an HTML page, not JSON. */
    @ServerExceptionMapper
    public Response problemPage(ProblemException e) {
        Problem p = e.problem();
        String title = switch (p.status()) {
            case 404 -> "Page not found";
            case 403 -> "You do not have access to this page";
            case 409 -> "This cannot be done now";
            case 429 -> "Too many changes in a short time";
            default -> p.title();
        };
        return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(PageUser.of(caller()), p.status(), title, p.detail())).build();
    }

    private Facet facet(String name, String legend, Map<String, String> vocabulary, SearchResult result,
            MultivaluedMap<String, String> params) {
        List<String> selected = new ArrayList<>();
        for (String v : params.getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                selected.add(part.trim());
            }
        }
        return Facet.of(name, legend, vocabulary, result.facets().get(name), selected);
    }

    /** The current query string with {@code name} replaced by {@code value}. */
    static String queryWith(Map<String, List<String>> params, String name, String value) {
        StringBuilder sb = new StringBuilder();
        params.forEach((key, values) -> {
            if (!key.equals(name)) {
                for (String v : values) {
                    sb.append(sb.isEmpty() ? "" : "&").append(encode(key)).append('=').append(encode(v));
                }
            }
        });
        return sb.append(sb.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value)).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Response invalid(ProblemException e, TemplateInstance page) {
        if (e.problem().status() != 400) {
            throw e;
        }
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    private static List<FieldError> fieldErrors(ProblemException e) {
        List<FieldError> errors = e.problem().errors();
        return errors == null || errors.isEmpty()
                ? List.of(FieldError.envelope("body", "invalid", e.problem().detail())) : errors;
    }

    private static String firstMessage(ProblemException e) {
        return fieldErrors(e).get(0).message();
    }

    private static void requireContributor(Caller caller) {
        if (!caller.hasRole(uk.nhs.mhe.library.casestudy.Access.CONTRIBUTOR)) {
            throw ProblemException.forbidden("Only contributors write case studies.");
        }
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private Caller writer() {
        Caller caller = caller();
        limiter.acquire(caller.name());
        return caller;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("case-study-not-found", "No case study " + id + ".");
        }
    }
}
