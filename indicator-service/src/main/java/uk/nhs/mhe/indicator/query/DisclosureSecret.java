package uk.nhs.mhe.indicator.query;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.RandomRounding;

/**
 * Installs the deployment's rounding key for the public view at start-up. Outside the dev and
 * test profiles the key has no default ({@code MHE_ROUNDING_SECRET}): a service started without
 * it stops at once with Quarkus's "required but it could not be found" naming the property,
 * rather than rounding public figures with a key that is in the repository for anyone to read.
 */
@Startup
@ApplicationScoped
public class DisclosureSecret {

    DisclosureSecret(@ConfigProperty(name = DisclosureControl.SECRET_PROPERTY) String secret) {
        DisclosureControl.use(new RandomRounding(secret));
    }
}
