package uk.nhs.mhe.library.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.PostgresTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Pages and API side by side (embedded PostgreSQL, OIDC test server): the landing page and the
 * NHS.UK assets answer without login, the other pages send people to sign in, and the API keeps
 * answering 401 problem+json without a token, never a redirect.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PagesSecurityTest {

    @Test
    void landingPageAnswersWithoutLogin() {
        given().redirects().follow(false).when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Library of positive practice"))
                .body(containsString("href=\"/login\""))
                .body(containsString("/nhsuk/nhsuk-frontend.min.css"));
    }

    @Test
    void nhsukFrontendIsServedFromTheService() {
        given().when().get("/nhsuk/nhsuk-frontend.min.css").then().statusCode(200)
                .body(containsString(".nhsuk-header"));
        given().when().get("/nhsuk/nhsuk-frontend.min.js").then().statusCode(200);
        given().when().get("/nhsuk/init.js").then().statusCode(200);
    }

    @Test
    void libraryPagesSendPeopleToSignIn() {
        given().redirects().follow(false).when().get("/library").then().statusCode(302)
                .header("Location", containsString("response_type=code"))
                .header("Location", containsString("code_challenge_method=S256"));
        given().redirects().follow(false).when().get("/login").then().statusCode(302)
                .header("Location", containsString("client_id=mhe-web"));
    }

    @Test
    void apiWithoutATokenStillAnswers401ProblemJson() {
        given().redirects().follow(false).when().get("/api/v1/case-studies").then().statusCode(401)
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
                .contentType("application/x-www-form-urlencoded").body("title=Forged")
                .when().post("/library/case-studies").then().statusCode(403);
        given().redirects().follow(false).header("Origin", own)
                .contentType("application/x-www-form-urlencoded").body("title=Forged")
                .when().post("/library/case-studies").then().statusCode(302)
                .header("Location", containsString("client_id=mhe-web"));
    }
}
