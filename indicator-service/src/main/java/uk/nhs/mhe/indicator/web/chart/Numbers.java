package uk.nhs.mhe.indicator.web.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How figures are written on the pages and in the charts: values and limits to one decimal place
 * (as Fingertips publishes them), counts and denominators as whole numbers with thousands
 * separators. Null is written as given by the caller, never as 0.
 */
public final class Numbers {

    private Numbers() {
    }

    /** A value, limit or benchmark to one decimal place; {@code ""} for null. */
    public static String value(Double d) {
        return d == null || d.isNaN() ? "" : format("#,##0.0", d);
    }

    /** A count or denominator as a whole number; {@code ""} for null. */
    public static String count(Number n) {
        return n == null ? "" : format("#,##0", Math.round(n.doubleValue()));
    }

    /** A ratio to the reference group, two decimals (ratios near 1 need them). */
    public static String ratio(Double d) {
        return d == null ? "" : format("#,##0.00", d);
    }

    /** An axis tick: short (12k, 1.5m) for large numbers. */
    public static String tick(double d) {
        double a = Math.abs(d);
        if (a >= 1_000_000) {
            return format("#,##0.#", d / 1_000_000) + "m";
        }
        if (a >= 10_000) {
            return format("#,##0.#", d / 1_000) + "k";
        }
        return format("#,##0.##", d);
    }

    private static String format(String pattern, double d) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK)).format(d);
    }
}
