package uk.nhs.mhe.indicator.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Statistical disclosure control for the public view (everything served without the
 * {@code assurance} role), as NHS England applies it to its mental health statistics.
 *
 * <ol>
 *   <li>Counts of 1–4 are suppressed everywhere; 0 is shown.</li>
 *   <li>Sub-national counts are rounded to the nearest 5, halves away from zero; England counts
 *       are not rounded.</li>
 *   <li>A rate or proportion is suppressed when its numerator or denominator is 1–4 (for a
 *       non-integer population share: above 0 and below 5); otherwise it is computed — by the
 *       caller — from the unrounded counts and published with its interval.</li>
 *   <li>A ratio or difference is suppressed when any of its inputs is
 *       ({@link #comparisonSuppressed}).</li>
 *   <li>Within every breakdown — England and sub-national alike — when hidden counts would add
 *       up to 1–4, the next smallest group is hidden too, and again, until the hidden groups'
 *       total is 0 or at least 5, so that no small count follows from the total row minus the
 *       visible groups. Sub-national breakdowns need this as much as England's: their counts are
 *       rounded, but their rates are published from the unrounded counts, and
 *       value × population ÷ multiplier gives a reader each visible group's exact count back (and
 *       the total's), so the rounding protects nothing. This is done separately for numerators
 *       and, when they are counts, denominators. "Next smallest" is the smallest remaining count
 *       above 0 (ties: the first in input order): a hidden 0 adds nothing to the hidden total,
 *       and 0 is otherwise always shown. A group whose count is hidden also has its value
 *       hidden, since value × denominator gives the count back.</li>
 * </ol>
 * Suppressed values are published as {@code null} with {@code "suppressed": true}, never 0.
 *
 * <p>A denominator that is a population ({@link DenominatorKind#POPULATION}) is not a count of
 * the data: it is published as given, neither rounded nor secondarily suppressed; a population
 * below 5 still suppresses the rate.
 *
 * <p>Usage: {@code DisclosureControl.publish(rows, AreaLevel.ENGLAND, DenominatorKind.COUNT)}
 * returns one {@link PublishedRow} per input row, in order.
 *
 * <p>Source: indicators.md, "Disclosure control (public view)"; NHS England (NHS Digital)
 * Mental Health Services Monthly Statistics suppression rules.
 */
public final class DisclosureControl {

    /** Smallest count that is shown without suppression (besides 0). */
    public static final long MIN_PUBLISHED_COUNT = 5;

    /** Sub-national counts are rounded to a multiple of this. */
    public static final long ROUNDING_BASE = 5;

    /** Which area a breakdown describes: England counts are exact, sub-national ones rounded. */
    public enum AreaLevel {
        /** England: counts not rounded. */
        ENGLAND,
        /**
         * Region, ICB or provider: counts rounded to the nearest 5. Secondary suppression still
         * applies, because rates from unrounded counts give the counts back.
         */
        SUB_NATIONAL
    }

    /** What a row's denominator is. */
    public enum DenominatorKind {
        /** A count from the data (people who finished a course, records): controlled as a count. */
        COUNT,
        /** A population estimate: published as given; below 5 it suppresses the rate. */
        POPULATION
    }

    /** Why a count is hidden. */
    public enum Suppression {
        /** Not suppressed. */
        NONE,
        /** A count of 1–4. */
        SMALL_COUNT,
        /** The next smallest group, hidden so that a single small count cannot be derived. */
        SECONDARY
    }

    /**
     * One group of a breakdown, with unrounded counts.
     *
     * @param group the group code, e.g. {@code A}
     * @param numerator the count, {@code >= 0}
     * @param denominator the denominator (count or population), {@code >= 0}
     */
    public record Row(String group, long numerator, double denominator) {
        public Row {
            Objects.requireNonNull(group, "group");
            if (numerator < 0) {
                throw new IllegalArgumentException("numerator must be >= 0: " + numerator);
            }
            if (!(denominator >= 0) || Double.isInfinite(denominator)) {
                throw new IllegalArgumentException("denominator must be finite and >= 0: " + denominator);
            }
        }
    }

    /**
     * What may be published for one group.
     *
     * @param group the group code
     * @param numerator the published count (rounded sub-nationally), or null when suppressed
     * @param denominator the published denominator, or null when suppressed
     * @param numeratorSuppression why the numerator is hidden, or {@link Suppression#NONE}
     * @param denominatorSuppression why the denominator is hidden, or {@link Suppression#NONE}
     * @param valueSuppressed whether the rate or proportion (and its interval) is hidden
     */
    public record PublishedRow(String group, Long numerator, Double denominator,
                               Suppression numeratorSuppression, Suppression denominatorSuppression,
                               boolean valueSuppressed) {

        /** Whether the numerator is hidden. */
        public boolean numeratorSuppressed() {
            return numeratorSuppression != Suppression.NONE;
        }

        /** Whether the denominator is hidden. */
        public boolean denominatorSuppressed() {
            return denominatorSuppression != Suppression.NONE;
        }

        /** Whether anything in the row is hidden: the API's {@code "suppressed": true}. */
        public boolean suppressed() {
            return valueSuppressed || numeratorSuppressed() || denominatorSuppressed();
        }
    }

    private DisclosureControl() {
    }

    /** Whether a count is 1–4 and must be suppressed (0 is shown). */
    public static boolean isSmallCount(double count) {
        return count > 0 && count < MIN_PUBLISHED_COUNT;
    }

    /** A count rounded to the nearest 5 (integer counts never fall on a half). */
    public static long roundToNearestFive(long count) {
        long magnitude = (Math.abs(count) + ROUNDING_BASE / 2) / ROUNDING_BASE * ROUNDING_BASE;
        return count < 0 ? -magnitude : magnitude;
    }

    /** A value rounded to the nearest 5, halves away from zero (12.5 → 15, −12.5 → −15). */
    public static double roundToNearestFive(double value) {
        return Math.signum(value) * Math.floor(Math.abs(value) / ROUNDING_BASE + 0.5) * ROUNDING_BASE;
    }

    /** The published form of a single count: null when 1–4, rounded unless England. */
    public static Long publishCount(long count, AreaLevel level) {
        if (isSmallCount(count)) {
            return null;
        }
        return level == AreaLevel.ENGLAND ? count : roundToNearestFive(count);
    }

    /** Whether a rate or proportion with these unrounded inputs is suppressed (either 1–4). */
    public static boolean valueSuppressed(long numerator, double denominator) {
        return isSmallCount(numerator) || isSmallCount(denominator);
    }

    /**
     * Whether a ratio or difference between a group and its reference is suppressed: when
     * either input value is.
     */
    public static boolean comparisonSuppressed(PublishedRow group, PublishedRow reference) {
        return group.valueSuppressed() || reference.valueSuppressed();
    }

    /**
     * Applies disclosure control to the groups of one breakdown (or to a single total row).
     *
     * @param rows the groups with unrounded counts
     * @param level England (exact counts) or sub-national (rounded); both get secondary suppression
     * @param denominatorKind whether the denominators are counts or populations
     * @return one published row per input row, in the same order
     */
    public static List<PublishedRow> publish(List<Row> rows, AreaLevel level, DenominatorKind denominatorKind) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(denominatorKind, "denominatorKind");
        int size = rows.size();
        double[] numerators = new double[size];
        double[] denominators = new double[size];
        for (int i = 0; i < size; i++) {
            numerators[i] = rows.get(i).numerator();
            denominators[i] = rows.get(i).denominator();
        }
        Suppression[] numeratorSuppression = suppress(numerators);
        Suppression[] denominatorSuppression = denominatorKind == DenominatorKind.COUNT
                ? suppress(denominators)
                : new Suppression[size];

        List<PublishedRow> published = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Row row = rows.get(i);
            Suppression num = numeratorSuppression[i];
            Suppression den = denominatorSuppression[i] == null ? Suppression.NONE : denominatorSuppression[i];
            Long publishedNumerator = num != Suppression.NONE ? null
                    : level == AreaLevel.ENGLAND ? row.numerator() : roundToNearestFive(row.numerator());
            Double publishedDenominator = den != Suppression.NONE ? null
                    : denominatorKind == DenominatorKind.POPULATION || level == AreaLevel.ENGLAND
                    ? row.denominator() : roundToNearestFive(row.denominator());
            boolean valueSuppressed = num != Suppression.NONE || den != Suppression.NONE
                    || isSmallCount(row.denominator());
            published.add(new PublishedRow(row.group(), publishedNumerator, publishedDenominator, num, den,
                    valueSuppressed));
        }
        return List.copyOf(published);
    }

    /**
     * Primary suppression of 1–4, then secondary suppression of the next smallest count above 0
     * until the hidden counts add up to 0 or at least 5: with the total published, the hidden
     * total is what a reader can work out, so it must not itself be a small count.
     */
    private static Suppression[] suppress(double[] counts) {
        Suppression[] result = new Suppression[counts.length];
        double hiddenTotal = 0;
        for (int i = 0; i < counts.length; i++) {
            result[i] = isSmallCount(counts[i]) ? Suppression.SMALL_COUNT : Suppression.NONE;
            if (result[i] != Suppression.NONE) {
                hiddenTotal += counts[i];
            }
        }
        while (isSmallCount(hiddenTotal)) {
            int next = -1;
            for (int i = 0; i < counts.length; i++) {
                if (result[i] == Suppression.NONE && counts[i] > 0 && (next < 0 || counts[i] < counts[next])) {
                    next = i;
                }
            }
            if (next < 0) {
                break; // every count is hidden or 0: nothing left to hide
            }
            result[next] = Suppression.SECONDARY;
            hiddenTotal += counts[next];
        }
        return result;
    }
}
