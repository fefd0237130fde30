package uk.nhs.mhe.library.casestudy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.act;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;
import static uk.nhs.mhe.library.Library.moderator;
import static uk.nhs.mhe.library.Library.with;

/** Revision history and field-level diffs, against a real embedded PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class RevisionsTest {

    static final String ORG = "RH1";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everySaveAndActionIsARevisionWithAuthorAndTime() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("History"));
        as(c).contentType(ContentType.JSON).body(with(caseStudy("History, revised"), "tags", List.of("church")))
                .put(PATH + "/" + id).then().statusCode(200).body("version", equalTo(2));
        act(c, id, "submit", null).statusCode(200);
        act(moderator(), id, "return", "Add outcomes").statusCode(200);
        JsonPath revisions = as(c).get(PATH + "/" + id + "/revisions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3, 4), revisions.getList("n"));
        assertEquals(List.of("create", "edit", "submit", "return"), revisions.getList("action"));
        assertEquals(List.of("contributor.rh1", "contributor.rh1", "contributor.rh1", "moderator"),
                revisions.getList("author"));
        assertEquals("Add outcomes", revisions.getString("[3].comment"));
        assertTrue(revisions.getList("createdAt").stream().allMatch(t -> t != null));
        as(c).get(PATH + "/" + id).then().body("version", equalTo(4));
    }

    @Test
    void aRevisionCarriesItsContentAndAFieldLevelDiffFromThePrevious() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Diffed"));
        as(c).contentType(ContentType.JSON).body(with(caseStudy("Diffed better"), "region", "Y62",
                        "populationGroups", List.of("black", "asian"), "evaluation", "A local audit."))
                .put(PATH + "/" + id).then().statusCode(200);
        JsonPath r2 = as(c).get(PATH + "/" + id + "/revisions/2").then().statusCode(200).extract().jsonPath();
        assertEquals("Diffed better", r2.getString("content.title"));
        assertEquals(1, r2.getInt("previous"));
        Map<String, Map<String, Object>> diff = byField(r2.getList("diff"));
        assertEquals(Map.of("field", "title", "before", "Diffed", "after", "Diffed better"), diff.get("title"));
        assertEquals("Y56", diff.get("region").get("before"));
        assertEquals("Y62", diff.get("region").get("after"));
        assertEquals(List.of("asian"), diff.get("populationGroups").get("added"));
        assertEquals(List.of("ethnic-minority"), diff.get("populationGroups").get("removed"));
        assertNull(diff.get("evaluation").get("before"));
        assertEquals("A local audit.", diff.get("evaluation").get("after"));
        assertEquals(Map.of("title", true, "region", true, "populationGroups", true, "evaluation", true, "summary", true, "body", true).keySet()
                .containsAll(diff.keySet()), true, "only changed fields: " + diff.keySet());
        JsonPath r1 = as(c).get(PATH + "/" + id + "/revisions/1").then().statusCode(200).extract().jsonPath();
        assertNull(r1.get("previous"));
        as(c).get(PATH + "/" + id + "/revisions/3").then().statusCode(404)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:revision-not-found"));
    }

    @Test
    void aWorkflowRevisionShowsTheStatusChange() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Status diff"));
        act(c, id, "submit", null).statusCode(200);
        JsonPath r2 = as(c).get(PATH + "/" + id + "/revisions/2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("field", "status", "before", "DRAFT", "after", "SUBMITTED")), r2.getList("diff"));
    }

    @Test
    void publishedRevisionsCannotBeChangedEvenInTheDatabase() throws SQLException {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Immutable history"));
        try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "UPDATE case_study_revision SET author = 'someone else' WHERE case_study_id = '" + id + "'"));
            assertThrows(SQLException.class, () -> s.executeUpdate(
                    "DELETE FROM case_study_revision WHERE case_study_id = '" + id + "'"));
        }
        as(c).get(PATH + "/" + id + "/revisions/1").then().body("author", equalTo("contributor.rh1"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byField(List<Object> changes) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Object o : changes) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.put((String) m.get("field"), m);
        }
        return out;
    }
}
