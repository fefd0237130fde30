package uk.nhs.mhe.library.web;

import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.library.casestudy.Access;

/** The signed-in person as the page header shows them; {@code null} stands for nobody signed in. */
public record PageUser(String name, String organisation, boolean contributor, boolean moderator) {

    public static PageUser of(Caller caller) {
        if (caller.isAnonymous()) {
            return null;
        }
        return new PageUser(caller.name(), caller.organisation().orElse(null),
                caller.hasRole(Access.CONTRIBUTOR), Access.isModerator(caller));
    }
}
