package uk.nhs.mhe.library.search;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.CaseStudyService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses a search, applies the caller's visibility and runs it. */
@ApplicationScoped
public class SearchService {

    /** Exports (CSV, JSON, Atom) stop after this many case studies. */
    public static final int EXPORT_LIMIT = 10_000;

    private final CaseStudySearch search;

    public SearchService(CaseStudySearch search) {
        this.search = search;
    }

    public SearchQuery parse(Map<String, List<String>> params) {
        List<FieldError> errors = new ArrayList<>();
        SearchQuery query = SearchQuery.parse(params, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid search", 400,
                    errors.size() + " problem(s) with the search parameters.").withErrors(errors));
        }
        return query;
    }

    public SearchResult search(Caller caller, Map<String, List<String>> params) {
        CaseStudyService.requireLibraryRole(caller);
        return search.search(parse(params), Viewer.of(caller));
    }

    public List<SearchResult.Item> export(Caller caller, Map<String, List<String>> params, boolean publishedOnly, int limit) {
        CaseStudyService.requireLibraryRole(caller);
        Viewer viewer = publishedOnly ? Viewer.of(caller).onlyPublished() : Viewer.of(caller);
        List<SearchResult.Item> items = new ArrayList<>();
        search.export(parse(params), viewer, limit, items::add);
        return items;
    }
}
