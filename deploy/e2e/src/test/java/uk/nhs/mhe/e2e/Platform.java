package uk.nhs.mhe.e2e;

import uk.nhs.mhe.infra.KafkaBroker;
import uk.nhs.mhe.infra.KeycloakServer;
import uk.nhs.mhe.infra.PostgresServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform for the end-to-end suite: real PostgreSQL, a real Kafka broker, real
 * Keycloak with the project's realm file, and the three services as packaged (their
 * {@code quarkus-run.jar}), each in its own process on a free port.
 */
final class Platform implements AutoCloseable {

    final Path root = Path.of(System.getProperty("mhe.root", "../..")).toAbsolutePath().normalize();
    final PostgresServer postgres;
    final KafkaBroker kafka;
    final KeycloakServer keycloak;
    final String ingestUrl;
    final String indicatorUrl;
    final String libraryUrl;
    private final List<Process> services = new ArrayList<>();

    Platform() throws Exception {
        PostgresServer pg = null;
        KafkaBroker broker = null;
        KeycloakServer kc = null;
        try {
            pg = PostgresServer.startEphemeral();
            for (String db : List.of("mhe_ingest", "mhe_indicator", "mhe_library")) {
                pg.ensureDatabase(db);
            }
            broker = KafkaBroker.start();
            kc = KeycloakServer.start(KeycloakServer.defaultDistribution(root),
                    root.resolve("deploy/keycloak/mhe-realm.json"), 0, Duration.ofMinutes(4));
        } catch (Exception | Error e) {
            // Leave nothing running when the platform cannot be brought up.
            for (AutoCloseable started : new AutoCloseable[] {kc, broker, pg}) {
                if (started != null) {
                    started.close();
                }
            }
            throw e;
        }
        postgres = pg;
        kafka = broker;
        keycloak = kc;
        try {
            ingestUrl = startService("data-ingest-service", "INGEST_DB_URL", "mhe_ingest");
            indicatorUrl = startService("indicator-service", "INDICATOR_DB_URL", "mhe_indicator");
            libraryUrl = startService("practice-library-service", "LIBRARY_DB_URL", "mhe_library");
            for (String url : List.of(ingestUrl, indicatorUrl, libraryUrl)) {
                awaitReady(url);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Starts one more indicator-service on a free port, with the same database, Kafka broker and
     * consumer group as the first (scaling out, as in production); answers once it is ready.
     * Stopped with the platform; logs in {@code indicator-service-<n>.log}.
     */
    String startIndicatorInstance() throws IOException, InterruptedException {
        String url = startService("indicator-service", "INDICATOR_DB_URL", "mhe_indicator",
                "indicator-service-" + (services.size() + 1));
        awaitReady(url);
        return url;
    }

    private String startService(String name, String dbVariable, String database) throws IOException {
        return startService(name, dbVariable, database, name);
    }

    private String startService(String name, String dbVariable, String database, String logName) throws IOException {
        Path jar = root.resolve(name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        int port = freePort();
        Path logs = Files.createDirectories(root.resolve("deploy/e2e/target/e2e-logs"));
        // The JVM running this suite, not whatever "java" is first on the PATH.
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put(dbVariable, postgres.jdbcUrl(database));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("KEYCLOAK_URL", keycloak.url());
        // Production configuration has no default rounding key for the public view; every
        // instance of one deployment shares one key (two would narrow each other's rounding).
        env.put("MHE_ROUNDING_SECRET", ROUNDING_SECRET);
        // Nor any other secret: the session key and the database password come from outside.
        env.put("MHE_WEB_SECRET", "e2e-suite-session-key-0123456789abcdef0123");
        env.put(dbVariable.replace("_URL", "_PASSWORD"), "postgres");
        // The suite's submissions are small: with the service's change budget every period's cells
        // would be built again at each change, and the difference path (and its locking between
        // instances) would go untested here.
        env.put("CELLS_MIN_CHANGE_BUDGET", "20000");
        env.put("CELLS_CHANGE_FIXED_COST", "0");
        services.add(pb.start());
        return "http://localhost:" + port;
    }

    /** The suite's rounding key, as a deployment's secret store would hold it. */
    static final String ROUNDING_SECRET = "e2e-suite-rounding-key-0123456789abcdef";

    private void awaitReady(String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(url + " not ready; see deploy/e2e/target/e2e-logs");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : services) {
            p.destroy();
        }
        for (Process p : services) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        keycloak.close();
        kafka.close();
        postgres.close();
    }
}
