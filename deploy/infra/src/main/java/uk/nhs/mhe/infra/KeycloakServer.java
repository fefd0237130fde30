package uk.nhs.mhe.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak server from its Maven Central distribution (unpacked by this module's build
 * into {@code deploy/infra/target/keycloak}), started as a child process in development mode
 * with an in-memory database, so the realm file is imported afresh on every start.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "mhe";

    private final Process process;
    private final int port;
    private final Path home;

    private KeycloakServer(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    /**
     * Starts Keycloak on {@code port} (0 = a free port) with the given realm file and waits until
     * the realm's discovery document answers. The hostname is fixed to {@code localhost} so the
     * token issuer does not depend on how a client reaches the server.
     */
    public static KeycloakServer start(Path distribution, Path realmFile, int port, Duration timeout) {
        try {
            int actualPort = port == 0 ? freePort() : port;
            Path home = Files.createTempDirectory("mhe-keycloak-");
            copyTree(distribution, home);
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve("mhe-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            Path log = home.resolve("keycloak.log");
            ProcessBuilder pb = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-port=" + actualPort, "--hostname=http://localhost:" + actualPort,
                    "--db=dev-mem", "--import-realm", "--http-management-port=" + freePort()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            KeycloakServer server = new KeycloakServer(pb.start(), actualPort, home);
            server.awaitReady(timeout, log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /** The Keycloak distribution unpacked by the build, found from the repository root. */
    public static Path defaultDistribution(Path repositoryRoot) {
        Path parent = repositoryRoot.resolve("deploy/infra/target/keycloak");
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Keycloak distribution under " + parent
                            + "; build deploy/infra first"));
        } catch (IOException e) {
            throw new UncheckedIOException("No Keycloak distribution under " + parent + "; build deploy/infra first", e);
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    private void awaitReady(Duration timeout, Path log) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak not ready after " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(home); // a copy of the distribution (~175 MB) per start
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
