package uk.nhs.mhe.ingest.submission;

import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks what a submission is for before any record is read: a known dataset, a provider in
 * the reference list that is open in the period, and a complete calendar month not in the future.
 */
public final class EnvelopeValidator {

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");

    private final YearMonth currentMonth;

    public EnvelopeValidator(YearMonth currentMonth) {
        this.currentMonth = currentMonth;
    }

    public List<FieldError> validate(Envelope envelope) {
        List<FieldError> errors = new ArrayList<>();
        if (envelope.dataset() == null || envelope.dataset().isEmpty()) {
            errors.add(FieldError.envelope("dataset", "REQUIRED", "dataset is required; one of " + Datasets.all().keySet()));
        } else if (Datasets.find(envelope.dataset()).isEmpty()) {
            errors.add(FieldError.envelope("dataset", "UNKNOWN_DATASET",
                    "'" + envelope.dataset() + "' is not a dataset this service accepts; one of " + Datasets.all().keySet()));
        }
        YearMonth month = null;
        if (envelope.period() == null || envelope.period().isEmpty()) {
            errors.add(FieldError.envelope("period", "REQUIRED", "period is required, as YYYY-MM"));
        } else {
            try {
                if (!PERIOD.matcher(envelope.period()).matches()) {
                    throw new DateTimeParseException("pattern", envelope.period(), 0);
                }
                month = YearMonth.parse(envelope.period());
                if (month.isAfter(currentMonth)) {
                    errors.add(FieldError.envelope("period", "FUTURE_PERIOD",
                            "period " + envelope.period() + " is in the future"));
                }
            } catch (DateTimeParseException e) {
                errors.add(FieldError.envelope("period", "BAD_PERIOD",
                        "period must be a calendar month as YYYY-MM, got '" + envelope.period() + "'"));
            }
        }
        if (envelope.provider() == null || envelope.provider().isEmpty()) {
            errors.add(FieldError.envelope("provider", "REQUIRED", "provider is required (ODS code, e.g. RV5)"));
        } else {
            Trust trust = ReferenceData.get().trusts().get(envelope.provider());
            if (trust == null) {
                errors.add(FieldError.envelope("provider", "UNKNOWN_PROVIDER",
                        "'" + envelope.provider() + "' is not a provider in the mental health trusts reference list"));
            } else if (month != null && !trust.isOpenIn(month)) {
                errors.add(FieldError.envelope("provider", "PROVIDER_NOT_OPEN",
                        envelope.provider() + " was not open in " + envelope.period()));
            }
        }
        return errors;
    }
}
