package uk.nhs.mhe.library.attachment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.library.casestudy.AttachmentFixtures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.mhe.library.Library.PATH;
import static uk.nhs.mhe.library.Library.as;
import static uk.nhs.mhe.library.Library.caseStudy;
import static uk.nhs.mhe.library.Library.contributor;
import static uk.nhs.mhe.library.Library.create;

/**
 * Upload attacks: attachments are recognised by content, size-limited, stored by id outside any
 * served folder, and served as downloads. Real embedded PostgreSQL; OIDC test tokens.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class AttachmentTest {

    static final String ORG = "AT1";

    private static io.restassured.response.ValidatableResponse upload(String id, String filename, String contentType, byte[] body) {
        return as(contributor(ORG)).contentType(contentType).body(body).queryParam("filename", filename)
                .post(PATH + "/" + id + "/attachments").then();
    }

    @Test
    void acceptsPdfAndOfficeFilesRecognisedByTheirContent() {
        String id = create(contributor(ORG), caseStudy("Attachments"));
        upload(id, "evaluation.pdf", "application/octet-stream", AttachmentFixtures.pdf()).statusCode(201)
                .body("mediaType", equalTo("application/pdf"));
        upload(id, "report.docx", "application/octet-stream", AttachmentFixtures.docx()).statusCode(201)
                .body("mediaType", equalTo(FileSignature.Kind.DOCX.mediaType));
        upload(id, "slides.pptx", "application/octet-stream", AttachmentFixtures.pptx()).statusCode(201);
        upload(id, "figures.xlsx", "application/octet-stream", AttachmentFixtures.xlsx()).statusCode(201);
        as(contributor(ORG)).get(PATH + "/" + id).then().body("attachments.size()", equalTo(4));
    }

    @Test
    void refusesFilesWhoseContentIsNotAnAllowedType() throws Exception {
        String id = create(contributor(ORG), caseStudy("Bad uploads"));
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        byte[] exe = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        upload(id, "report.pdf", "application/pdf", html).statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unsupported-attachment-type"));
        upload(id, "report.pdf", "application/pdf", exe).statusCode(415);
        upload(id, "image.svg", "image/svg+xml", "<svg onload=alert(1)/>".getBytes(StandardCharsets.UTF_8)).statusCode(415);
        upload(id, "archive.docx", "application/zip", AttachmentFixtures.zip(Map.of("evil.sh", "rm -rf /"))).statusCode(415);
        upload(id, "macro.docx", "application/octet-stream", AttachmentFixtures.zip(Map.of("[Content_Types].xml", "<Types/>",
                "word/document.xml", "<w:document/>", "word/vbaProject.bin", "macro"))).statusCode(415);
        upload(id, "disguised.docx", "application/octet-stream", AttachmentFixtures.pdf()).statusCode(415)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:attachment-extension-mismatch"));
        upload(id, "empty.pdf", "application/pdf", new byte[0]).statusCode(400);
        upload(id, "macro.docx", "application/octet-stream", AttachmentFixtures.zip(Map.of("[Content_Types].xml",
                "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
                "word/document.xml", "<w:document/>"))).statusCode(415)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:unsupported-attachment-type"));
        as(contributor(ORG)).get(PATH + "/" + id).then().body("attachments.size()", equalTo(0));
        assertNoTemporaryFiles();
    }

    /** Uploads are spooled to library.attachments.dir/.incoming and deleted whatever the outcome. */
    private static void assertNoTemporaryFiles() throws Exception {
        Path incoming = Path.of("target/test-attachments", ".incoming");
        if (Files.exists(incoming)) {
            try (var files = Files.list(incoming)) {
                List<Path> left = files.toList();
                assertTrue(left.isEmpty(), "temporary files left: " + left);
            }
        }
    }

    @Test
    void refusesUploadsToACaseStudyThatIsNoLongerEditable() throws Exception {
        String id = create(contributor(ORG), caseStudy("Submitted before upload"));
        as(contributor(ORG)).post(PATH + "/" + id + "/submit").then().statusCode(200);
        upload(id, "late.pdf", "application/pdf", AttachmentFixtures.pdf()).statusCode(409)
                .body("type", equalTo("urn:uk:nhs:mhe:problem:not-editable"));
        upload(id, "late.pdf", "application/pdf", Arrays.copyOf(AttachmentFixtures.pdf(), 300_000)).statusCode(409);
        assertFalse(Files.exists(Path.of("target/test-attachments", id)), "nothing stored");
        assertNoTemporaryFiles();
    }

    @Test
    void refusesFilesOverTheSizeLimit() throws Exception {
        String id = create(contributor(ORG), caseStudy("Big upload"));
        byte[] big = Arrays.copyOf(AttachmentFixtures.pdf(), 200_001);
        upload(id, "big.pdf", "application/pdf", big).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:uk:nhs:mhe:problem:attachment-too-large"));
        upload(id, "fits.pdf", "application/pdf", Arrays.copyOf(AttachmentFixtures.pdf(), 200_000)).statusCode(201)
                .body("size", equalTo(200_000));
        assertNoTemporaryFiles();
    }

    @Test
    void storesByIdOutsideTheWebRootAndServesAsADownload() throws Exception {
        String id = create(contributor(ORG), caseStudy("Download"));
        String attachmentId = upload(id, "../../etc/passwd\"; evil=.pdf", "application/pdf", AttachmentFixtures.pdf())
                .statusCode(201).extract().path("id");
        Path stored = Path.of("target/test-attachments", id, attachmentId);
        assertTrue(Files.exists(stored), "stored by id under library.attachments.dir");
        byte[] body = as(contributor(ORG)).get(PATH + "/" + id + "/attachments/" + attachmentId).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment; filename=\""))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertArrayEquals(AttachmentFixtures.pdf(), body);
        String disposition = as(contributor(ORG)).get(PATH + "/" + id + "/attachments/" + attachmentId)
                .header("Content-Disposition");
        String name = disposition.substring(disposition.indexOf("filename=\"") + 10, disposition.indexOf("\";"));
        assertTrue(name.matches("[A-Za-z0-9._ -]+\\.pdf"), name);
        assertTrue(!name.contains("/") && !name.startsWith("."), name);
        as(contributor(ORG)).get("/" + stored).then().statusCode(404);
        assertEquals(404, as(contributor(ORG)).get("/test-attachments/" + id + "/" + attachmentId).statusCode());
    }
}
