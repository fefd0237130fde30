package uk.nhs.mhe.ingest.submission;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where request bodies wait on local disk before validation, so that a slow upload holds a
 * thread and a file, never a database connection or a transaction. It also keeps the limits that
 * stop one caller (or a month-end rush) from exhausting the service:
 * <ul>
 *   <li>at most {@code mhe.ingest.max-concurrent-uploads-per-caller} bodies in flight per caller;</li>
 *   <li>at most {@code mhe.ingest.max-spool-bytes-per-caller} waiting on disk per caller, and
 *       {@code mhe.ingest.max-spool-bytes} in all (async bodies stay until a worker took them).</li>
 * </ul>
 * Each refusal is a 429 problem with {@code Retry-After}: the caller did nothing wrong and may
 * try again shortly. The limits hold per instance; the spool directory is per instance too.
 */
@ApplicationScoped
public class Spool {

    /** Seconds a refused caller is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final Path dir;
    private final int maxUploadsPerCaller;
    private final long maxBytesPerCaller;
    private final long maxBytes;
    private final Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytesByCaller = new ConcurrentHashMap<>();
    private final Map<Path, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    private record Held(String caller, long bytes) {
    }

    public Spool(@ConfigProperty(name = "mhe.ingest.spool-dir") String dir,
            @ConfigProperty(name = "mhe.ingest.max-concurrent-uploads-per-caller") int maxUploadsPerCaller,
            @ConfigProperty(name = "mhe.ingest.max-spool-bytes-per-caller") MemorySize maxBytesPerCaller,
            @ConfigProperty(name = "mhe.ingest.max-spool-bytes") MemorySize maxBytes, MeterRegistry registry) {
        this.dir = Path.of(dir);
        this.maxUploadsPerCaller = maxUploadsPerCaller;
        this.maxBytesPerCaller = maxBytesPerCaller.asLongValue();
        this.maxBytes = maxBytes.asLongValue();
        // Bodies a previous process left for its async workers count against the total.
        bytes.set(sizeOfExisting(this.dir));
        Gauge.builder("mhe.ingest.spool.bytes", bytes, AtomicLong::get)
                .description("Bytes of request bodies waiting on local disk").register(registry);
        Gauge.builder("mhe.ingest.uploads.in.flight", uploads, u -> u.values().stream().mapToInt(AtomicInteger::get).sum())
                .description("Request bodies being received").register(registry);
    }

    /** One caller's body in flight: holds a slot until closed. */
    public final class Upload implements AutoCloseable {
        private final String caller;
        private boolean closed;

        private Upload(String caller) {
            this.caller = caller;
        }

        /**
         * Writes the (decoded, size-limited) body to a spool file, counting it against the quotas
         * as it goes; the file is removed again if anything fails.
         */
        public Path write(InputStream decoded, UUID id) {
            Path file = dir.resolve(id + ".body");
            AtomicLong mine = bytesByCaller.computeIfAbsent(caller, c -> new AtomicLong());
            long written = 0;
            try {
                Files.createDirectories(dir);
                try (OutputStream out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = decoded.read(buffer)) > 0; ) {
                        written += n;
                        long callerTotal = mine.addAndGet(n);
                        long total = bytes.addAndGet(n);
                        if (callerTotal > maxBytesPerCaller || total > maxBytes) {
                            throw spoolFull(callerTotal > maxBytesPerCaller);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                held.put(file, new Held(caller, written));
                return file;
            } catch (IOException | RuntimeException e) {
                mine.addAndGet(-written);
                bytes.addAndGet(-written);
                deleteQuietly(file);
                if (e instanceof IOException io) {
                    throw new UncheckedIOException(io);
                }
                throw (RuntimeException) e;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                uploads.get(caller).decrementAndGet();
            }
        }
    }

    /** A slot for one more body from {@code caller}, or 429 when it has too many in flight. */
    public Upload begin(Caller caller) {
        String name = caller.name() == null ? "" : caller.name();
        AtomicInteger count = uploads.computeIfAbsent(name, c -> new AtomicInteger());
        if (count.incrementAndGet() > maxUploadsPerCaller) {
            count.decrementAndGet();
            throw tooMany("too-many-uploads", "Too many uploads at once", "This client already has "
                    + maxUploadsPerCaller + " submissions in flight; wait for one to finish before sending another");
        }
        return new Upload(name);
    }

    /** Deletes a spool file and frees its bytes (a file a previous process left is freed by its size). */
    public void release(Path file) {
        Held h = held.remove(file);
        long size = h != null ? h.bytes : sizeOf(file);
        if (h != null) {
            bytesByCaller.getOrDefault(h.caller, new AtomicLong()).addAndGet(-h.bytes);
        }
        bytes.addAndGet(-size);
        deleteQuietly(file);
    }

    long bytesHeld() {
        return bytes.get();
    }

    private ProblemException spoolFull(boolean thisCaller) {
        return tooMany("spool-full", "Too much waiting to be validated", thisCaller
                ? "This client's submissions waiting to be validated exceed " + maxBytesPerCaller
                        + " bytes; wait for them to be processed before sending more"
                : "The service's space for submissions waiting to be validated is full; try again shortly");
    }

    static ProblemException tooMany(String type, String title, String detail) {
        return new ProblemException(Problem.of(type, title, 429, detail).with("retryAfterSeconds", RETRY_AFTER_SECONDS),
                Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    private static long sizeOfExisting(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(Spool::sizeOf).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("Could not delete %s: %s", file, e.getMessage());
        }
    }
}
