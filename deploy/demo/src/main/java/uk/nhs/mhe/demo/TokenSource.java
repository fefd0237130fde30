package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client-credentials access tokens from Keycloak (realm {@code mhe}), one per client, reused until
 * {@value #REFRESH_MARGIN_SECONDS} seconds before expiry so that a run of a thousand submissions does
 * not ask Keycloak a thousand times.
 */
final class TokenSource {

    static final long REFRESH_MARGIN_SECONDS = 30;

    private record Token(String value, Instant refreshAfter) {
    }

    private final RetryingHttp http;
    private final URI endpoint;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    TokenSource(RetryingHttp http, URI keycloak) {
        this.http = http;
        this.endpoint = URI.create(keycloak + "/realms/mhe/protocol/openid-connect/token");
    }

    /** A valid token for the client, from the cache or fresh. Fails with the Keycloak answer. */
    String token(String clientId, String secret) {
        Token cached = cache.get(clientId);
        if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
            return cached.value();
        }
        Token fresh = fetch(clientId, secret);
        cache.put(clientId, fresh);
        return fresh.value();
    }

    /** Forget a token the server refused (e.g. expired early). */
    void invalidate(String clientId) {
        cache.remove(clientId);
    }

    private Token fetch(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request);
            if (response.statusCode() != 200) {
                throw new TokenException(clientId, response.statusCode(), response.body());
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(60);
            return new Token(body.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(1, expiresIn - REFRESH_MARGIN_SECONDS)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Keycloak at " + endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Keycloak refused the client (unknown client, wrong secret, ...). */
    static final class TokenException extends RuntimeException {
        final int status;

        TokenException(String clientId, int status, String body) {
            super("token for " + clientId + " refused: HTTP " + status + " " + body);
            this.status = status;
        }
    }
}
