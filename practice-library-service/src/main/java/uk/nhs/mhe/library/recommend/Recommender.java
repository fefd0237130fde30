package uk.nhs.mhe.library.recommend;

import uk.nhs.mhe.library.search.SearchResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores published practice against an area's disparities. For each indicator with a disparity
 * in the area, a case study scores one point per population group it shares with that
 * indicator's disparity groups (mapped by {@link DisparityGroups}), plus three when it names the
 * indicator among its related indicators — but only when it shares a group: practice must
 * address who is affected. Best score first, then most recently published. Pure.
 */
public final class Recommender {

    private Recommender() {
    }

    public record Match(String indicatorId, String period, List<String> populationGroups, boolean relatedIndicator) {
    }

    public record Recommendation(SearchResult.Item caseStudy, int score, List<Match> matches) {
    }

    public static List<Recommendation> rank(List<DisparityStore.Disparity> disparities, List<SearchResult.Item> published) {
        List<Recommendation> out = new ArrayList<>();
        for (SearchResult.Item cs : published) {
            int score = 0;
            List<Match> matches = new ArrayList<>();
            for (DisparityStore.Disparity d : disparities) {
                Set<String> affected = new LinkedHashSet<>();
                d.groups().forEach(g -> affected.addAll(DisparityGroups.populationGroups(g.breakdown(), g.group())));
                List<String> shared = cs.populationGroups().stream().filter(affected::contains).toList();
                if (shared.isEmpty()) {
                    continue;
                }
                boolean related = cs.relatedIndicators().contains(d.indicatorId());
                score += shared.size() + (related ? 3 : 0);
                matches.add(new Match(d.indicatorId(), d.period(), shared, related));
            }
            if (score > 0) {
                out.add(new Recommendation(cs, score, matches));
            }
        }
        out.sort(Comparator.comparingInt(Recommendation::score).reversed()
                .thenComparing(r -> r.caseStudy().publishedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> r.caseStudy().id()));
        return out;
    }

    /** Every population group any disparity of the area maps to. */
    public static Set<String> affectedGroups(List<DisparityStore.Disparity> disparities) {
        Set<String> all = new LinkedHashSet<>();
        for (DisparityStore.Disparity d : disparities) {
            d.groups().forEach(g -> all.addAll(DisparityGroups.populationGroups(g.breakdown(), g.group())));
        }
        return all;
    }
}
