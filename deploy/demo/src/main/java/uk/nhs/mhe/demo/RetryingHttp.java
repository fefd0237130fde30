package uk.nhs.mhe.demo;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a request, retrying what is worth retrying: connection failures, 5xx and 429, with
 * exponential backoff, up to {@value #RETRIES} retries. A 4xx is the caller's problem and is
 * returned at once, so a bad submission is reported rather than hammered.
 */
final class RetryingHttp {

    static final int RETRIES = 5;

    private final HttpClient client;
    private final long firstBackoffMillis;

    RetryingHttp(HttpClient client, long firstBackoffMillis) {
        this.client = client;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    static HttpClient newClient() {
        // HTTP/1.1: no h2c upgrade dance with large POST bodies.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        IOException lastError = null;
        HttpResponse<String> last = null;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.min(30_000, firstBackoffMillis << (attempt - 1)));
            }
            try {
                last = client.send(request, HttpResponse.BodyHandlers.ofString());
                lastError = null;
                if (last.statusCode() < 500 && last.statusCode() != 429) {
                    return last;
                }
            } catch (IOException e) {
                lastError = e;
            }
        }
        if (lastError != null) {
            throw lastError;
        }
        return last;
    }
}
