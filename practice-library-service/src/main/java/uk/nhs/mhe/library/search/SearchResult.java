package uk.nhs.mhe.library.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One page of a search: {@code total} matches, the page's items, facet counts over all matches. */
public record SearchResult(long total, int page, int size, String sort, List<Item> items,
        Map<String, Map<String, Long>> facets) {

    /** A search hit: the summary fields and, for text searches, a highlighted snippet (safe HTML with {@code <mark>}). */
    public record Item(UUID id, String title, String summary, String organisation, String status, String region,
            List<String> populationGroups, String serviceArea, String interventionType, String stage,
            String evidenceLevel, List<String> relatedIndicators, Instant publishedAt, Instant updatedAt,
            long views, Double score, String snippet) {
    }
}
