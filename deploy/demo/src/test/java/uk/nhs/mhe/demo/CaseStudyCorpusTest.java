package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo library corpus is varied enough to demonstrate search and facets. */
class CaseStudyCorpusTest {

    @Test
    void hasAtLeastThirtyVariedCaseStudiesWithUniqueTitles() throws Exception {
        List<JsonNode> corpus = CaseStudyLoader.corpus();
        assertTrue(corpus.size() >= 30, "size " + corpus.size());
        Set<String> titles = new HashSet<>();
        Set<String> organisations = new HashSet<>();
        Set<String> regions = new HashSet<>();
        Set<String> groups = new HashSet<>();
        Set<String> areas = new HashSet<>();
        Set<String> evidence = new HashSet<>();
        for (JsonNode cs : corpus) {
            assertTrue(titles.add(cs.path("title").asText()), "duplicate title " + cs.path("title"));
            organisations.add(cs.path("organisation").asText());
            regions.add(cs.path("region").asText());
            cs.path("populationGroups").forEach(g -> groups.add(g.asText()));
            areas.add(cs.path("serviceArea").asText());
            evidence.add(cs.path("evidenceLevel").asText());
            for (String field : List.of("title", "summary", "body", "region", "serviceArea", "interventionType", "stage",
                    "evidenceLevel")) {
                assertFalse(cs.path(field).asText().isBlank(), field + " of " + cs.path("title"));
            }
            assertTrue(cs.path("populationGroups").size() >= 1);
        }
        assertTrue(organisations.size() >= 10, "organisations " + organisations);
        assertEquals(7, regions.size(), "regions " + regions);
        assertTrue(groups.size() >= 15, "population groups " + groups);
        assertTrue(areas.size() >= 10, "service areas " + areas);
        assertEquals(4, evidence.size(), "evidence levels " + evidence);
    }

    @Test
    void loadsTrustsWithoutADemoContributorThroughRv5OrRxtByRegion() {
        assertEquals("contributor.rv5", CaseStudyLoader.fallbackContributor("Y58"));
        assertEquals("contributor.rxt", CaseStudyLoader.fallbackContributor("Y63"));
    }
}
