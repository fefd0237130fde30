package uk.nhs.mhe.library.search;

import java.util.function.Consumer;

/**
 * Searching the library. The PostgreSQL full-text implementation is the first; a search engine
 * (OpenSearch, Solr) can replace it behind this interface, fed from the same tables.
 */
public interface CaseStudySearch {

    /** One page of matches with facet counts, highlighted snippets for text queries. */
    SearchResult search(SearchQuery query, Viewer viewer);

    /** Every match (up to {@code limit}) in the query's order, for exports; no facets, no snippets. */
    void export(SearchQuery query, Viewer viewer, int limit, Consumer<SearchResult.Item> each);
}
