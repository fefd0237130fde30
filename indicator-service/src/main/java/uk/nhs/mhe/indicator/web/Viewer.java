package uk.nhs.mhe.indicator.web;

import io.quarkus.security.identity.SecurityIdentity;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.indicator.query.IndicatorDataResource;

import java.util.Optional;

/**
 * Who is looking at a page: anyone (public view), or a signed-in user whose {@code assurance}
 * role unlocks exact figures — the same rule as the API. The {@code region} claim only chooses
 * the area a page opens on (api.md).
 */
public record Viewer(boolean signedIn, String name, boolean exact, Optional<String> region) {

    public static final Viewer ANONYMOUS = new Viewer(false, null, false, Optional.empty());

    public static Viewer of(SecurityIdentity identity) {
        Caller caller = Caller.of(identity);
        if (caller.isAnonymous()) {
            return ANONYMOUS;
        }
        return new Viewer(true, caller.name(), caller.hasRole(IndicatorDataResource.ASSURANCE_ROLE), caller.region());
    }

    /** The area a page opens on when none is chosen: an assurance user's region, else England. */
    public String defaultArea() {
        return exact ? region.orElse(null) : null;
    }
}
