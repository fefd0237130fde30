package uk.nhs.mhe.reference;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A provider in scope of the mental health statistics, placed under the ICB that ODS assigns
 * to it (not necessarily the ICB containing its headquarters).
 */
public record Trust(String odsCode, String name, String icbOdsCode, String regionOdsCode,
        LocalDate openDate, LocalDate closeDate) {

    /**
     * Open in a month when it opened on or before the month's last day and did not close before
     * the month's first day (indicators.md, "Areas").
     */
    public boolean isOpenIn(YearMonth month) {
        boolean opened = openDate == null || !openDate.isAfter(month.atEndOfMonth());
        boolean notClosed = closeDate == null || !closeDate.isBefore(month.atDay(1));
        return opened && notClosed;
    }

    /** Open today and for the foreseeable future: no close date. */
    public boolean isOpen() {
        return closeDate == null;
    }
}
