package uk.nhs.mhe.ingest.submission;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.FieldError;

import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeValidatorTest {

    private final EnvelopeValidator validator = new EnvelopeValidator(YearMonth.of(2025, 6));

    private List<String> codes(String dataset, String provider, String period) {
        return validator.validate(new Envelope(dataset, provider, period)).stream().map(FieldError::code).toList();
    }

    @Test
    void acceptsAnOpenProviderForAPastMonth() {
        assertTrue(codes("MHSDS", "RV5", "2025-03").isEmpty());
    }

    @Test
    void rejectsUnknownDatasetProviderAndBadPeriod() {
        assertEquals(List.of("UNKNOWN_DATASET", "BAD_PERIOD", "UNKNOWN_PROVIDER"), codes("MHSDX", "ZZZ", "2025-3"));
    }

    @Test
    void rejectsFuturePeriod() {
        assertEquals(List.of("FUTURE_PERIOD"), codes("MHSDS", "RV5", "2025-07"));
    }

    @Test
    void rejectsProviderNotOpenInThePeriod() {
        // RRP closed on 2024-10-31.
        assertTrue(codes("MHSDS", "RRP", "2024-10").isEmpty());
        assertEquals(List.of("PROVIDER_NOT_OPEN"), codes("MHSDS", "RRP", "2024-11"));
    }

    @Test
    void independentSectorCodesWithoutAnIcbAreNotProviders() {
        assertEquals(List.of("UNKNOWN_PROVIDER"), codes("MHSDS", "NQL", "2024-11"));
    }

    @Test
    void namesEveryMissingEnvelopeField() {
        List<FieldError> errors = validator.validate(new Envelope(null, null, null));
        assertEquals(List.of("dataset", "period", "provider"), errors.stream().map(FieldError::field).toList());
    }
}
