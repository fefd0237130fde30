package uk.nhs.mhe.library.recommend;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.CaseStudyService;
import uk.nhs.mhe.library.search.CaseStudySearch;
import uk.nhs.mhe.library.search.SearchQuery;
import uk.nhs.mhe.library.search.SearchResult;
import uk.nhs.mhe.library.search.Viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Published practice that addresses the indicators on which an area has disparities. */
@Path("/api/v1/case-studies/recommended")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RecommendationResource {

    private final SecurityIdentity identity;
    private final DisparityStore disparities;
    private final CaseStudySearch search;

    public RecommendationResource(SecurityIdentity identity, DisparityStore disparities, CaseStudySearch search) {
        this.identity = identity;
        this.disparities = disparities;
        this.search = search;
    }

    @GET
    public Map<String, Object> recommended(@QueryParam("area") String area) {
        Caller caller = Caller.of(identity);
        CaseStudyService.requireLibraryRole(caller);
        if (area == null || !area.matches("ENGLAND|[A-Z0-9]{3,5}")) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid request", 400,
                    "area is an ODS code (Y56, QKK, RV5) or ENGLAND.")
                    .withErrors(List.of(FieldError.envelope("area", area == null ? "required" : "invalid-format",
                            "area is an ODS code or ENGLAND."))));
        }
        List<DisparityStore.Disparity> found = disparities.forArea(area);
        Set<String> groups = Recommender.affectedGroups(found);
        List<Recommender.Recommendation> ranked = List.of();
        if (!groups.isEmpty()) {
            // Candidates: published practice for any affected group (one search per group, deduplicated).
            Map<Object, SearchResult.Item> candidates = new LinkedHashMap<>();
            for (String g : groups) {
                SearchQuery q = new SearchQuery(null, List.of(g), List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of(), false, 1, 20, SearchQuery.Sort.NEWEST);
                search.export(q, Viewer.of(caller).onlyPublished(), 2_000, i -> candidates.putIfAbsent(i.id(), i));
            }
            ranked = Recommender.rank(found, new ArrayList<>(candidates.values()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("area", area);
        out.put("disparities", found);
        out.put("populationGroups", groups);
        out.put("total", ranked.size());
        out.put("items", ranked.size() > 50 ? ranked.subList(0, 50) : ranked);
        return out;
    }
}
