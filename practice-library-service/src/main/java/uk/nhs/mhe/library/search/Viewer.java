package uk.nhs.mhe.library.search;

import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.Access;

/**
 * Whose search it is, for visibility: moderators see every state; contributors see published
 * practice and everything of their own organisation; everyone else published practice only.
 * {@code publishedOnly} narrows any viewer to published practice (feeds).
 */
public record Viewer(boolean moderator, String organisation, boolean publishedOnly) {

    public static Viewer of(Caller caller) {
        String org = caller.hasRole(Access.CONTRIBUTOR) ? caller.organisation().orElse(null) : null;
        return new Viewer(Access.isModerator(caller), org, false);
    }

    public Viewer onlyPublished() {
        return new Viewer(moderator, organisation, true);
    }
}
