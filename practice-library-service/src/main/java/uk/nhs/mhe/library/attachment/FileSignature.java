package uk.nhs.mhe.library.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Recognises an attachment by its content, never by its name or declared type: PDF by the
 * {@code %PDF-} signature; DOCX, PPTX and XLSX as ZIP packages holding {@code [Content_Types].xml}
 * and the main part of their kind. The package is read from a file through its central directory
 * ({@link ZipFile}): only {@code [Content_Types].xml} is inflated, and that within a cap.
 * Macro-enabled or ActiveX packages ({@code vbaProject.bin}, {@code activeX} parts, a
 * {@code macroEnabled}, {@code vbaProject} or {@code activeX} content type) and anything else are
 * refused. No framework imports.
 */
public final class FileSignature {

    public enum Kind {
        PDF("application/pdf", "pdf"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String mediaType;
        public final String extension;

        Kind(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final int MAX_ENTRIES = 5_000;
    /** [Content_Types].xml is a few KB; a larger one is not an Office document we accept. */
    private static final int MAX_CONTENT_TYPES = 1 << 20;
    private static final String CONTENT_TYPES = "[Content_Types].xml";

    private FileSignature() {
    }

    /** As {@link #sniff(Path)}, for content in memory (written to a temporary file). */
    public static Optional<Kind> sniff(byte[] content) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("sniff-", ".bin");
            Files.write(tmp, content);
            return sniff(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** The kind of the file's content, or empty if it is not one of the allowed kinds. */
    public static Optional<Kind> sniff(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PDF.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (startsWith(head, PDF)) {
            return Optional.of(Kind.PDF);
        }
        if (!startsWith(head, ZIP)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        String contentTypes;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                return Optional.empty();
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
            ZipEntry ct = zip.getEntry(CONTENT_TYPES);
            if (ct == null || ct.isDirectory() || ct.getSize() > MAX_CONTENT_TYPES) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(ct)) {
                byte[] xml = in.readNBytes(MAX_CONTENT_TYPES + 1);
                if (xml.length > MAX_CONTENT_TYPES) {
                    return Optional.empty();
                }
                contentTypes = new String(xml, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
        if (contentTypes.contains("macroenabled") || contentTypes.contains("vbaproject")
                || contentTypes.contains("activex") || contentTypes.contains("ms-office.vbaproject")) {
            return Optional.empty();
        }
        for (String n : names) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.endsWith("vbaproject.bin") || lower.endsWith("vbadata.xml") || lower.contains("activex/")) {
                return Optional.empty();
            }
        }
        if (names.contains("word/document.xml")) {
            return Optional.of(Kind.DOCX);
        }
        if (names.contains("ppt/presentation.xml")) {
            return Optional.of(Kind.PPTX);
        }
        if (names.contains("xl/workbook.xml")) {
            return Optional.of(Kind.XLSX);
        }
        return Optional.empty();
    }

    /** A file name safe for storage metadata and Content-Disposition: letters, digits, {@code .-_ }. */
    public static String safeName(String name, Kind kind) {
        String base = name == null ? "" : name.replaceAll(".*[/\\\\]", "");
        base = base.replaceAll("[^A-Za-z0-9._ -]", "_").replaceAll("^[._ ]+", "").trim();
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        if (base.isEmpty()) {
            base = "attachment";
        }
        if (!base.toLowerCase(Locale.ROOT).endsWith("." + kind.extension)) {
            base = base + "." + kind.extension;
        }
        return base;
    }

    /** The extension of a file name, lower case, or empty. */
    public static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
