package uk.nhs.mhe.library.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import javax.sql.DataSource;

/** Chooses the search implementation: PostgreSQL full-text search for now. */
public class SearchConfig {

    @Produces
    @ApplicationScoped
    CaseStudySearch search(DataSource dataSource) {
        return new PostgresCaseStudySearch(dataSource);
    }
}
