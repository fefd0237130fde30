package uk.nhs.mhe.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader against a fake Keycloak + ingest + indicator service on one local port. */
class DemoLoaderTest {

    private HttpServer server;
    private String url;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokenByClient = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger unavailableOnce = new AtomicInteger(1);
    private volatile String rejectProvider = "none";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/mhe/protocol/openid-connect/token", ex -> {
            String form = body(ex);
            String client = form.replaceAll(".*client_id=([^&]*).*", "$1");
            tokenRequests.incrementAndGet();
            tokenByClient.put("t-" + client, client);
            answer(ex, 200, "application/json", "{\"access_token\":\"t-" + client + "\",\"expires_in\":300}");
        });
        server.createContext("/api/v1/reference/population", ex -> {
            String csv = body(ex);
            calls.add(ex.getRequestMethod() + " population " + ex.getRequestURI().getQuery() + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " " + who(ex) + " " + csv.lines().count());
            answer(ex, 204, "text/plain", "");
        });
        server.createContext("/api/v1/submissions", ex -> {
            String json = body(ex);
            String provider = json.replaceAll("(?s).*\"provider\":\"([^\"]*)\".*", "$1");
            String dataset = json.replaceAll("(?s).*\"dataset\":\"([^\"]*)\".*", "$1");
            calls.add("POST " + provider + " " + who(ex) + " " + ex.getRequestHeaders().getFirst("Idempotency-Key")
                    + " " + dataset);
            if (unavailableOnce.getAndDecrement() == 1) {
                answer(ex, 503, "application/problem+json", "{\"title\":\"busy\"}");
            } else if (provider.equals(rejectProvider)) {
                answer(ex, 400, "application/problem+json", "{\"title\":\"Invalid submission\",\"errors\":[]}");
            } else {
                answer(ex, 201, "application/json", "{\"id\":\"x\",\"status\":\"ACCEPTED\"}");
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String[] args(String month, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--ingest", url, "--indicator", url, "--keycloak",
                url + "/", "--from", month, "--to", month, "--scale", "1/20000", "--threads", "3", "--seed", "42"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void loadsPopulationThenEveryOpenTrustWithItsOwnClient() {
        assertEquals(0, DemoLoader.run(args("2024-10")));
        assertTrue(calls.contains("PUT population year=2023 text/csv mhe-admin " + (42 * 16 * 20 * 2 + 1)), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("PUT population year=2024 ")));
        List<String> posts = calls.stream().filter(c -> c.startsWith("POST ")).toList();
        int trusts = SyntheticSubmissions.trustsOpenIn(java.time.YearMonth.of(2024, 10)).size();
        assertEquals(2 * trusts + 1, posts.size(), "MHSDS and Talking Therapies per trust, one retry after the 503");
        assertEquals(trusts, posts.stream().filter(c -> c.endsWith(" TALKING_THERAPIES")).distinct().count());
        assertTrue(posts.stream().anyMatch(c -> c.startsWith("POST RV5 provider-rv5 demo-") && c.endsWith(" MHSDS")));
        assertTrue(posts.stream().anyMatch(c -> c.startsWith("POST RV5 provider-rv5 demo-")
                && c.endsWith(" TALKING_THERAPIES")), "Talking Therapies with the trust's own client");
        assertTrue(posts.stream().anyMatch(c -> c.startsWith("POST RRP mhe-admin ")), "closed trust as admin");
        assertTrue(tokenRequests.get() <= trusts + 2, "tokens are cached: " + tokenRequests.get());
    }

    @Test
    void talkingTherapiesCanBeSkipped() {
        assertEquals(0, DemoLoader.run(args("2024-10", "--no-talking-therapies")));
        List<String> posts = calls.stream().filter(c -> c.startsWith("POST ")).toList();
        int trusts = SyntheticSubmissions.trustsOpenIn(java.time.YearMonth.of(2024, 10)).size();
        assertEquals(trusts + 1, posts.size(), "MHSDS only, one retry after the 503");
        assertTrue(posts.stream().allMatch(c -> c.endsWith(" MHSDS")), posts.toString());
    }

    @Test
    void aRejectedSubmissionFailsTheRunAtTheEnd() {
        rejectProvider = "RXT";
        assertEquals(1, DemoLoader.run(args("2024-03")));
        int trusts = SyntheticSubmissions.trustsOpenIn(java.time.YearMonth.of(2024, 3)).size();
        assertEquals(2 * trusts + 1, calls.stream().filter(c -> c.startsWith("POST ")).count(), "the rest still sent");
    }

    @Test
    void badOptionsExitTwo() {
        assertEquals(2, DemoLoader.run(new String[] {"--bogus"}));
        assertEquals(0, DemoLoader.run(new String[] {"--dry-run"}));
    }

    private String who(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        return auth == null ? "anonymous" : tokenByClient.getOrDefault(auth.substring("Bearer ".length()), "?");
    }

    private static String body(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
