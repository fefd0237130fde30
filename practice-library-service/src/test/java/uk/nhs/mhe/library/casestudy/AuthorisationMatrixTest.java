package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.inState;

/**
 * Every endpoint × role × own/other organisation × state, against a real embedded PostgreSQL,
 * a real Kafka broker and OIDC test-server tokens. The expected answers are written out here
 * from docs/api.md and the issue, independently of the service's code: others' drafts are 404
 * (never 403), readers see published practice only, contributors act for their organisation,
 * moderators moderate.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationMatrixTest {

    static final String OWN_ORG = "MX1";
    static final String OTHER_ORG = "MX2";
    static final List<String> STATES = List.of("DRAFT", "SUBMITTED", "RETURNED", "PUBLISHED", "ARCHIVED", "RETRACTED");

    enum Who {
        OWN_CONTRIBUTOR, OTHER_CONTRIBUTOR, MODERATOR, READER, NO_LIBRARY_ROLE, ANONYMOUS;

        String token() {
            return switch (this) {
                case OWN_CONTRIBUTOR -> TestTokens.user("contributor.mx1", OWN_ORG, "contributor", "reader");
                case OTHER_CONTRIBUTOR -> TestTokens.user("contributor.mx2", OTHER_ORG, "contributor", "reader");
                case MODERATOR -> TestTokens.withRoles("moderator", "moderator", "reader");
                case READER -> TestTokens.withRoles("commissioner", "reader");
                case NO_LIBRARY_ROLE -> TestTokens.assurance();
                case ANONYMOUS -> null;
            };
        }

        boolean hasLibraryRole() {
            return this != NO_LIBRARY_ROLE && this != ANONYMOUS;
        }
    }

    enum Endpoint {
        READ, EDIT, REVISIONS, REVISION, SUBMIT, RETURN, PUBLISH, ARCHIVE, RETRACT, UPLOAD, DOWNLOAD;

        boolean mutates() {
            return this != READ && this != REVISIONS && this != REVISION && this != DOWNLOAD;
        }
    }

    /** One case study of OWN_ORG in each state, each with an attachment, for the read-only endpoints. */
    private final Map<String, String> fixtures = new java.util.HashMap<>();
    private final Map<String, String> attachments = new java.util.HashMap<>();

    /** Made on first use: RestAssured knows the test port only once a test runs. */
    private synchronized void fixtures() {
        if (!fixtures.isEmpty()) {
            return;
        }
        for (String state : STATES) {
            String[] created = withAttachment(state);
            fixtures.put(state, created[0]);
            attachments.put(state, created[1]);
        }
    }

    /** The contract, written out: the status each caller gets from each endpoint in each state. */
    static int expected(Endpoint e, Who who, String state) {
        if (who == Who.ANONYMOUS) {
            return 401;
        }
        if (!who.hasLibraryRole()) {
            return 403;
        }
        boolean own = who == Who.OWN_CONTRIBUTOR;
        boolean moderator = who == Who.MODERATOR;
        boolean published = Set.of("PUBLISHED", "ARCHIVED", "RETRACTED").contains(state);
        if (!own && !moderator && !published) {
            return 404;
        }
        boolean editable = Set.of("DRAFT", "RETURNED").contains(state);
        return switch (e) {
            case READ -> 200;
            case DOWNLOAD -> "RETRACTED".equals(state) && !own && !moderator ? 404 : 200;
            case REVISIONS, REVISION -> own || moderator ? 200 : 403;
            case EDIT, SUBMIT -> own ? (editable ? 200 : 409) : 403;
            case UPLOAD -> own ? (editable ? 201 : 409) : 403;
            case RETURN, PUBLISH -> moderator ? ("SUBMITTED".equals(state) ? 200 : 409) : 403;
            case ARCHIVE -> moderator ? ("PUBLISHED".equals(state) ? 200 : 409) : 403;
            case RETRACT -> moderator ? (Set.of("PUBLISHED", "ARCHIVED").contains(state) ? 200 : 409) : 403;
        };
    }

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Who who : Who.values()) {
                for (String state : STATES) {
                    rows.add(Arguments.of(e, who, state));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} by {1} on {2}")
    @MethodSource("matrix")
    void answersEachCallerAsTheContractSays(Endpoint e, Who who, String state) {
        String id;
        String attachment;
        int want = expected(e, who, state);
        if (e.mutates() && want < 300) {
            // A change the contract allows gets its own case study; refused ones must leave the shared ones alone.
            id = inState(OWN_ORG, state, caseStudy("Matrix " + e));
            attachment = null;
        } else {
            fixtures();
            id = fixtures.get(state);
            attachment = attachments.get(state);
        }
        Response r = call(e, who.token(), id, attachment);
        assertEquals(want, r.statusCode(), e + " by " + who + " on " + state + ": " + r.asString());
        if (want >= 400) {
            assertEquals("application/problem+json", r.contentType().split(";")[0]);
            // ... and a refused change changed nothing.
            assertEquals(state, as(Who.MODERATOR.token()).get(PATH + "/" + id).jsonPath().getString("status"));
        }
        if (want == 404) {
            // Indistinguishable from a case study that does not exist.
            Response missing = call(e, who.token(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
            assertEquals(404, missing.statusCode());
            if (e != Endpoint.DOWNLOAD) {
                assertEquals(missing.jsonPath().getString("type"), r.jsonPath().getString("type"));
            }
        }
    }

    static Response call(Endpoint e, String token, String id, String attachment) {
        String path = PATH + "/" + id;
        return switch (e) {
            case READ -> as(token).get(path);
            case EDIT -> as(token).contentType(ContentType.JSON).body(caseStudy("Edited")).put(path);
            case REVISIONS -> as(token).get(path + "/revisions");
            case REVISION -> as(token).get(path + "/revisions/1");
            case SUBMIT -> as(token).post(path + "/submit");
            case RETURN -> as(token).contentType(ContentType.JSON).body(Map.of("comment", "Needs work")).post(path + "/return");
            case PUBLISH -> as(token).post(path + "/publish");
            case ARCHIVE -> as(token).post(path + "/archive");
            case RETRACT -> as(token).contentType(ContentType.JSON).body(Map.of("comment", "Withdrawn")).post(path + "/retract");
            case UPLOAD -> as(token).contentType("application/pdf").body(AttachmentFixtures.pdf())
                    .queryParam("filename", "report.pdf").post(path + "/attachments");
            case DOWNLOAD -> as(token).get(path + "/attachments/" + attachment);
        };
    }

    static String[] withAttachment(String state) {
        String contributor = Who.OWN_CONTRIBUTOR.token();
        String id = uk.nhs.mhe.library.Library.create(contributor, caseStudy("Matrix fixture " + state));
        String attachment = as(contributor).contentType("application/pdf").body(AttachmentFixtures.pdf())
                .queryParam("filename", "report.pdf").post(PATH + "/" + id + "/attachments")
                .then().statusCode(201).extract().path("id");
        List<String> steps = switch (state) {
            case "DRAFT" -> List.of();
            case "SUBMITTED" -> List.of("submit");
            case "RETURNED" -> List.of("submit", "return");
            case "PUBLISHED" -> List.of("submit", "publish");
            case "ARCHIVED" -> List.of("submit", "publish", "archive");
            default -> List.of("submit", "publish", "retract");
        };
        for (String step : steps) {
            uk.nhs.mhe.library.Library.act(step.equals("submit") ? contributor : Who.MODERATOR.token(), id, step,
                    step.equals("return") || step.equals("retract") ? "Because" : null).statusCode(200);
        }
        return new String[] {id, attachment};
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void onlyContributorsWithAnOrganisationCreate(Who who) {
        int want = switch (who) {
            case OWN_CONTRIBUTOR, OTHER_CONTRIBUTOR -> 201;
            case ANONYMOUS -> 401;
            default -> 403;
        };
        as(who.token()).contentType(ContentType.JSON).body(caseStudy("Create " + who)).post(PATH).then()
                .statusCode(want);
        as(TestTokens.withRoles("contributor.without.org", "contributor")).contentType(ContentType.JSON)
                .body(caseStudy("No organisation")).post(PATH).then().statusCode(403)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:forbidden"));
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void collectionEndpointsNeedALibraryRole(Who who) {
        int want = who == Who.ANONYMOUS ? 401 : who.hasLibraryRole() ? 200 : 403;
        for (String path : List.of(PATH, "/api/v1/case-studies.csv", "/api/v1/case-studies.json",
                "/feeds/published.atom", PATH + "/recommended?area=Y56", "/api/v1/vocabularies")) {
            Response r = as(who.token()).get(path);
            assertEquals(want, r.statusCode(), path + " by " + who + ": " + r.asString());
        }
        int usage = who == Who.ANONYMOUS ? 401 : who == Who.MODERATOR ? 200 : 403;
        assertEquals(usage, as(who.token()).get(PATH + "/usage").statusCode(), "usage by " + who);
        assertEquals(who == Who.ANONYMOUS ? 401 : 200, as(who.token()).get("/api/v1/me").statusCode(), "me by " + who);
    }

    @ParameterizedTest
    @EnumSource(value = Who.class, names = {"OWN_CONTRIBUTOR", "OTHER_CONTRIBUTOR", "MODERATOR", "READER"})
    void searchesFacetsAndExportsShowOnlyWhatTheCallerMaySee(Who who) {
        Set<String> visible = switch (who) {
            case OWN_CONTRIBUTOR, MODERATOR -> Set.copyOf(STATES);
            default -> Set.of("PUBLISHED");
        };
        // The fixtures are OWN_ORG's only case studies in region Y58.
        String org = "MX3";
        Map<String, String> ids = stateFixtures(org);
        String token = switch (who) {
            case OWN_CONTRIBUTOR -> TestTokens.user("contributor.mx3", org, "contributor", "reader");
            default -> who.token();
        };
        Response list = as(token).queryParam("organisation", org).queryParam("size", 100).get(PATH);
        list.then().statusCode(200);
        Set<String> seen = new HashSet<>(list.jsonPath().getList("items.status"));
        assertEquals(visible, seen, who + " sees");
        assertEquals(visible.size(), list.jsonPath().getInt("total"));
        assertEquals(visible.size(), list.jsonPath().getInt("facets.region.Y58"), "facet counts for " + who);
        assertEquals(visible.size(), list.jsonPath().getInt("facets.populationGroups.veterans"));
        String csv = as(token).queryParam("organisation", org).get("/api/v1/case-studies.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertEquals(visible.size(), csv.strip().split("\r\n").length - 1, "CSV rows for " + who);
        assertEquals(visible.size(), as(token).queryParam("organisation", org).get("/api/v1/case-studies.json")
                .jsonPath().getInt("total"));
        String atom = as(token).queryParam("organisation", org).get("/feeds/published.atom").then().statusCode(200)
                .extract().asString();
        assertEquals(1, atom.split("<entry>").length - 1, "the feed carries published practice only");
        for (Map.Entry<String, String> e : ids.entrySet()) {
            boolean shown = list.jsonPath().getList("items.id").contains(e.getValue());
            assertEquals(visible.contains(e.getKey()), shown, e.getKey() + " shown to " + who);
        }
    }

    private final Map<String, Map<String, String>> stateFixturesByOrg = new java.util.HashMap<>();

    private synchronized Map<String, String> stateFixtures(String org) {
        return stateFixturesByOrg.computeIfAbsent(org, o -> {
            Map<String, String> ids = new java.util.LinkedHashMap<>();
            for (String state : STATES) {
                ids.put(state, inState(o, state, uk.nhs.mhe.library.Library.with(caseStudy("Visibility " + state),
                        "region", "Y58", "populationGroups", List.of("veterans"))));
            }
            return ids;
        });
    }

    @Test
    void matrixCoversEveryEndpointRoleAndState() {
        Map<Endpoint, Integer> rows = new EnumMap<>(Endpoint.class);
        matrix().forEach(a -> rows.merge((Endpoint) a.get()[0], 1, Integer::sum));
        assertEquals(Endpoint.values().length, rows.size());
        rows.values().forEach(n -> assertEquals(Who.values().length * STATES.size(), n));
    }
}
