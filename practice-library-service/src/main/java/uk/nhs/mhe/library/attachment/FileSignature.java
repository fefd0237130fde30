package uk.nhs.mhe.library.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Recognises an attachment by its content, never by its name or declared type: PDF by the
 * {@code %PDF-} signature; DOCX, PPTX and XLSX as ZIP packages holding {@code [Content_Types].xml}
 * and the main part of their kind. Macro-enabled packages ({@code vbaProject.bin}) and anything
 * else are refused. Pure.
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

    private FileSignature() {
    }

    public static Optional<Kind> sniff(byte[] content) {
        if (startsWith(content, PDF)) {
            return Optional.of(Kind.PDF);
        }
        if (!startsWith(content, ZIP)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                names.add(e.getName());
                if (names.size() > MAX_ENTRIES) {
                    return Optional.empty();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!names.contains("[Content_Types].xml")
                || names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"))) {
            return Optional.empty();
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
