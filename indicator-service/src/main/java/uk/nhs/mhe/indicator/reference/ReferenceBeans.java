package uk.nhs.mhe.indicator.reference;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import uk.nhs.mhe.reference.ReferenceData;

/** Reference data as beans, read once per process. */
public class ReferenceBeans {

    @Produces
    @Singleton
    ReferenceData referenceData() {
        return ReferenceData.get();
    }

    @Produces
    @Singleton
    Areas areas(ReferenceData ref) {
        return new Areas(ref);
    }
}
