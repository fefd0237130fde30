package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.act;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;
import static uk.nhs.mhe.library.Library.moderator;
import static uk.nhs.mhe.library.Library.reader;
import static uk.nhs.mhe.library.Library.with;

/**
 * The moderation workflow through the API, against a real embedded PostgreSQL, a real Kafka
 * broker and OIDC test-server tokens.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class WorkflowTest {

    private static final String ORG = "WF1";

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void findsPublishedPracticeDueForReviewForModerators() throws Exception {
        String due = uk.nhs.mhe.library.Library.inState("WF2", "PUBLISHED", caseStudy("Due for review"));
        String fresh = uk.nhs.mhe.library.Library.inState("WF2", "PUBLISHED", caseStudy("Recently published"));
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            // As if published two years ago.
            st.executeUpdate("UPDATE case_study SET review_due = current_date WHERE id = '" + due + "'");
        }
        as(moderator()).queryParam("organisation", "WF2").queryParam("reviewOverdue", "true").get(PATH).then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(due));
        as(moderator()).get(PATH + "/" + due).then().body("reviewOverdue", equalTo(true));
        as(moderator()).get(PATH + "/" + fresh).then().body("reviewOverdue", equalTo(false));
    }

    @Test
    void createsADraftOwnedByTheCallersOrganisation() {
        String id = create(contributor(ORG), with(caseStudy("Draft ownership"), "organisation", "RXT", "status", "PUBLISHED"));
        as(contributor(ORG)).get(PATH + "/" + id).then().statusCode(200)
                .body("organisation", equalTo(ORG))
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(1))
                .body("publishedAt", nullValue())
                .body("views", equalTo(0));
    }

    @Test
    void goesFromDraftThroughReturnToPublishedArchivedAndRetracted() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Full workflow"));
        act(c, id, "submit", null).statusCode(200).body("status", equalTo("SUBMITTED"));
        act(moderator(), id, "return", "Please add your outcome measures.").statusCode(200)
                .body("status", equalTo("RETURNED"))
                .body("moderatorComment", equalTo("Please add your outcome measures."));
        as(c).contentType(ContentType.JSON).body(with(caseStudy("Full workflow"), "outcomes",
                        List.of(java.util.Map.of("metric", "DNA rate", "baseline", "22%", "after", "12%", "period", "2024"))))
                .put(PATH + "/" + id).then().statusCode(200).body("status", equalTo("RETURNED"));
        act(c, id, "submit", null).statusCode(200).body("status", equalTo("SUBMITTED"));
        String publishedAt = act(moderator(), id, "publish", null).statusCode(200)
                .body("status", equalTo("PUBLISHED")).extract().path("publishedAt");
        String reviewDue = as(reader()).get(PATH + "/" + id).then().statusCode(200).extract().path("reviewDue");
        assertEquals(Instant.parse(publishedAt).atZone(ZoneOffset.UTC).toLocalDate().plusYears(2), LocalDate.parse(reviewDue));
        act(moderator(), id, "archive", null).statusCode(200).body("status", equalTo("ARCHIVED"));
        act(moderator(), id, "retract", "The service was decommissioned and its figures withdrawn.").statusCode(200)
                .body("status", equalTo("RETRACTED"));
    }

    @Test
    void aRetractedCaseStudyStaysVisibleAsATombstoneWithItsReason() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Tombstone"));
        act(c, id, "submit", null).statusCode(200);
        act(moderator(), id, "publish", null).statusCode(200);
        act(moderator(), id, "retract", "Consent for the quotes was withdrawn.").statusCode(200);
        as(reader()).get(PATH + "/" + id).then().statusCode(200)
                .body("status", equalTo("RETRACTED"))
                .body("title", equalTo("Tombstone"))
                .body("retractionReason", equalTo("Consent for the quotes was withdrawn."))
                .body("body", nullValue())
                .body("summary", nullValue());
        as(c).get(PATH + "/" + id).then().statusCode(200).body("body", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void returnAndRetractRequireAComment() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Comments required"));
        act(c, id, "submit", null).statusCode(200);
        act(moderator(), id, "return", null).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors.field", hasItem("comment"))
                .body("errors[0].row", nullValue());
        act(moderator(), id, "return", "  ").statusCode(400);
        act(moderator(), id, "publish", null).statusCode(200);
        act(moderator(), id, "retract", null).statusCode(400).body("errors.field", hasItem("comment"));
    }

    @Test
    void refusesTransitionsTheWorkflowDoesNotHave() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Bad transitions"));
        act(moderator(), id, "publish", null).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:invalid-transition"));
        act(moderator(), id, "archive", null).statusCode(409);
        act(c, id, "submit", null).statusCode(200);
        act(c, id, "submit", null).statusCode(409);
    }

    @Test
    void publishedVersionsAreImmutable() {
        String c = contributor(ORG);
        String id = create(c, caseStudy("Immutable"));
        act(c, id, "submit", null).statusCode(200);
        as(c).contentType(ContentType.JSON).body(caseStudy("Edited while under review")).put(PATH + "/" + id)
                .then().statusCode(409).body("type", equalTo("urn:uk:nhs:mhe:problem:not-editable"));
        act(moderator(), id, "publish", null).statusCode(200);
        as(c).contentType(ContentType.JSON).body(caseStudy("Edited after publishing")).put(PATH + "/" + id)
                .then().statusCode(409).body("type", equalTo("urn:uk:nhs:mhe:problem:not-editable"));
        as(reader()).get(PATH + "/" + id).then().body("title", equalTo("Immutable"));
    }

    @Test
    void rejectsAnInvalidCaseStudyWithFieldErrors() {
        as(contributor(ORG)).contentType(ContentType.JSON)
                .body(with(caseStudy("x"), "title", "", "region", "Y99", "populationGroups", List.of("martians"),
                        "evidenceLevel", null))
                .post(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors.find { it.field == 'title' }.code", equalTo("required"))
                .body("errors.find { it.field == 'region' }.code", equalTo("unknown-value"))
                .body("errors.find { it.field == 'populationGroups' }.code", equalTo("unknown-value"))
                .body("errors.find { it.field == 'evidenceLevel' }.code", equalTo("required"));
        as(contributor(ORG)).contentType(ContentType.JSON).body(with(caseStudy("x"), "populationGroups", List.of()))
                .post(PATH).then().statusCode(400)
                .body("errors.find { it.field == 'populationGroups' }.code", equalTo("required"));
    }

    @Test
    void aContactIsKeptOnlyWithConsent() {
        as(contributor(ORG)).contentType(ContentType.JSON)
                .body(with(caseStudy("Contact"), "contact", java.util.Map.of("name", "A Lead", "email", "lead@nhs.net")))
                .post(PATH).then().statusCode(400)
                .body("errors.find { it.field == 'contact.consent' }.code", equalTo("required"));
    }
}
