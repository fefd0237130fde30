package uk.nhs.mhe.library.attachment;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.CaseStudy;
import uk.nhs.mhe.library.casestudy.CaseStudyRepository;
import uk.nhs.mhe.library.casestudy.CaseStudyService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Attachments: allow-listed by file signature ({@link FileSignature}), size-limited, stored under
 * {@code library.attachments.dir} (outside anything served statically) by id, never by the
 * uploader's file name.
 */
@ApplicationScoped
public class AttachmentService {

    private final CaseStudyService caseStudies;
    private final CaseStudyRepository repository;
    private final Path dir;
    private final long maxBytes;

    public AttachmentService(CaseStudyService caseStudies, CaseStudyRepository repository,
            @ConfigProperty(name = "library.attachments.dir") Path dir,
            @ConfigProperty(name = "library.attachments.max-bytes", defaultValue = "10485760") long maxBytes) {
        this.caseStudies = caseStudies;
        this.repository = repository;
        this.dir = dir.toAbsolutePath();
        this.maxBytes = maxBytes;
    }

    public record Stored(CaseStudy.Attachment attachment, Path file) {
    }

    /**
     * Stores an upload without holding a transaction, a row lock or a pooled connection while the
     * client's body is read or the file inspected: (1) a short read checks the caller may add
     * attachments; (2) the body is streamed to a temporary file under {@code dir}, counting bytes
     * against {@code max-bytes} and hashing as it goes; (3) the type is sniffed from the file;
     * (4) a short transaction re-checks (with the row lock) that the case study is still
     * editable, inserts the row and moves the file into place. The temporary file is deleted on
     * any failure.
     */
    public CaseStudy.Attachment upload(Caller caller, UUID caseStudyId, String filename, InputStream body) {
        caseStudies.editable(caller, caseStudyId, false);
        Path incoming = dir.resolve(".incoming");
        Path tmp;
        try {
            Files.createDirectories(incoming);
            tmp = Files.createTempFile(incoming, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary file for an attachment", e);
        }
        Path target = null;
        boolean stored = false;
        try {
            MessageDigest sha = sha256();
            long size = copy(body, tmp, sha);
            if (size == 0) {
                throw ProblemException.badRequest("empty-attachment", "Empty attachment", "The upload is empty.");
            }
            FileSignature.Kind kind = FileSignature.sniff(tmp).orElseThrow(() -> new ProblemException(Problem.of(
                    "unsupported-attachment-type", "Unsupported media type", 415,
                    "Attachments must be PDF, DOCX, PPTX or XLSX files (recognised by their content; macro-enabled files are refused).")));
            String ext = FileSignature.extension(filename);
            if (!ext.isEmpty() && !ext.equals(kind.extension)) {
                throw new ProblemException(Problem.of("attachment-extension-mismatch", "Unsupported media type", 415,
                        "The file name says ." + ext + " but the content is " + kind.name() + "."));
            }
            UUID id = UUID.randomUUID();
            target = file(caseStudyId, id);
            CaseStudy.Attachment a = new CaseStudy.Attachment(id, FileSignature.safeName(filename, kind), kind.mediaType,
                    size, Instant.now());
            String digest = HexFormat.of().formatHex(sha.digest());
            Path into = target;
            QuarkusTransaction.requiringNew().run(() -> {
                CaseStudy cs = caseStudies.editable(caller, caseStudyId, true);
                repository.insertAttachment(a, cs.id(), digest, caller.name());
                try {
                    Files.createDirectories(into.getParent());
                    Files.move(tmp, into, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not store attachment", e);
                }
            });
            stored = true;
            return a;
        } finally {
            deleteQuietly(tmp);
            if (!stored && target != null) {
                deleteQuietly(target);
            }
        }
    }

    /** Copies the body to {@code file}, at most {@code maxBytes}; 413 beyond. */
    private long copy(InputStream body, Path file, MessageDigest sha) {
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buf)) != -1) {
                size += n;
                if (size > maxBytes) {
                    throw new ProblemException(Problem.of("attachment-too-large", "Payload too large", 413,
                            "Attachments are limited to " + maxBytes + " bytes."));
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "The upload could not be read.");
        }
        return size;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            Log.warnf("Could not delete %s: %s", p, e.getMessage());
        }
    }

    @Transactional
    public Stored download(Caller caller, UUID caseStudyId, UUID attachmentId) {
        CaseStudy cs = caseStudies.readable(caller, caseStudyId);
        CaseStudy.Attachment a = cs.attachments().stream().filter(x -> x.id().equals(attachmentId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("attachment-not-found", "No attachment " + attachmentId + "."));
        return new Stored(a, file(cs.id(), a.id()));
    }

    private Path file(UUID caseStudyId, UUID attachmentId) {
        return dir.resolve(caseStudyId.toString()).resolve(attachmentId.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
