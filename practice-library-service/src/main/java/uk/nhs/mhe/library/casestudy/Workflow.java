package uk.nhs.mhe.library.casestudy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The moderation workflow: DRAFT → SUBMITTED → RETURNED (with comment) → SUBMITTED → PUBLISHED →
 * ARCHIVED, or RETRACTED (with a reason) from PUBLISHED or ARCHIVED. Pure.
 */
public final class Workflow {

    private Workflow() {
    }

    public enum Action {
        SUBMIT(EnumSet.of(Status.DRAFT, Status.RETURNED), Status.SUBMITTED, false, false),
        RETURN(EnumSet.of(Status.SUBMITTED), Status.RETURNED, true, true),
        PUBLISH(EnumSet.of(Status.SUBMITTED), Status.PUBLISHED, false, true),
        ARCHIVE(EnumSet.of(Status.PUBLISHED), Status.ARCHIVED, false, true),
        RETRACT(EnumSet.of(Status.PUBLISHED, Status.ARCHIVED), Status.RETRACTED, true, true);

        public final Set<Status> from;
        public final Status to;
        public final boolean commentRequired;
        public final boolean moderatorOnly;

        Action(Set<Status> from, Status to, boolean commentRequired, boolean moderatorOnly) {
            this.from = from;
            this.to = to;
            this.commentRequired = commentRequired;
            this.moderatorOnly = moderatorOnly;
        }

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Action> of(String slug) {
            for (Action a : values()) {
                if (a.slug().equals(slug)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** States in which the organisation's contributors may change the content. */
    public static final Set<Status> EDITABLE = EnumSet.of(Status.DRAFT, Status.RETURNED);

    /** States anyone with a library role may read (RETRACTED as a tombstone). */
    public static final Set<Status> PUBLIC = EnumSet.of(Status.PUBLISHED, Status.ARCHIVED, Status.RETRACTED);

    public static boolean allowed(Action action, Status from) {
        return action.from.contains(from);
    }
}
