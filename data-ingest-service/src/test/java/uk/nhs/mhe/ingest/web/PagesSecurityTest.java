package uk.nhs.mhe.ingest.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The upload page beside the API (embedded PostgreSQL, in-process Kafka, OIDC test server): `/`
 * answers without login with a sign-in button, the upload pages start the code flow with PKCE,
 * and the API without a token still answers 401 problem+json.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class PagesSecurityTest {

    @Test
    void homePageAnswersWithoutLoginWithASignInButton() {
        given().redirects().follow(false).when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Submit mental health data"))
                .body(containsString("href=\"/login\""));
        given().when().get("/nhsuk/nhsuk-frontend.min.css").then().statusCode(200);
        given().when().get("/js/progress.js").then().statusCode(200);
    }

    @Test
    void uploadPagesStartTheCodeFlowWithPkce() {
        given().redirects().follow(false).when().get("/upload").then().statusCode(302)
                .header("Location", containsString("client_id=mhe-web"))
                .header("Location", containsString("code_challenge_method=S256"));
    }

    @Test
    void apiWithoutATokenStillAnswers401ProblemJson() {
        given().redirects().follow(false).when().get("/api/v1/submissions").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unauthorized"));
    }

    @TestHTTPResource("/")
    java.net.URL root;

    /**
     * A form posted from another site is refused before anything reads it (the CORS filter's
     * Origin check): the session cookie alone cannot make a signed-in person act. The service's
     * own pages post with their own origin and go on (here: to sign-in, as nobody is signed in).
     */
    @Test
    void formsPostedFromAnotherSiteAreRefused() {
        String own = root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
        given().redirects().follow(false).header("Origin", "https://attacker.example")
                .contentType("application/x-www-form-urlencoded").body("dataset=MHSDS")
                .when().post("/upload").then().statusCode(403);
        given().redirects().follow(false).header("Origin", own)
                .contentType("application/x-www-form-urlencoded").body("dataset=MHSDS")
                .when().post("/upload").then().statusCode(302)
                .header("Location", containsString("client_id=mhe-web"));
    }
}
