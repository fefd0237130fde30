package uk.nhs.mhe.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the platform's tokens say it: realm roles, the {@code organisation} claim
 * (ODS code of a provider) and the {@code region} claim (NHS England region of an assurance user).
 */
public record Caller(String name, Set<String> roles, Optional<String> organisation, Optional<String> region) {

    public static final String ORGANISATION_CLAIM = "organisation";
    public static final String REGION_CLAIM = "region";

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller(null, Set.of(), Optional.empty(), Optional.empty());
        }
        Optional<String> organisation = Optional.empty();
        Optional<String> region = Optional.empty();
        String name = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            organisation = claim(jwt, ORGANISATION_CLAIM);
            region = claim(jwt, REGION_CLAIM);
            // Client-credentials tokens name the client in azp; users have preferred_username.
            name = claim(jwt, "preferred_username").or(() -> claim(jwt, "azp")).orElse(name);
        }
        return new Caller(name, identity.getRoles(), organisation, region);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAnonymous() {
        return name == null;
    }

    private static Optional<String> claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString().replace("\"", "").trim())
                .filter(s -> !s.isEmpty());
    }
}
