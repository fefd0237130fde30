package uk.nhs.mhe.ingest.submission;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;
import uk.nhs.mhe.ingest.Submissions;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider command-line client {@code cli/mhe-submit} (bash + curl) against the service under
 * test: real embedded PostgreSQL, the in-process Kafka broker and the OIDC test server.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class MheSubmitCliTest {

    @TestHTTPResource("/")
    URL base;

    private record Run(int exit, String output) {
    }

    private Run cli(Path file, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", Path.of("cli", "mhe-submit").toString()));
        command.addAll(List.of(args));
        command.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MHE_TOKEN", TestTokens.provider("RV5"));
        pb.environment().put("MHE_INGEST_URL", base.toString().replaceAll("/$", ""));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void pushesACsvFileAndFollowsItToAcceptance() throws Exception {
        Path csv = Files.createTempFile("month", ".csv");
        Files.writeString(csv, Submissions.mhsdsCsv(2500, "CLI", "\r\n"));
        Run run = cli(csv, "--dataset", "MHSDS", "--provider", "RV5", "--period", "2017-01");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*(ACCEPTED|PUBLISHED).*"), run.output());
        assertTrue(run.output().contains("\"records\":2500"), run.output());
    }

    @Test
    void printsTheErrorReportOfARejectedFile() throws Exception {
        Path csv = Files.createTempFile("month", ".csv");
        Files.writeString(csv, Submissions.mhsdsCsv(3, "CLX", "\n").replace("CLX2,A", "CLX2,Q"));
        Run run = cli(csv, "--dataset", "MHSDS", "--provider", "RV5", "--period", "2017-02");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("REJECTED"), run.output());
        assertTrue(run.output().contains("row,field,code,message"), run.output());
        assertTrue(run.output().contains("2,ethnicCategory,NOT_IN_CODE_LIST,"), run.output());
    }
}
