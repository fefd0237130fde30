package uk.nhs.mhe.library.recommend;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.library.search.SearchResult;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecommenderTest {

    private static SearchResult.Item item(String title, List<String> groups, List<String> indicators, String publishedAt) {
        return new SearchResult.Item(UUID.randomUUID(), title, "", "RV5", "PUBLISHED", "Y56", groups, "community",
                "co-production", "deliver", "anecdotal", indicators, Instant.parse(publishedAt), null, 0, null, null);
    }

    @Test
    void mapsDisparityGroupsToPopulationGroupsThroughOneTable() {
        assertEquals(Set.of("black", "ethnic-minority"), DisparityGroups.populationGroups("broad-ethnicity", "Black"));
        assertEquals(Set.of("black", "ethnic-minority"), DisparityGroups.populationGroups("ethnicity", "N"));
        assertEquals(Set.of("deprived-areas"), DisparityGroups.populationGroups("imd-quintile", "1"));
        assertEquals(Set.of(), DisparityGroups.populationGroups("imd-quintile", "5"));
        assertEquals(Set.of("children-young-people"), DisparityGroups.populationGroups("age-band", "15-17"));
        assertEquals(Set.of("older-people"), DisparityGroups.populationGroups("age-band", "85-89"));
        assertEquals(Set.of(), DisparityGroups.populationGroups("age-band", "30-34"));
        assertEquals(Set.of("lgbt-plus"), DisparityGroups.populationGroups("sexual-orientation", "3"));
        assertEquals(Set.of(), DisparityGroups.populationGroups("broad-ethnicity", "White"));
    }

    @Test
    void ranksIndicatorAndGroupMatchesFirstThenGroupOverlapThenRecency() {
        List<DisparityStore.Disparity> d = List.of(new DisparityStore.Disparity("mha-detention-rate", "QKK", "2025-03",
                List.of(new IndicatorValuesChanged.DisparityGroup("broad-ethnicity", "Black")), Instant.now()));
        SearchResult.Item groupOld = item("group, older", List.of("black"), List.of(), "2024-01-01T00:00:00Z");
        SearchResult.Item groupNew = item("group, newer", List.of("black"), List.of(), "2025-01-01T00:00:00Z");
        SearchResult.Item twoGroups = item("two groups", List.of("black", "ethnic-minority"), List.of(), "2023-01-01T00:00:00Z");
        SearchResult.Item both = item("indicator and group", List.of("black"), List.of("mha-detention-rate"), "2022-01-01T00:00:00Z");
        SearchResult.Item indicatorOnly = item("indicator only", List.of("older-people"), List.of("mha-detention-rate"), "2025-01-01T00:00:00Z");
        List<Recommender.Recommendation> ranked = Recommender.rank(d, List.of(groupOld, indicatorOnly, groupNew, twoGroups, both));
        assertEquals(List.of("indicator and group", "two groups", "group, newer", "group, older"),
                ranked.stream().map(r -> r.caseStudy().title()).toList());
        assertEquals(4, ranked.get(0).score());
    }
}
