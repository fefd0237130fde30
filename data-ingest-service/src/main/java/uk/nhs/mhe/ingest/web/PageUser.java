package uk.nhs.mhe.ingest.web;

import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.ingest.submission.SubmissionIntake;

/** The signed-in person as the page shows them; {@code null} stands for nobody signed in. */
public record PageUser(String name, String organisation, boolean admin, boolean submitter) {

    public static PageUser of(Caller caller) {
        if (caller.isAnonymous()) {
            return null;
        }
        boolean admin = caller.hasRole(SubmissionIntake.ADMIN_ROLE);
        return new PageUser(caller.name(), caller.organisation().orElse(null), admin,
                admin || caller.hasRole("submitter"));
    }
}
