package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the demo library of positive practice ({@code case-studies.json}: 33 ILLUSTRATIVE case
 * studies written for this project) through the practice-library-service API, as its users
 * would: each case study is created and submitted by a contributor with a password-grant token
 * from Keycloak (client {@code mhe-web}), then published (or returned) by the moderator.
 *
 * <p>Each case study names the trust whose practice it illustrates. A case study belongs to the
 * organisation in its contributor's token, and the demo realm has contributor accounts for RV5
 * and RXT only; when there is no {@code contributor.<ods>} user for a trust, the case study is
 * loaded by {@code contributor.rv5} (London and the south) or {@code contributor.rxt} (Midlands and
 * the north), and its body says so. Adding {@code contributor.<ods>} users to the realm makes the
 * same corpus load under its own trusts. Case studies whose title is already in the library are
 * skipped, so running it twice changes nothing.
 *
 * <pre>java -cp mhe-demo.jar:lib/* uk.nhs.mhe.demo.CaseStudyLoader --library http://localhost:8083 --keycloak http://localhost:8180</pre>
 */
public final class CaseStudyLoader {

    static final String CORPUS = "/uk/nhs/mhe/demo/case-studies.json";
    static final String FOOTER = "\n\n---\n\n*Illustrative case study written for the demonstration of this platform: "
            + "the service, figures and outcomes are not real.*";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String library;
    private final String tokenEndpoint;
    private final Map<String, String> tokens = new HashMap<>();

    CaseStudyLoader(String library, String keycloak) {
        this.library = library.replaceAll("/$", "");
        this.tokenEndpoint = keycloak.replaceAll("/$", "") + "/realms/mhe/protocol/openid-connect/token";
    }

    public static void main(String[] args) throws Exception {
        String library = "http://localhost:8083";
        String keycloak = "http://localhost:8180";
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--library" -> library = args[i + 1];
                case "--keycloak" -> keycloak = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --library URL --keycloak URL");
            }
        }
        int loaded = new CaseStudyLoader(library, keycloak).load(corpus());
        System.out.println("Done: " + loaded + " ILLUSTRATIVE case studies loaded into " + library);
    }

    /** The demo corpus. */
    static List<JsonNode> corpus() throws IOException {
        try (InputStream in = CaseStudyLoader.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException(CORPUS + " is missing");
            }
            JsonNode all = new ObjectMapper().readTree(in);
            return java.util.stream.StreamSupport.stream(all.spliterator(), false).toList();
        }
    }

    /** The demo account that loads a trust's case study: its own contributor, else RV5 or RXT by region. */
    static String fallbackContributor(String region) {
        return Set.of("Y60", "Y62", "Y63").contains(region) ? "contributor.rxt" : "contributor.rv5";
    }

    int load(List<JsonNode> corpus) throws Exception {
        String moderator = token("moderator");
        Set<String> existing = new HashSet<>();
        JsonNode all = send("GET", "/api/v1/case-studies.json?size=100", moderator, null, 200);
        all.path("items").forEach(i -> existing.add(i.path("title").asText()));
        int loaded = 0;
        for (JsonNode cs : corpus) {
            String title = cs.path("title").asText();
            if (existing.contains(title)) {
                System.out.println("skip (already loaded): " + title);
                continue;
            }
            String organisation = cs.path("organisation").asText();
            String user = "contributor." + organisation.toLowerCase();
            String contributor = tryToken(user);
            ObjectNode body = ((ObjectNode) cs.deepCopy());
            String state = body.path("state").asText("PUBLISHED");
            body.remove(List.of("organisation", "state"));
            String footer = FOOTER;
            if (contributor == null) {
                user = fallbackContributor(cs.path("region").asText());
                contributor = token(user);
                footer = "\n\n*Written to illustrate practice at trust " + organisation + "; loaded by the demo account "
                        + user + " because the demo realm has no contributor account for " + organisation + ".*" + FOOTER;
            }
            body.put("body", body.path("body").asText() + footer);
            String id = send("POST", "/api/v1/case-studies", contributor, body, 201).path("id").asText();
            if (!state.equals("DRAFT")) {
                send("POST", "/api/v1/case-studies/" + id + "/submit", contributor, null, 200);
            }
            switch (state) {
                case "PUBLISHED" -> send("POST", "/api/v1/case-studies/" + id + "/publish", moderator, null, 200);
                case "RETURNED" -> send("POST", "/api/v1/case-studies/" + id + "/return", moderator,
                        json.createObjectNode().put("comment",
                                "Thank you. Please add the outcome measures you used and how you evaluated them."), 200);
                default -> { }
            }
            if (state.equals("PUBLISHED")) {
                // A few views from demo readers, so that "popular" has something to sort by.
                List<String> viewers = List.of("commissioner", "moderator", "contributor.rv5", "contributor.rxt");
                for (int v = 0; v < (loaded % viewers.size()) + 1; v++) {
                    send("GET", "/api/v1/case-studies/" + id, token(viewers.get(v)), null, 200);
                }
            }
            System.out.println(state + " " + user + ": " + title);
            loaded++;
        }
        return loaded;
    }

    private String tryToken(String username) throws Exception {
        try {
            return token(username);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private String token(String username) throws Exception {
        String cached = tokens.get(username);
        if (cached != null) {
            return cached;
        }
        String form = "grant_type=password&client_id=mhe-web&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=demo";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("No token for " + username + ": " + r.statusCode() + " " + r.body());
        }
        String token = json.readTree(r.body()).path("access_token").asText();
        tokens.put(username, token);
        return token;
    }

    private JsonNode send(String method, String path, String token, JsonNode body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(library + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? json.nullNode() : json.readTree(r.body());
    }
}
