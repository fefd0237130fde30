package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;
import static uk.nhs.mhe.library.Library.with;

/** XSS attacks on the rich-text body and the per-user write limit, through the API. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class RichTextSecurityTest {

    static final String ORG = "XS1";

    @Test
    void sanitisesScriptsHandlersAndDangerousUrlsOnWrite() {
        String body = """
                # Results

                <script>alert('x')</script>
                <img src="x" onerror="alert(1)">
                <a href="javascript:alert(1)">click</a>
                <iframe src="https://evil.example"></iframe>
                <p style="background:url(javascript:alert(1))" onclick="alert(1)">Kept text</p>

                [a link](https://www.england.nhs.uk/) and **bold**
                <svg><script>alert(2)</script></svg>
                """;
        String id = create(contributor(ORG), with(caseStudy("XSS"), "body", body));
        as(contributor(ORG)).get(PATH + "/" + id).then().statusCode(200)
                .body("body", not(containsString("<script")))
                .body("body", not(containsString("onerror")))
                .body("body", not(containsString("onclick")))
                .body("body", not(containsString("javascript:")))
                .body("body", not(containsString("<iframe")))
                .body("body", not(containsString("<svg")))
                .body("body", not(containsString("style=")))
                .body("body", containsString("<h1>Results</h1>"))
                .body("body", containsString("Kept text"))
                .body("body", containsString("<strong>bold</strong>"))
                .body("body", containsString("href=\"https://www.england.nhs.uk/\""));
    }

    @Test
    void limitsWritesPerUser() {
        String flooder = uk.nhs.mhe.infra.TestTokens.user("flooder", ORG, "contributor");
        int status = 0;
        int writes = 0;
        while (writes < 700 && status != 429) {
            status = as(flooder).post(PATH + "/" + UUID.randomUUID() + "/submit").statusCode();
            writes++;
        }
        // The test profile allows 300 writes a minute; 700 cross the limit even if a window boundary resets the count once.
        org.junit.jupiter.api.Assertions.assertEquals(429, status, "after " + writes + " writes");
        as(flooder).post(PATH + "/" + UUID.randomUUID() + "/submit").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("urn:uk:nhs:mhe:problem:rate-limited"));
        // Another user is not affected; reads are not limited.
        as(contributor(ORG)).get(PATH).then().statusCode(200);
        as(flooder).get(PATH).then().statusCode(200);
    }
}
