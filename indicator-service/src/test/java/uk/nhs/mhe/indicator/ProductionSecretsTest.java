package uk.nhs.mhe.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.infra.ProductionSecrets;

import java.util.List;

/** No secret of this service has a default in production (see {@link ProductionSecrets}). */
class ProductionSecretsTest {

    @Test
    void productionTakesEverySecretFromItsEnvironment() {
        assertEquals(List.of(), ProductionSecrets.withDefaults());
    }
}
