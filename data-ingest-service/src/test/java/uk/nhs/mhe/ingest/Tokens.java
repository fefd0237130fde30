package uk.nhs.mhe.ingest;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** Signed test tokens shaped like the mhe realm's (roles, organisation claim), from the OIDC test server's key. */
public final class Tokens {

    private Tokens() {
    }

    public static String provider(String ods) {
        return Jwt.preferredUserName("service-account-provider-" + ods.toLowerCase())
                .claim("azp", "provider-" + ods.toLowerCase())
                .groups(Set.of("submitter"))
                .claim("organisation", ods)
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }

    public static String withRoles(String user, String... roles) {
        return Jwt.preferredUserName(user)
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }
}
