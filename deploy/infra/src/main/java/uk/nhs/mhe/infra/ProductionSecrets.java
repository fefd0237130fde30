package uk.nhs.mhe.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds secrets that production would take from the repository: properties of a service's
 * {@code application.properties} whose name says secret, password or key and whose production
 * value (no {@code %profile.} prefix) is a literal or an expression with a default
 * ({@code ${VAR:default}}). Each must be a bare {@code ${VAR}}, so that a deployment without it
 * stops at start-up naming the variable instead of running with a published key.
 */
public final class ProductionSecrets {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|credentials).*");
    private static final Pattern BARE_VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+}");

    private ProductionSecrets() {
    }

    /** The offending properties of the {@code application.properties} on the class path. */
    public static List<String> withDefaults() {
        Properties p = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> offending = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            if (!name.startsWith("%") && SECRET_NAME.matcher(name).matches()
                    && !BARE_VARIABLE.matcher(p.getProperty(name).trim()).matches()) {
                offending.add(name + "=" + p.getProperty(name));
            }
        }
        return offending;
    }
}
