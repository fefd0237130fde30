package uk.nhs.mhe.library.recommend;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of the periods an indicator change names (docs/api.md: {@code YYYY-MM},
 * {@code FYYYYY-YY}, {@code R12-YYYY-MM}), for keeping each area's latest picture: later periods
 * first by the month they end in; of periods ending in the same month, the rolling twelve months
 * (the steadiest picture, and the one the indicator pages lead with), then the financial year,
 * then the month alone, where small counts are mostly suppressed.
 */
final class DisparityPeriod {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern FINANCIAL_YEAR = Pattern.compile("FY(\\d{4})-(\\d{2})");
    private static final Pattern ROLLING_YEAR = Pattern.compile("R12-(\\d{4})-(\\d{2})");

    private DisparityPeriod() {
    }

    /**
     * A text that sorts as the periods do ({@code "2025-03|2"} for R12-2025-03); empty for a
     * period of no known form, which any known period replaces.
     */
    static String rank(String period) {
        Matcher m = ROLLING_YEAR.matcher(period);
        if (m.matches()) {
            return m.group(1) + "-" + m.group(2) + "|2";
        }
        m = FINANCIAL_YEAR.matcher(period);
        if (m.matches()) {
            return (Integer.parseInt(m.group(1)) + 1) + "-03|1"; // FY2024-25 ends in March 2025
        }
        m = MONTH.matcher(period);
        if (m.matches()) {
            return period + "|0";
        }
        return "";
    }
}
