package uk.nhs.mhe.library;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import uk.nhs.mhe.infra.TestTokens;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Tokens shaped like the mhe realm's and small helpers for driving the case studies API in tests. */
public final class Library {

    private Library() {
    }

    public static final String PATH = "/api/v1/case-studies";

    public static String contributor(String organisation) {
        return TestTokens.user("contributor." + organisation.toLowerCase(), organisation, "contributor", "reader");
    }

    /** A contributor of an organisation with a distinct user name (for per-user behaviour such as views). */
    public static String contributor(String name, String organisation) {
        return TestTokens.user(name, organisation, "contributor", "reader");
    }

    public static String moderator() {
        return TestTokens.withRoles("moderator", "moderator", "reader");
    }

    public static String reader() {
        return TestTokens.withRoles("commissioner", "reader");
    }

    public static String reader(String name) {
        return TestTokens.withRoles(name, "reader");
    }

    /** A signed-in user with no library role (a regional assurance user). */
    public static String assurance() {
        return TestTokens.assurance();
    }

    public static RequestSpecification as(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /** A valid case study; override fields with {@code with}. */
    public static Map<String, Object> caseStudy(String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("summary", "Summary of " + title);
        m.put("body", "## What we did\n\nWe worked with local communities on " + title + ".");
        m.put("region", "Y56");
        m.put("populationGroups", List.of("black", "ethnic-minority"));
        m.put("serviceArea", "community");
        m.put("interventionType", "co-production");
        m.put("stage", "deliver");
        m.put("evidenceLevel", "local-evaluation");
        return m;
    }

    public static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    public static String create(String token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(201)
                .extract().path("id");
    }

    public static ValidatableResponse act(String token, String id, String action, String comment) {
        RequestSpecification spec = as(token);
        if (comment != null) {
            spec = spec.contentType(ContentType.JSON).body(Map.of("comment", comment));
        }
        return spec.post(PATH + "/" + id + "/" + action).then();
    }

    /** Creates a case study of {@code organisation} and moves it to {@code status} through the workflow. */
    public static String inState(String organisation, String status, Map<String, Object> body) {
        String contributor = contributor(organisation);
        String id = create(contributor, body);
        List<String[]> steps = new ArrayList<>();
        switch (status) {
            case "DRAFT" -> { }
            case "SUBMITTED" -> steps.add(new String[] {"submit", null});
            case "RETURNED" -> {
                steps.add(new String[] {"submit", null});
                steps.add(new String[] {"return", "Please add outcomes."});
            }
            case "PUBLISHED" -> {
                steps.add(new String[] {"submit", null});
                steps.add(new String[] {"publish", null});
            }
            case "ARCHIVED" -> {
                steps.add(new String[] {"submit", null});
                steps.add(new String[] {"publish", null});
                steps.add(new String[] {"archive", null});
            }
            case "RETRACTED" -> {
                steps.add(new String[] {"submit", null});
                steps.add(new String[] {"publish", null});
                steps.add(new String[] {"retract", "Figures could not be verified."});
            }
            default -> throw new IllegalArgumentException(status);
        }
        for (String[] step : steps) {
            act(step[0].equals("submit") ? contributor : moderator(), id, step[0], step[1]).statusCode(200);
        }
        return id;
    }
}
