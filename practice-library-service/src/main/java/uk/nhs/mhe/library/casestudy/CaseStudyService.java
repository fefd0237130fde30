package uk.nhs.mhe.library.casestudy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writing, moderating and reading case studies: the rules of {@link Access} and {@link Workflow}
 * applied in one database transaction per call, each change recorded as a revision.
 */
@ApplicationScoped
public class CaseStudyService {

    /** Published practice is due for review two years after publishing (NICE shared learning). */
    public static final int REVIEW_AFTER_YEARS = 2;

    private final CaseStudyRepository repository;

    public CaseStudyService(CaseStudyRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public CaseStudy create(Caller caller, CaseStudyInput input) {
        requireLibraryRole(caller);
        if (!caller.hasRole(Access.CONTRIBUTOR)) {
            throw ProblemException.forbidden("Only contributors write case studies.");
        }
        String organisation = caller.organisation().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no organisation claim; case studies belong to an organisation."));
        CaseStudyInput clean = validated(input);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        repository.insert(id, organisation, clean, RichText.text(clean.body()), caller.name(), now);
        repository.insertRevision(id, 1, "create", Status.DRAFT, caller.name(), now, null, clean);
        return repository.find(id, false).orElseThrow();
    }

    /**
     * Edits a case study. {@code expectedVersions} are the versions the edit was based on
     * ({@code If-Match}, else the body's {@code version}); empty means no check (last write
     * wins). Compared after the row lock, so of two edits based on the same version one wins
     * and the other gets 409 {@code version-conflict}.
     */
    @Transactional
    public CaseStudy update(Caller caller, UUID id, CaseStudyInput input, java.util.Set<Integer> expectedVersions) {
        CaseStudy current = visible(caller, id, true);
        if (!Access.isOwner(caller, current.organisation())) {
            throw ProblemException.forbidden("Only contributors of " + current.organisation() + " edit this case study.");
        }
        if (!Workflow.EDITABLE.contains(current.status())) {
            throw conflict("not-editable", "A " + current.status() + " case study cannot be edited"
                    + (current.status() == Status.PUBLISHED ? ": published versions are immutable." : "."), current);
        }
        if (!expectedVersions.isEmpty() && !expectedVersions.contains(current.version())) {
            throw new ProblemException(Problem.of("version-conflict", "Conflict", 409,
                    "The case study was changed since version " + expectedVersions.iterator().next()
                            + "; it is now at version " + current.version() + ". Read it again and reapply your edit.")
                    .with("currentVersion", current.version()), java.util.Map.of("ETag", "\"" + current.version() + "\""));
        }
        CaseStudyInput clean = validated(input);
        Instant now = Instant.now();
        int version = current.version() + 1;
        repository.updateContent(id, clean, RichText.text(clean.body()), version, now);
        repository.insertRevision(id, version, "edit", current.status(), caller.name(), now, null, clean);
        return repository.find(id, false).orElseThrow();
    }

    @Transactional
    public CaseStudy act(Caller caller, UUID id, String actionName, String comment) {
        Workflow.Action action = Workflow.Action.of(actionName).orElseThrow(() ->
                ProblemException.notFound("not-found", "No action '" + actionName + "'; actions are submit, return, publish, archive, retract."));
        CaseStudy current = visible(caller, id, true);
        if (!Access.canAct(caller, current.organisation(), action)) {
            throw ProblemException.forbidden(action.moderatorOnly ? "Only moderators " + action.slug() + " case studies."
                    : "Only contributors of " + current.organisation() + " submit this case study.");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (action.commentRequired && text == null) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid request", 400,
                    "A comment is required to " + action.slug() + " a case study.")
                    .withErrors(List.of(FieldError.envelope("comment", "required", "A comment is required."))));
        }
        if (text != null && CaseStudyValidator.hasControl(text)) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid request", 400,
                    "The comment contains control characters.")
                    .withErrors(List.of(FieldError.envelope("comment", "invalid-characters",
                            "Control characters other than tab, carriage return and line feed are not allowed."))));
        }
        if (text != null && text.length() > 5000) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid request", 400, "The comment is too long.")
                    .withErrors(List.of(FieldError.envelope("comment", "too-long", "At most 5000 characters."))));
        }
        if (!Workflow.allowed(action, current.status())) {
            throw conflict("invalid-transition", "A " + current.status() + " case study cannot be " + pastTense(action)
                    + "; it must be " + action.from + ".", current);
        }
        Instant now = Instant.now();
        int version = current.version() + 1;
        Instant publishedAt = action == Workflow.Action.PUBLISH ? now : null;
        LocalDate reviewDue = publishedAt == null ? null
                : publishedAt.atZone(ZoneOffset.UTC).toLocalDate().plusYears(REVIEW_AFTER_YEARS);
        String moderatorComment = action == Workflow.Action.SUBMIT ? null : text;
        repository.updateStatus(id, action.to, version, now, action == Workflow.Action.SUBMIT
                        ? null : moderatorComment, publishedAt, reviewDue,
                action == Workflow.Action.RETRACT ? text : null, action == Workflow.Action.RETRACT ? now : null);
        repository.insertRevision(id, version, action.slug(), action.to, caller.name(), now, text, current.content());
        return repository.find(id, false).orElseThrow();
    }

    /** Reads a case study, counting the view once per reader per day when it is published. */
    @Transactional
    public CaseStudy read(Caller caller, UUID id) {
        CaseStudy cs = visible(caller, id, false);
        if (cs.status() == Status.PUBLISHED && repository.recordView(id, caller.name(),
                LocalDate.now(ZoneOffset.UTC))) {
            cs = repository.find(id, false).orElseThrow();
        }
        if (cs.status() == Status.RETRACTED && !Access.canSeeEverything(caller, cs.organisation())) {
            return cs.tombstone();
        }
        return cs;
    }

    /** The case study for an attachment upload: its organisation's contributors, while editable. */
    @Transactional
    public CaseStudy editable(Caller caller, UUID id) {
        return editable(caller, id, true);
    }

    /** As {@link #editable(Caller, UUID)}; {@code lock}: hold the row lock until the transaction ends. */
    @Transactional
    public CaseStudy editable(Caller caller, UUID id, boolean lock) {
        CaseStudy current = visible(caller, id, lock);
        if (!Access.isOwner(caller, current.organisation())) {
            throw ProblemException.forbidden("Only contributors of " + current.organisation() + " add attachments.");
        }
        if (!Workflow.EDITABLE.contains(current.status())) {
            throw conflict("not-editable", "Attachments are added to DRAFT or RETURNED case studies only.", current);
        }
        return current;
    }

    /** The case study whose attachments the caller may download (not a tombstone). */
    @Transactional
    public CaseStudy readable(Caller caller, UUID id) {
        CaseStudy cs = visible(caller, id, false);
        if (cs.status() == Status.RETRACTED && !Access.canSeeEverything(caller, cs.organisation())) {
            throw ProblemException.notFound("attachment-not-found", "This case study was retracted.");
        }
        return cs;
    }

    @Transactional
    public List<Map<String, Object>> revisions(Caller caller, UUID id) {
        CaseStudy cs = history(caller, id);
        List<Map<String, Object>> out = new ArrayList<>();
        for (CaseStudyRepository.Revision r : repository.revisions(cs.id(), null, null)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", r.n());
            m.put("action", r.action());
            m.put("status", r.status());
            m.put("author", r.author());
            m.put("createdAt", r.createdAt());
            m.put("comment", r.comment());
            out.add(m);
        }
        return out;
    }

    @Transactional
    public Map<String, Object> revision(Caller caller, UUID id, int n) {
        CaseStudy cs = history(caller, id);
        List<CaseStudyRepository.Revision> pair = repository.revisions(cs.id(), n - 1, n);
        CaseStudyRepository.Revision rev = pair.isEmpty() ? null : pair.get(pair.size() - 1);
        if (rev == null || rev.n() != n) {
            throw ProblemException.notFound("revision-not-found", "Case study " + id + " has no revision " + n + ".");
        }
        CaseStudyRepository.Revision previous = pair.size() == 2 ? pair.get(0) : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", rev.n());
        m.put("action", rev.action());
        m.put("status", rev.status());
        m.put("author", rev.author());
        m.put("createdAt", rev.createdAt());
        m.put("comment", rev.comment());
        m.put("content", rev.content());
        m.put("previous", previous == null ? null : previous.n());
        List<Diff.Change> changes = new ArrayList<>();
        if (previous != null && previous.status() != rev.status()) {
            changes.add(new Diff.Change("status", Diff.tree(previous.status()), Diff.tree(rev.status()), null, null));
        }
        changes.addAll(Diff.between(previous == null ? null : previous.content(), rev.content()));
        m.put("diff", changes);
        return m;
    }

    private CaseStudy history(Caller caller, UUID id) {
        CaseStudy cs = visible(caller, id, false);
        if (!Access.canSeeEverything(caller, cs.organisation())) {
            throw ProblemException.forbidden("The revision history is for the case study's organisation and moderators.");
        }
        return cs;
    }

    /** The case study if the caller may see it; otherwise, as if it did not exist, 404. */
    CaseStudy visible(Caller caller, UUID id, boolean forUpdate) {
        requireLibraryRole(caller);
        CaseStudy cs = repository.find(id, forUpdate).orElse(null);
        if (cs == null || !Access.canSee(caller, cs.organisation(), cs.status())) {
            throw ProblemException.notFound("case-study-not-found", "No case study " + id + ".");
        }
        return cs;
    }

    public static void requireLibraryRole(Caller caller) {
        if (!Access.hasLibraryRole(caller)) {
            throw ProblemException.forbidden("The library needs the reader, contributor or moderator role.");
        }
    }

    private static CaseStudyInput validated(CaseStudyInput input) {
        List<FieldError> errors = CaseStudyValidator.validate(input);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("validation-failed", "Invalid case study", 400,
                    errors.size() + " problem(s) with the case study.").withErrors(errors));
        }
        List<String> groups = input.populationGroups().stream().distinct().toList();
        List<String> tags = input.tags().stream().map(String::trim).distinct().toList();
        List<String> indicators = input.relatedIndicators().stream().distinct().toList();
        return new CaseStudyInput(RichText.plain(input.title()), RichText.plain(input.summary()), RichText.sanitise(input.body()),
                input.region(), groups, input.serviceArea(), input.interventionType(), input.stage(),
                input.evidenceLevel(), blankToNull(input.evaluation()), input.outcomes(), indicators,
                blankToNull(input.sponsorship()), input.contact(), tags, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static ProblemException conflict(String slug, String detail, CaseStudy cs) {
        return new ProblemException(Problem.of(slug, "Conflict", 409, detail).with("status", cs.status()));
    }

    private static String pastTense(Workflow.Action a) {
        return switch (a) {
            case SUBMIT -> "submitted";
            case RETURN -> "returned";
            case PUBLISH -> "published";
            case ARCHIVE -> "archived";
            case RETRACT -> "retracted";
        };
    }

}
