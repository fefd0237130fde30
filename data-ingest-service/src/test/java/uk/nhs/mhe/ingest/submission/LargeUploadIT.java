package uk.nhs.mhe.ingest.submission;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.NoKafkaTestResource;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streaming end to end: generated CSV, NDJSON and JSON-envelope uploads several times larger than the service's whole
 * heap is accepted. The packaged service runs in its own JVM with {@code -Xmx96m} (failsafe,
 * {@code quarkus.test.arg-line}); its heap is read from its own metrics while the upload streams.
 * Real embedded PostgreSQL and the OIDC test server, no Kafka (the outbox simply waits).
 */
@Tag("large-upload")
@QuarkusIntegrationTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = NoKafkaTestResource.class, restrictToAnnotatedClass = true)
class LargeUploadIT {

    /**
     * Records per format: 1.55M CSV lines (~170 bytes each, ~264 MB) and 720k NDJSON lines
     * (~430 bytes, ~310 MB), 2.6–3.2 times the 96 MB heap: holding the upload would fail, and it
     * streams in well under a minute. What does grow with the upload is the uniqueness table
     * ({@code UniqueValues}, 12 bytes a slot, 25 MB at 1.55M values, below its doubling at 1.57M):
     * with a 72 MB heap that left too little room, and one CI run ran out of memory.
     */
    static final int CSV_RECORDS = 1_550_000;
    static final int JSON_RECORDS = 720_000;

    @TestHTTPResource("/api/v1/submissions")
    URL submissions;

    /** One record of the generated upload, as a line of CSV or of NDJSON. */
    private static String csvLine(int n) {
        String id = String.format("%064d", n);
        return "R" + id.substring(1) + ",P" + id.substring(1) + ",M,2,29,QKK,2,1,2024-03-" + String.format("%02d", 1 + n % 28)
                + ",Y,Y,Y,N,Y,21\r\n";
    }

    private static String ndjsonLine(int n) {
        String id = String.format("%064d", n);
        return "{\"referralId\":\"R" + id.substring(1) + "\",\"personId\":\"P" + id.substring(1)
                + "\",\"ethnicCategory\":\"M\",\"gender\":\"2\",\"ageYears\":29,\"residenceIcb\":\"QKK\",\"imdDecile\":2,"
                + "\"sexualOrientation\":\"1\",\"referralDate\":\"2024-03-" + String.format("%02d", 1 + n % 28)
                + "\",\"enteredTreatment\":\"Y\",\"finishedCourse\":\"Y\",\"casenessAtStart\":\"Y\",\"casenessAtEnd\":\"N\","
                + "\"reliableImprovement\":\"Y\",\"daysToFirstTreatment\":21}\n";
    }

    /** A Talking Therapies upload generated as it is read: nothing of it is ever held whole. */
    static final class GeneratedCsv extends InputStream {
        private final int records;
        private final AtomicLong bytes;
        private final java.util.function.IntFunction<String> lines;
        private int next;
        private byte[] line;
        private int pos;

        GeneratedCsv(int records, AtomicLong bytes) {
            this(records, bytes, ("referralId,personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,sexualOrientation,"
                    + "referralDate,enteredTreatment,finishedCourse,casenessAtStart,casenessAtEnd,reliableImprovement,"
                    + "daysToFirstTreatment\r\n"), LargeUploadIT::csvLine);
        }

        GeneratedCsv(int records, AtomicLong bytes, String header, java.util.function.IntFunction<String> lines) {
            this(records, bytes, header, lines, "");
        }

        GeneratedCsv(int records, AtomicLong bytes, String header, java.util.function.IntFunction<String> lines,
                String footer) {
            this.records = records;
            this.bytes = bytes;
            this.lines = lines;
            this.line = header.getBytes(StandardCharsets.UTF_8);
            this.footer = footer;
        }

        private String footer;

        private boolean refill() {
            if (pos < line.length) {
                return true;
            }
            if (next >= records) {
                if (footer.isEmpty()) {
                    return false;
                }
                line = footer.getBytes(StandardCharsets.UTF_8);
                footer = "";
                pos = 0;
                return true;
            }
            next++;
            line = lines.apply(next).getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (!refill()) {
                return -1;
            }
            bytes.incrementAndGet();
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len && refill()) {
                int k = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            bytes.addAndGet(n);
            return n == 0 ? -1 : n;
        }
    }

    @TestHTTPResource("/q/metrics")
    URL metrics;

    /** Sum of the service's heap pools, in use and maximum, from its Prometheus metrics. */
    private long[] heap(HttpClient client) throws Exception {
        String text = client.send(HttpRequest.newBuilder(URI.create(metrics.toString())).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long used = 0;
        long max = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                max += v > 0 ? (long) v : 0;
            }
        }
        return new long[] {used, max};
    }

    @Test
    void acceptsAnUploadFarLargerThanTheHeap() throws Exception {
        upload("text/csv", "csv");
    }

    @Test
    void acceptsAnNdjsonUploadFarLargerThanTheHeap() throws Exception {
        upload("application/x-ndjson", "ndjson");
    }

    @Test
    void acceptsAJsonEnvelopeFarLargerThanTheHeap() throws Exception {
        upload("application/json", "json");
    }

    private void upload(String contentType, String format) throws Exception {
        // HTTP/1.1, not the default h2c upgrade attempt, which was seen to stall a request here.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long maxHeap = heap(client)[1];
        assertTrue(maxHeap > 0 && maxHeap <= 128L * 1024 * 1024, "the service must run with a small heap; max " + maxHeap);
        int records = format.equals("csv") ? CSV_RECORDS : JSON_RECORDS;
        AtomicLong sent = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(heap(client)[0], Math::max);
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // keep sampling
                }
            }
        });
        sampler.start();
        // A JSON envelope names dataset, provider and period in the body; the others in the query.
        HttpRequest request = HttpRequest.newBuilder(URI.create(submissions
                        + (format.equals("json") ? "" : "?dataset=TALKING_THERAPIES&provider=RV5&period=2024-03")))
                .header("Authorization", "Bearer " + TestTokens.provider("RV5"))
                .header("Content-Type", contentType)
                // Generous: the proof is the heap, not the speed (benchmarks measure that).
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> switch (format) {
                    case "csv" -> new GeneratedCsv(records, sent);
                    case "ndjson" -> new GeneratedCsv(records, sent, "", LargeUploadIT::ndjsonLine);
                    default -> new GeneratedCsv(records, sent,
                            "{\"dataset\":\"TALKING_THERAPIES\",\"provider\":\"RV5\",\"period\":\"2024-03\",\"records\":[\n",
                            n -> (n == 1 ? "" : ",") + ndjsonLine(n), "]}\n");
                }))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"records\":" + records), response.body());
        System.out.printf("Large " + format + " upload: %,d bytes (%.1f x the service's %,d-byte heap); peak heap in use sampled %,d bytes%n",
                sent.get(), sent.get() / (double) maxHeap, maxHeap, peak.get());
        assertTrue(sent.get() > 2.5 * maxHeap, "the upload (" + sent.get() + " bytes) is over 2.5 times the heap");
        // The sampler must actually have read the service's heap while the upload streamed (the
        // upload finishing at eight times the heap is the real proof that memory stayed flat).
        assertTrue(peak.get() > 0 && peak.get() <= maxHeap, "sampled peak " + peak.get());
    }
}
