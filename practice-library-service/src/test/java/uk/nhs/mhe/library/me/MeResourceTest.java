package uk.nhs.mhe.library.me;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The library's identity endpoint against a real embedded PostgreSQL and OIDC test-server tokens. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class MeResourceTest {

    @Test
    void readsRolesAndOrganisationFromTheToken() {
        String token = TestTokens.user("contributor.rv5", "RV5", "contributor", "reader");
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("contributor.rv5"))
                .body("organisation", equalTo("RV5"))
                .body("roles", contains("contributor", "reader"));
    }

    @Test
    void refusesCallersWithoutAToken() {
        given().when().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unauthorized"));
    }

    @Test
    void refusesATokenSignedByAnotherIssuer() {
        given().auth().oauth2("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").when().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void healthAndOpenApiAnswerWithoutAToken() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
