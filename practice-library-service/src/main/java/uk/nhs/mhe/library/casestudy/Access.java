package uk.nhs.mhe.library.casestudy;

import uk.nhs.mhe.common.security.Caller;

import java.util.Set;

/**
 * Who may do what with a case study. Contributors act for their token's organisation; moderators
 * (the national team) see everything; anyone else with a library role sees published practice
 * only. A case study the caller may not see does not exist for them (404, never 403).
 */
public final class Access {

    public static final String READER = "reader";
    public static final String CONTRIBUTOR = "contributor";
    public static final String MODERATOR = "moderator";
    public static final Set<String> LIBRARY_ROLES = Set.of(READER, CONTRIBUTOR, MODERATOR);

    private Access() {
    }

    public static boolean hasLibraryRole(Caller caller) {
        return caller.roles().stream().anyMatch(LIBRARY_ROLES::contains);
    }

    public static boolean isModerator(Caller caller) {
        return caller.hasRole(MODERATOR);
    }

    /** A contributor of the case study's own organisation. */
    public static boolean isOwner(Caller caller, String organisation) {
        return caller.hasRole(CONTRIBUTOR) && caller.organisation().map(organisation::equals).orElse(false);
    }

    public static boolean canSee(Caller caller, String organisation, Status status) {
        return isModerator(caller) || isOwner(caller, organisation) || Workflow.PUBLIC.contains(status);
    }

    /** Sees the full content (not a retraction tombstone) and the revision history. */
    public static boolean canSeeEverything(Caller caller, String organisation) {
        return isModerator(caller) || isOwner(caller, organisation);
    }

    public static boolean canAct(Caller caller, String organisation, Workflow.Action action) {
        return action.moderatorOnly ? isModerator(caller) : isOwner(caller, organisation);
    }
}
