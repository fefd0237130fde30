package uk.nhs.mhe.library.search;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.inState;
import static uk.nhs.mhe.library.Library.reader;
import static uk.nhs.mhe.library.Library.with;

/**
 * Search relevance, syntax, facets, sorting, snippets and paging on a small seeded corpus of
 * published case studies (organisation SR1), against a real embedded PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SearchTest {

    static final String ORG = "SR1";
    private static Map<String, String> corpus;

    /** Seeds the corpus once: title, then the fields that differ from {@code Library.caseStudy}. */
    static synchronized Map<String, String> corpus() {
        if (corpus != null) {
            return corpus;
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("title-match", published(with(caseStudy("Culturally adapted talking therapies for Black communities"),
                "summary", "Adapting the therapy offer with community leaders.",
                "body", "Sessions ran in partnership with churches.", "region", "Y56",
                "populationGroups", List.of("black", "ethnic-minority"), "serviceArea", "talking-therapies",
                "evidenceLevel", "controlled-evaluation", "stage", "evaluate")));
        ids.put("body-match", published(with(caseStudy("Peer support in crisis houses"),
                "summary", "Peer workers staff the crisis house overnight.",
                "body", "Some guests later joined culturally adapted therapy groups run by a partner.",
                "region", "Y60", "populationGroups", List.of("ethnic-minority", "deprived-areas"), "serviceArea", "crisis",
                "evidenceLevel", "anecdotal", "stage", "deliver")));
        ids.put("accent", published(with(caseStudy("Señora Núñez's café drop-in for older people"),
                "summary", "A weekly café for older Latin American residents.",
                "body", "Run with a community association.", "region", "Y56",
                "populationGroups", List.of("older-people"), "serviceArea", "older-adults",
                "evidenceLevel", "local-evaluation", "stage", "deliver")));
        ids.put("detention", published(with(caseStudy("Reducing detentions through advance choice documents"),
                "summary", "Advance choice documents written with people previously detained.",
                "body", "Detentions under the Mental Health Act fell among Black men in the pilot wards.",
                "region", "Y62", "populationGroups", List.of("black"), "serviceArea", "inpatient",
                "evidenceLevel", "peer-reviewed", "stage", "evaluate")));
        ids.put("digital", published(with(caseStudy("Digital front door for young people"),
                "summary", "An app-based self-referral route for 16 to 25 year olds.",
                "body", "Co-designed with a youth board; not a therapy in itself.", "region", "Y59",
                "populationGroups", List.of("children-young-people"), "serviceArea", "cyp",
                "evidenceLevel", "local-evaluation", "stage", "design")));
        ids.put("xss", published(with(caseStudy("Outreach to rural farming communities"),
                "summary", "Farm visits <b>by</b> mental health practitioners & auction-mart stands; livestock a < b & \"c\".",
                "body", "Practitioners attended livestock markets.", "region", "Y58",
                "populationGroups", List.of("rural"), "serviceArea", "primary-care",
                "evidenceLevel", "anecdotal", "stage", "identify")));
        corpus = ids;
        return ids;
    }

    private static String published(Map<String, Object> body) {
        return inState(ORG, "PUBLISHED", body);
    }

    private static JsonPath search(Object... params) {
        var spec = as(reader()).queryParam("organisation", ORG);
        for (int i = 0; i < params.length; i += 2) {
            spec = spec.queryParam((String) params[i], params[i + 1]);
        }
        return spec.get(PATH).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath result) {
        return result.getList("items.id");
    }

    @Test
    void ranksATitleMatchAboveABodyMatch() {
        Map<String, String> c = corpus();
        List<String> hits = ids(search("q", "culturally adapted therapy"));
        assertEquals(List.of(c.get("title-match"), c.get("body-match")), hits);
    }

    @Test
    void stemsEnglishWords() {
        Map<String, String> c = corpus();
        // "therapies" in the title matches "therapy"; "detentions"/"detention" share a stem.
        assertTrue(ids(search("q", "therapy")).contains(c.get("title-match")));
        assertTrue(ids(search("q", "detention")).contains(c.get("detention")));
        assertTrue(ids(search("q", "communities")).contains(c.get("accent")), "community matches communities");
    }

    @Test
    void findsTheFieldsOtherWordsForOneThing() {
        Map<String, String> c = corpus();
        // The study says "detentions" and "detained", never "section 136" or "sectioned".
        assertEquals(List.of(c.get("detention")), ids(search("q", "section 136")));
        assertEquals(List.of(c.get("detention")), ids(search("q", "sectioned")));
        assertEquals(List.of(c.get("detention")), ids(search("q", "Black detained")));
        // An exact phrase and an exclusion are left as the reader wrote them.
        assertEquals(0, search("q", "\"section 136\"").getInt("total"));
        // (excluding "sectioned" does not exclude the study that says "detentions").
        assertEquals(List.of(c.get("detention")), ids(search("q", "advance -sectioned")));
        assertEquals(List.of(), ids(search("q", "advance -detentions")));
    }

    @Test
    void foldsAccents() {
        Map<String, String> c = corpus();
        assertEquals(List.of(c.get("accent")), ids(search("q", "senora nunez cafe")));
        assertEquals(List.of(c.get("accent")), ids(search("q", "Señora")));
    }

    @Test
    void understandsWebsearchSyntax() {
        Map<String, String> c = corpus();
        assertEquals(List.of(c.get("title-match")), ids(search("q", "\"culturally adapted talking therapies\"")));
        assertEquals(List.of(c.get("title-match")), ids(search("q", "culturally adapted -crisis")));
        List<String> either = ids(search("q", "farming or detentions"));
        assertEquals(2, either.size());
        assertTrue(either.containsAll(List.of(c.get("xss"), c.get("detention"))));
        assertEquals(0, search("q", "zyxwvut").getInt("total"));
    }

    @Test
    void countsFacetsOverAllMatches() {
        corpus();
        JsonPath all = search();
        assertEquals(6, all.getInt("total"));
        assertEquals(2, all.getInt("facets.region.Y56"));
        assertEquals(1, all.getInt("facets.region.Y62"));
        assertEquals(3, all.getInt("facets.populationGroups.ethnic-minority") + all.getInt("facets.populationGroups.older-people"));
        assertEquals(2, all.getInt("facets.populationGroups.black"));
        assertEquals(2, all.getInt("facets.evidenceLevel.local-evaluation"));
        assertEquals(2, all.getInt("facets.stage.evaluate"));
        assertEquals(1, all.getInt("facets.serviceArea.crisis"));
        JsonPath black = search("populationGroups", "black");
        assertEquals(2, black.getInt("total"));
        assertEquals(1, black.getInt("facets.region.Y56"));
        assertEquals(1, black.getInt("facets.region.Y62"));
        JsonPath narrowed = search("q", "therapy", "region", "Y60");
        assertEquals(1, narrowed.getInt("total"));
        assertEquals(1, narrowed.getInt("facets.serviceArea.crisis"));
    }

    @Test
    void filtersCombineAcrossFacetsAndAnyOfWithinOne() {
        Map<String, String> c = corpus();
        assertEquals(3, search("region", "Y56,Y62").getInt("total"));
        assertEquals(List.of(c.get("detention")), ids(search("region", "Y56,Y62", "evidenceLevel", "peer-reviewed")));
        assertEquals(List.of(c.get("title-match")), ids(search("populationGroups", "black,ethnic-minority")));
        assertEquals(List.of(c.get("digital")), ids(search("stage", "design")));
    }

    @Test
    void highlightsMatchesInSafeSnippets() {
        Map<String, String> c = corpus();
        JsonPath r = search("q", "livestock");
        assertEquals(List.of(c.get("xss")), ids(r));
        String snippet = r.getString("items[0].snippet");
        assertTrue(snippet.contains("<mark>livestock</mark>"), snippet);
        // "a < b & "c"" is not a tag to PostgreSQL's parser, so ts_headline keeps it next to the match.
        assertTrue(snippet.contains("&lt;"), "< is escaped: " + snippet);
        assertTrue(snippet.contains("&amp;"), "& is escaped: " + snippet);
        assertFalse(snippet.replace("<mark>", "").replace("</mark>", "").contains("<"),
                "no markup but <mark>: " + snippet);
        assertTrue(search().getString("items[0].snippet") == null, "no snippet without text");
    }

    @Test
    void pagesThroughResults() {
        corpus();
        JsonPath p1 = search("size", 4, "page", 1, "sort", "newest");
        JsonPath p2 = search("size", 4, "page", 2, "sort", "newest");
        assertEquals(6, p1.getInt("total"));
        assertEquals(4, ids(p1).size());
        assertEquals(2, ids(p2).size());
        assertTrue(ids(p1).stream().noneMatch(ids(p2)::contains));
    }

    @Test
    void sortsNewestFirst() {
        Map<String, String> c = corpus();
        List<String> newest = ids(search("sort", "newest"));
        assertEquals(c.get("xss"), newest.get(0));
        assertEquals(c.get("title-match"), newest.get(5));
    }

    @Test
    void sortsByPopularity() {
        Map<String, String> c = corpus();
        for (String viewer : List.of("pop.a", "pop.b", "pop.c")) {
            as(reader(viewer)).get(PATH + "/" + c.get("digital")).then().statusCode(200);
        }
        as(reader("pop.a")).get(PATH + "/" + c.get("accent")).then().statusCode(200);
        List<String> popular = ids(search("sort", "popular"));
        assertEquals(c.get("digital"), popular.get(0));
        assertEquals(c.get("accent"), popular.get(1));
    }

    @Test
    void rejectsUnknownFilterValuesAndSorts() {
        as(reader()).queryParam("region", "Y99").queryParam("sort", "random").queryParam("size", 1000).get(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors.field", hasItem("region"))
                .body("errors.field", hasItem("sort"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void exportsASearchAsCsvAndAtom() {
        Map<String, String> c = corpus();
        String csv = as(reader()).queryParam("organisation", ORG).queryParam("q", "therapy")
                .get("/api/v1/case-studies.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("case-studies.csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("id,title,organisation,status"));
        assertEquals(4, lines.length, csv);
        assertTrue(lines[1].startsWith(c.get("title-match")));
        as(reader()).queryParam("organisation", ORG).queryParam("region", "Y58").get("/feeds/published.atom")
                .then().statusCode(200).contentType(containsString("application/atom+xml"))
                .body(containsString("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
                .body(containsString("urn:uuid:" + c.get("xss")))
                .body(containsString("Farm visits &lt;b&gt;by&lt;/b&gt;"));
    }

    @Test
    void feedIsNewestFirstEvenWithSearchText() {
        Map<String, String> c = corpus();
        // By relevance "therapy" puts title-match (the oldest) first; the feed stays newest first.
        assertEquals(c.get("title-match"), ids(search("q", "therapy")).get(0));
        for (String sort : new String[] {null, "relevance"}) {
            var spec = as(reader()).queryParam("organisation", ORG).queryParam("q", "therapy");
            if (sort != null) {
                spec = spec.queryParam("sort", sort);
            }
            String feed = spec.get("/feeds/published.atom").then().statusCode(200).extract().asString();
            int digital = feed.indexOf("urn:uuid:" + c.get("digital"));
            int body = feed.indexOf("urn:uuid:" + c.get("body-match"));
            int title = feed.indexOf("urn:uuid:" + c.get("title-match"));
            assertTrue(digital >= 0 && body > digital && title > body, "newest first: " + feed);
        }
    }

    @Test
    void refusesControlCharactersInTheSearchText() {
        for (String q : List.of("therapy\u0000", "a\u0001b", "x\u001Fy")) {
            as(reader()).queryParam("q", q).get(PATH).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                    .body("errors.field", hasItem("q"));
        }
        // Tab, carriage return and line feed are fine.
        as(reader()).queryParam("q", "therapy\tgroups\n").get(PATH).then().statusCode(200);
    }
}
