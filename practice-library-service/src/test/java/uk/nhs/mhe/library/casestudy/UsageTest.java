package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.inState;
import static uk.nhs.mhe.library.Library.moderator;
import static uk.nhs.mhe.library.Library.reader;

/** Usage statistics: views once per user per day, counts for moderators. Real embedded PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class UsageTest {

    static final String ORG = "US1";

    @Test
    void countsAViewOncePerUserPerDay() {
        String id = inState(ORG, "PUBLISHED", caseStudy("Viewed"));
        as(reader("viewer.one")).get(PATH + "/" + id).then().body("views", equalTo(1));
        as(reader("viewer.one")).get(PATH + "/" + id).then().body("views", equalTo(1));
        as(reader("viewer.one")).get(PATH + "/" + id).then().body("views", equalTo(1));
        as(reader("viewer.two")).get(PATH + "/" + id).then().body("views", equalTo(2));
    }

    @Test
    void doesNotCountViewsOfUnpublishedWork() {
        String id = inState(ORG, "SUBMITTED", caseStudy("Under review"));
        as(moderator()).get(PATH + "/" + id).then().body("views", equalTo(0));
        as(contributor(ORG)).get(PATH + "/" + id).then().body("views", equalTo(0));
    }

    @Test
    void givesModeratorsTheCounts() {
        String id = inState(ORG, "PUBLISHED", caseStudy("Counted for moderators"));
        for (String v : List.of("u.a", "u.b", "u.c")) {
            as(reader(v)).get(PATH + "/" + id).then().statusCode(200);
        }
        JsonPath usage = as(moderator()).get(PATH + "/usage").then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = usage.getList("", Map.class).stream().filter(m -> id.equals(m.get("id")))
                .findFirst().orElseThrow();
        assertEquals(3, row.get("views"));
        assertEquals(3, row.get("viewsLast30Days"));
        assertEquals(3, row.get("distinctViewers"));
        as(reader()).get(PATH + "/usage").then().statusCode(403);
    }
}
