package uk.nhs.mhe.indicator;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** Signed test tokens shaped like the mhe realm's, from the OIDC test server's key. */
public final class Tokens {

    private Tokens() {
    }

    public static String withRoles(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }

    public static String assurance() {
        return Jwt.preferredUserName("assurance.london").groups(Set.of("assurance")).claim("region", "Y56")
                .issuer("https://server.example.com").audience("https://service.example.com").sign();
    }

    public static String admin() {
        return withRoles("service-account-mhe-admin", "ingest-admin");
    }
}
