package uk.nhs.mhe.library.attachment;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.library.casestudy.AttachmentFixtures;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileSignatureTest {

    @Test
    void recognisesEachAllowedTypeByContent() {
        assertEquals(Optional.of(FileSignature.Kind.PDF), FileSignature.sniff(AttachmentFixtures.pdf()));
        assertEquals(Optional.of(FileSignature.Kind.DOCX), FileSignature.sniff(AttachmentFixtures.docx()));
        assertEquals(Optional.of(FileSignature.Kind.PPTX), FileSignature.sniff(AttachmentFixtures.pptx()));
        assertEquals(Optional.of(FileSignature.Kind.XLSX), FileSignature.sniff(AttachmentFixtures.xlsx()));
    }

    @Test
    void refusesEverythingElse() {
        assertEquals(Optional.empty(), FileSignature.sniff("<html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), FileSignature.sniff(new byte[] {'P', 'K'}));
        assertEquals(Optional.empty(), FileSignature.sniff(new byte[] {'P', 'K', 3, 4, 0, 0}));
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("word/document.xml", "x"))));
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml", "x",
                "xl/workbook.xml", "x", "xl/vbaProject.bin", "x"))));
        assertEquals(Optional.empty(), FileSignature.sniff(" %PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void makesSafeFileNames() {
        assertEquals("passwd_ evil_.pdf", FileSignature.safeName("../../etc/passwd\" evil=", FileSignature.Kind.PDF));
        assertEquals("attachment.docx", FileSignature.safeName("...", FileSignature.Kind.DOCX));
        assertEquals("Report 2024.pdf", FileSignature.safeName("C:\\Users\\me\\Report 2024.pdf", FileSignature.Kind.PDF));
    }
}
