package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.act;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;
import static uk.nhs.mhe.library.Library.inState;
import static uk.nhs.mhe.library.Library.moderator;
import static uk.nhs.mhe.library.Library.with;

/**
 * C0 control characters other than tab, CR and LF: PostgreSQL refuses NUL in text (a 500 before)
 * and XML refuses the rest (a broken Atom feed). They are refused as a 400 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class ControlCharactersTest {

    static final String ORG = "CC1";

    @Test
    void refusesControlCharactersInTextFields() {
        for (String field : List.of("title", "summary", "body", "evaluation", "sponsorship")) {
            for (String bad : List.of("a\u0000b", "a\u0001b", "a\u001Bb", "a\u000Bb")) {
                as(contributor(ORG)).contentType(ContentType.JSON).body(with(caseStudy("Control"), field, bad))
                        .post(PATH).then().statusCode(400)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                        .body("errors.field", hasItem(field))
                        .body("errors.code", hasItem("invalid-characters"));
            }
        }
        as(contributor(ORG)).contentType(ContentType.JSON).body(with(caseStudy("Control"), "tags", List.of("a\u0000")))
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("tags"));
        as(contributor(ORG)).contentType(ContentType.JSON)
                .body(with(caseStudy("Control"), "outcomes", List.of(Map.of("metric", "m\u0000"))))
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("outcomes[0].metric"));
        // The same on an edit.
        String id = create(contributor(ORG), caseStudy("Control edit"));
        as(contributor(ORG)).contentType(ContentType.JSON).body(with(caseStudy("Control edit"), "summary", "x\u0000"))
                .put(PATH + "/" + id).then().statusCode(400).body("errors.field", hasItem("summary"));
    }

    @Test
    void acceptsTabCarriageReturnAndLineFeed() {
        create(contributor(ORG), with(caseStudy("Tabs\tare fine"), "summary", "Line one\r\nLine two\n\tindented"));
    }

    @Test
    void refusesControlCharactersInComments() {
        String id = inState(ORG, "SUBMITTED", caseStudy("Control comment"));
        act(moderator(), id, "return", "Please\u0000 fix").statusCode(400)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:validation-failed"))
                .body("errors.field", hasItem("comment"));
        act(moderator(), id, "return", "Please\u0007 fix").statusCode(400).body("errors.field", hasItem("comment"));
        act(moderator(), id, "return", "Please\n\tfix").statusCode(200);
    }
}
