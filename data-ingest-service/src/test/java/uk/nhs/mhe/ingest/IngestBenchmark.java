package uk.nhs.mhe.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test (tag {@code benchmark}, excluded from the build): generates a 1M-record
 * MHSDS CSV, streams it through {@code POST /api/v1/submissions} (validated, written as outbox
 * batches in one transaction) and, in the same run and database, loads the same rows with
 * PostgreSQL COPY. Prints records/s, the ratio to COPY and the peak heap. Run with
 * {@code data-ingest-service/bench/ingest-benchmark.sh} (heap capped at 256 MB). Real embedded
 * PostgreSQL and the OIDC test server; no Kafka, so the figures are the intake's alone.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = NoKafkaTestResource.class, restrictToAnnotatedClass = true)
class IngestBenchmark {

    static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    static final String HEADER = "personId,ethnicCategory,gender,ageYears,residenceIcb,imdDecile,inContact,detentions,ctos,"
            + "restrictiveInterventions";
    static final String[] ETHNIC = {"A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "Z", "99"};
    static final String[] ICB = {"QKK", "QMJ", "QMF", "QRV", "QWE", "QE1", "QHM", "QOP"};

    @TestHTTPResource("/api/v1/submissions")
    URL submissions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void ingestOneMillionRecords() throws Exception {
        Path dir = Files.createTempDirectory("mhe-bench");
        Path csv = dir.resolve("mhsds.csv");
        Path ndjson = dir.resolve("mhsds.ndjson");
        Path json = dir.resolve("mhsds.json");
        String[] names = HEADER.split(",");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             BufferedWriter nd = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8);
             BufferedWriter js = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write("\n");
            js.write("{\"dataset\":\"MHSDS\",\"provider\":\"RV5\",\"period\":\"2019-06\",\"records\":[");
            String[] v = new String[names.length];
            StringBuilder o = new StringBuilder(256);
            for (int i = 1; i <= RECORDS; i++) {
                v[0] = "P" + i;
                v[1] = ETHNIC[i % ETHNIC.length];
                v[2] = String.valueOf(1 + i % 2);
                v[3] = String.valueOf(18 + i % 70);
                v[4] = ICB[i % ICB.length];
                v[5] = i % 11 == 0 ? "" : String.valueOf(1 + i % 10);
                v[6] = i % 5 == 0 ? "N" : "Y";
                v[7] = i % 50 == 0 ? "1" : "0";
                v[8] = "0";
                v[9] = i % 97 == 0 ? "2" : "0";
                w.write(String.join(",", v));
                w.write("\n");
                o.setLength(0);
                o.append('{');
                for (int f = 0; f < names.length; f++) {
                    boolean number = f == 3 || f == 5 || f >= 7;
                    o.append(f == 0 ? "" : ",").append('"').append(names[f]).append("\":")
                            .append(v[f].isEmpty() ? "null" : number ? v[f] : "\"" + v[f] + "\"");
                }
                o.append('}');
                nd.append(o).append('\n');
                if (i > 1) {
                    js.write(',');
                }
                js.append(o);
            }
            js.write("]}");
        }
        Path gz = dir.resolve("mhsds.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(csv, out);
        }
        long size = Files.size(csv);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "records %,d; CSV %,d bytes; gzip %,d bytes; max heap %,d MB; %d cores; Java %s%n",
                RECORDS, size, Files.size(gz), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));

        // Warm-up: a small submission so the JIT has seen the path once.
        post(csv, "2019-01", "text/csv", false, 0);

        double copySeconds = copy(csv);
        report.append(String.format(Locale.ROOT, "PostgreSQL COPY (same rows, same database): %.2f s, %,.0f records/s%n",
                copySeconds, RECORDS / copySeconds));
        // NDJSON and JSON of the same records (~170 MB each) are generated with -Dbench.all-formats=true; see
        // docs/benchmarks.md for why they are not in the default run.
        Object[][] runs = Boolean.getBoolean("bench.all-formats")
                ? new Object[][] {{"2019-02", "text/csv", csv, false}, {"2019-03", "text/csv", gz, true},
                        {"2019-04", "application/x-ndjson", ndjson, false}, {"2019-06", "application/json", json, false}}
                : new Object[][] {{"2019-02", "text/csv", csv, false}, {"2019-03", "text/csv", gz, true}};
        for (Object[] run : runs) {
            HeapWatch watch = new HeapWatch();
            double seconds = post((Path) run[2], (String) run[0], (String) run[1], (Boolean) run[3], RECORDS);
            watch.close();
            report.append(String.format(Locale.ROOT,
                    "API %-27s %6.2f s, %,9.0f records/s, %.2f x COPY; heap in use peak %,d MB, live after GC peak %,d MB%n",
                    run[1] + ((Boolean) run[3] ? " + gzip" : "") + " (" + (Files.size((Path) run[2]) >> 20) + " MB)", seconds,
                    RECORDS / seconds, copySeconds / seconds, watch.peakUsed >> 20, watch.peakLive >> 20));
        }
        System.out.println("\n==== ingest benchmark ====\n" + report + "==========================\n");
        Files.writeString(Path.of("target", "ingest-benchmark.txt"), report);
    }

    /** Posts the file (whole or, for warm-up, a 20k-record slice); returns the seconds it took. */
    private double post(Path file, String period, String contentType, boolean gzip, int expected) throws Exception {
        HttpRequest.BodyPublisher body;
        if (expected == 0) {
            StringBuilder slice = new StringBuilder(HEADER).append('\n');
            try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                r.readLine();
                for (int i = 0; i < 20_000; i++) {
                    slice.append(r.readLine()).append('\n');
                }
            }
            body = HttpRequest.BodyPublishers.ofString(slice.toString());
            expected = 20_000;
        } else {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return Files.newInputStream(file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        String query = contentType.equals("application/json") ? "" : "?dataset=MHSDS&provider=RV5&period=" + period;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(submissions + query))
                .header("Authorization", "Bearer " + TestTokens.provider("RV5"))
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(10)).POST(body);
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(true, response.body().contains("\"records\":" + expected), response.body());
        return seconds;
    }

    private double copy(Path csv) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_copy (person_id text, ethnic_category text, gender text, "
                        + "age_years integer, residence_icb text, imd_decile integer, in_contact text, detentions integer, "
                        + "ctos integer, restrictive_interventions integer)");
                s.execute("TRUNCATE bench_copy");
            }
            long start = System.nanoTime();
            try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)", r);
                assertEquals(RECORDS, rows);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * Heap while a run streams: the peak of heap in use (sampled every 5 ms; garbage included, so
     * bounded by -Xmx by construction) and the peak of what stays live after each collection
     * (GC notifications): the memory the intake really holds.
     */
    static final class HeapWatch implements AutoCloseable, NotificationListener {
        volatile long peakUsed;
        volatile long peakLive;
        private final Thread sampler;

        HeapWatch() {
            System.gc();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long live = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    live += pool.getValue().getUsed();
                }
            }
            peakLive = Math.max(peakLive, live);
        }

        @Override
        public void close() throws Exception {
            sampler.interrupt();
            sampler.join();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            }
        }
    }

    static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(java.util.stream.Collectors.toSet());
}
