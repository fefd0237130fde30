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
    void refusesMacroEnabledAndActiveXPackagesByTheirContentTypes() {
        // No vbaProject.bin entry: refused on [Content_Types].xml alone.
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml",
                "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
                "word/document.xml", "x"))));
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml",
                "<Types><Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>",
                "xl/workbook.xml", "x"))));
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml",
                "<Types><Override PartName=\"/word/activeX/activeX1.xml\" ContentType=\"application/vnd.ms-office.activeX+xml\"/></Types>",
                "word/document.xml", "x"))));
        assertEquals(Optional.empty(), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml", "<Types/>",
                "ppt/presentation.xml", "x", "ppt/activeX/activeX1.bin", "x"))));
        // An ordinary package still passes.
        assertEquals(Optional.of(FileSignature.Kind.DOCX), FileSignature.sniff(AttachmentFixtures.zip(Map.of("[Content_Types].xml",
                "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "word/document.xml", "x"))));
    }

    @Test
    void readsTheZipFromAFileThroughItsCentralDirectory() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("sniff-test-", ".docx");
        try {
            java.nio.file.Files.write(f, AttachmentFixtures.docx());
            assertEquals(Optional.of(FileSignature.Kind.DOCX), FileSignature.sniff(f));
            // A local header without a central directory (a truncated upload) is refused.
            byte[] docx = AttachmentFixtures.docx();
            java.nio.file.Files.write(f, java.util.Arrays.copyOf(docx, docx.length - 30));
            assertEquals(Optional.empty(), FileSignature.sniff(f));
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    @Test
    void makesSafeFileNames() {
        assertEquals("passwd_ evil_.pdf", FileSignature.safeName("../../etc/passwd\" evil=", FileSignature.Kind.PDF));
        assertEquals("attachment.docx", FileSignature.safeName("...", FileSignature.Kind.DOCX));
        assertEquals("Report 2024.pdf", FileSignature.safeName("C:\\Users\\me\\Report 2024.pdf", FileSignature.Kind.PDF));
    }
}
