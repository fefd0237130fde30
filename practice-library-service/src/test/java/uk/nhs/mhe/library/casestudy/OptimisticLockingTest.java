package uk.nhs.mhe.library.casestudy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;
import static uk.nhs.mhe.library.Library.with;

/**
 * Optimistic locking of edits: {@code If-Match} with the {@code ETag} of a read, or the body's
 * {@code version}; two edits based on the same version cannot both win.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class OptimisticLockingTest {

    static final String ORG = "OL1";

    private static Response put(String id, String ifMatch, Map<String, Object> body) {
        var spec = as(contributor(ORG)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            spec = spec.header("If-Match", ifMatch);
        }
        return spec.put(PATH + "/" + id);
    }

    @Test
    void theSecondOfTwoEditsFromTheSameVersionIsAConflict() {
        String id = create(contributor(ORG), caseStudy("Locking"));
        String etag = as(contributor(ORG)).get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").extract().header("ETag");
        put(id, etag, caseStudy("Locking, first edit")).then().statusCode(200)
                .header("ETag", "\"2\"").body("version", equalTo(2));
        put(id, etag, caseStudy("Locking, second edit")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:version-conflict"))
                .body("currentVersion", equalTo(2));
        as(contributor(ORG)).get(PATH + "/" + id).then().body("title", equalTo("Locking, first edit"))
                .body("version", equalTo(2));
    }

    @Test
    void theBodysVersionWorksLikeIfMatch() {
        String id = create(contributor(ORG), caseStudy("Body version"));
        put(id, null, with(caseStudy("Body version, first"), "version", 1)).then().statusCode(200);
        put(id, null, with(caseStudy("Body version, second"), "version", 1)).then().statusCode(409)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:version-conflict"));
        put(id, null, with(caseStudy("Body version, third"), "version", 2)).then().statusCode(200)
                .body("version", equalTo(3));
        // The version is not content: it is not stored in the revision.
        as(contributor(ORG)).get(PATH + "/" + id + "/revisions/3").then().statusCode(200)
                .body("content.version", equalTo(null));
    }

    @Test
    void withoutAVersionTheLastWriteWins() {
        String id = create(contributor(ORG), caseStudy("Last write"));
        put(id, null, caseStudy("Last write, a")).then().statusCode(200);
        put(id, null, caseStudy("Last write, b")).then().statusCode(200).body("version", equalTo(3));
        put(id, "*", caseStudy("Last write, c")).then().statusCode(200).body("version", equalTo(4));
        put(id, "W/\"4\"", caseStudy("Last write, d")).then().statusCode(200).body("version", equalTo(5));
        put(id, "not-a-version", caseStudy("Last write, e")).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void ofConcurrentEditsFromTheSameVersionExactlyOneWins() throws Exception {
        String id = create(contributor(ORG), caseStudy("Race"));
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String title = "Race " + i;
                Callable<Integer> edit = () -> {
                    start.await();
                    return put(id, "\"1\"", caseStudy(title)).statusCode();
                };
                results.add(pool.submit(edit));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(n - 1, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        as(contributor(ORG)).get(PATH + "/" + id).then().body("version", equalTo(2));
    }
}
