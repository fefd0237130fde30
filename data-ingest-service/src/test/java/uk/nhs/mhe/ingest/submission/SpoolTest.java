package uk.nhs.mhe.ingest.submission;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spool's limits, each refusal a 429 problem with Retry-After; and the gzip ratio limit. */
class SpoolTest {

    @TempDir
    Path dir;

    private Spool spool(int uploads, long perCaller, long total) {
        return new Spool(dir.toString(), uploads, new MemorySize(BigInteger.valueOf(perCaller)),
                new MemorySize(BigInteger.valueOf(total)), new SimpleMeterRegistry());
    }

    private static Caller caller(String name) {
        return new Caller(name, Set.of("submitter"), Optional.of("RV5"), Optional.empty());
    }

    @Test
    void aCallerWithTooManyUploadsInFlightIsAskedToWaitOthersAreNot() {
        Spool spool = spool(2, 1000, 10_000);
        Spool.Upload one = spool.begin(caller("a"));
        spool.begin(caller("a"));
        ProblemException refused = assertThrows(ProblemException.class, () -> spool.begin(caller("a")));
        assertEquals(429, refused.problem().status());
        assertEquals("urn:uk:nhs:mhe:problem:too-many-uploads", refused.problem().type());
        assertEquals("30", refused.headers().get("Retry-After"));
        spool.begin(caller("b")); // another caller is not held back
        one.close();
        one.close(); // closing twice frees one slot only
        spool.begin(caller("a"));
        assertThrows(ProblemException.class, () -> spool.begin(caller("a")));
    }

    @Test
    void spoolQuotasRefuseWithRetryAfterAndLeaveNothingBehind() throws Exception {
        Spool spool = spool(10, 1000, 1500);
        Path kept;
        try (Spool.Upload u = spool.begin(caller("a"))) {
            kept = u.write(new ByteArrayInputStream(new byte[800]), UUID.randomUUID());
        }
        assertEquals(800, Files.size(kept));
        try (Spool.Upload u = spool.begin(caller("a"))) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> u.write(new ByteArrayInputStream(new byte[300]), UUID.randomUUID()));
            assertEquals(429, refused.problem().status());
            assertEquals("urn:uk:nhs:mhe:problem:spool-full", refused.problem().type());
            assertTrue(refused.problem().detail().contains("This client"), refused.problem().detail());
        }
        try (Spool.Upload u = spool.begin(caller("b"))) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> u.write(new ByteArrayInputStream(new byte[800]), UUID.randomUUID()));
            assertTrue(refused.problem().detail().contains("The service's space"), refused.problem().detail());
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "refused bodies are deleted");
        }
        assertEquals(800, spool.bytesHeld());
        spool.release(kept);
        assertFalse(Files.exists(kept));
        assertEquals(0, spool.bytesHeld());
        try (Spool.Upload u = spool.begin(caller("a"))) {
            u.write(new ByteArrayInputStream(new byte[900]), UUID.randomUUID()); // room again
        }
    }

    @Test
    void bodiesLeftByAPreviousProcessCountAgainstTheTotal() throws Exception {
        Files.write(dir.resolve(UUID.randomUUID() + ".body"), new byte[700]);
        Spool spool = spool(10, 1000, 1000);
        assertEquals(700, spool.bytesHeld());
        try (Spool.Upload u = spool.begin(caller("a"))) {
            assertThrows(ProblemException.class, () -> u.write(new ByteArrayInputStream(new byte[400]), UUID.randomUUID()));
        }
    }

    @Test
    void aGzipBodyThatExpandsTooMuchIsRefusedBeforeItIsAllRead() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(new byte[64 * 1024 * 1024]); // 64 MiB of zeros: about 64 KiB compressed
        }
        var in = BodyStreams.gunzip(new ByteArrayInputStream(zipped.toByteArray()), 100);
        ProblemException refused = assertThrows(ProblemException.class, () -> in.transferTo(java.io.OutputStream.nullOutputStream()));
        assertEquals(413, refused.problem().status());
        assertEquals("urn:uk:nhs:mhe:problem:decompression-ratio-exceeded", refused.problem().type());

        // Ordinary text expands far less than 100 times: read whole.
        StringBuilder csv = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 200_000; i++) {
            csv.append("P").append(random.nextInt(1_000_000)).append(",A,1,").append(random.nextInt(90)).append(",QMJ,3,Y,0,0,0\n");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(text)) {
            gz.write(csv.toString().getBytes());
        }
        long read = BodyStreams.gunzip(new ByteArrayInputStream(text.toByteArray()), 100)
                .transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(csv.length(), read);
    }
}
