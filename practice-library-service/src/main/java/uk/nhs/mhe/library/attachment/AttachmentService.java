package uk.nhs.mhe.library.attachment;

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

    @Transactional
    public CaseStudy.Attachment upload(Caller caller, UUID caseStudyId, String filename, InputStream body) {
        CaseStudy cs = caseStudies.editable(caller, caseStudyId);
        byte[] content;
        try {
            content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "The upload could not be read.");
        }
        if (content.length > maxBytes) {
            throw new ProblemException(Problem.of("attachment-too-large", "Payload too large", 413,
                    "Attachments are limited to " + maxBytes + " bytes."));
        }
        if (content.length == 0) {
            throw ProblemException.badRequest("empty-attachment", "Empty attachment", "The upload is empty.");
        }
        FileSignature.Kind kind = FileSignature.sniff(content).orElseThrow(() -> new ProblemException(Problem.of(
                "unsupported-attachment-type", "Unsupported media type", 415,
                "Attachments must be PDF, DOCX, PPTX or XLSX files (recognised by their content; macro-enabled files are refused).")));
        String ext = FileSignature.extension(filename);
        if (!ext.isEmpty() && !ext.equals(kind.extension)) {
            throw new ProblemException(Problem.of("attachment-extension-mismatch", "Unsupported media type", 415,
                    "The file name says ." + ext + " but the content is " + kind.name() + "."));
        }
        UUID id = UUID.randomUUID();
        Path target = file(cs.id(), id);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "upload-", ".part");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store attachment", e);
        }
        CaseStudy.Attachment a = new CaseStudy.Attachment(id, FileSignature.safeName(filename, kind), kind.mediaType,
                content.length, Instant.now());
        repository.insertAttachment(a, cs.id(), sha256(content), caller.name());
        return a;
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

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
