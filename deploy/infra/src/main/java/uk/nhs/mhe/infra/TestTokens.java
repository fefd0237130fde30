package uk.nhs.mhe.infra;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.util.Set;

/**
 * Signed tokens for {@code @QuarkusTest}s, shaped like the mhe realm's (roles, {@code organisation}
 * and {@code region} claims), signed with the key of the OIDC test server
 * ({@code OidcWiremockTestResource}) and carrying its issuer and audience.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** A provider system's client-credentials token: role {@code submitter}, its ODS code as organisation. */
    public static String provider(String ods) {
        return claims("service-account-provider-" + ods.toLowerCase(), "submitter")
                .claim("azp", "provider-" + ods.toLowerCase())
                .claim("organisation", ods)
                .sign();
    }

    /** The national data team's client: role {@code ingest-admin}, no organisation. */
    public static String admin() {
        return withRoles("service-account-mhe-admin", "ingest-admin");
    }

    /** A regional assurance user of London (region Y56). */
    public static String assurance() {
        return claims("assurance.london", "assurance").claim("region", "Y56").sign();
    }

    /** A user of an organisation with the given roles. */
    public static String user(String name, String organisation, String... roles) {
        return claims(name, roles).claim("organisation", organisation).sign();
    }

    public static String withRoles(String user, String... roles) {
        return claims(user, roles).sign();
    }

    private static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com");
    }
}
