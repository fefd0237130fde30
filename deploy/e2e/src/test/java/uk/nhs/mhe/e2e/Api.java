package uk.nhs.mhe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A thin HTTP client for the suite: real tokens from Keycloak, JSON in and out. */
final class Api {

    record Response(int status, String contentType, JsonNode body) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the services speak it; the default h2c upgrade attempt is only a source of stalls.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String tokenEndpoint;

    Api(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    String clientToken(String clientId) throws Exception {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", "demo-secret"));
    }

    String userToken(String username) throws Exception {
        return token(Map.of("grant_type", "password", "client_id", "mhe-web", "username", username, "password", "demo"));
    }

    private String token(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Token request failed " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    Response get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    Response postJson(String url, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** A POST of raw bytes with the given Content-Type and, unless null, Content-Encoding. */
    Response postBytes(String url, String token, String contentType, String encoding, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return send(b.build());
    }

    Response putCsv(String url, String token, String csv) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    /** A plain-text answer (CSV, Atom): status, Content-Type and body as a string. */
    record TextResponse(int status, String contentType, String body) {
    }

    Response putJson(String url, String token, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
    }

    /** A POST without a body (workflow actions without a comment). */
    Response post(String url, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    TextResponse getText(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new TextResponse(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
    }
}
