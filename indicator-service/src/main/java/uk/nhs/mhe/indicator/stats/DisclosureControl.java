package uk.nhs.mhe.indicator.stats;

/**
 * Statistical disclosure control for the public view (everything served without the
 * {@code assurance} role): NHS England's rule for its mental health statistics — suppress 1–4,
 * round the rest to the nearest 5 — applied to every count of every area, England included,
 * with one addition that makes it hold across the whole API: <b>every public figure is computed
 * from the protected counts only</b> (see {@code docs/indicators.md}, "Disclosure control").
 *
 * <ol>
 *   <li>A count of 1–4 is suppressed ({@code null}, {@code "suppressed": true}); 0 is shown.</li>
 *   <li>Every other count is rounded to the nearest 5 ({@link #publishCount}).</li>
 *   <li>Rates, proportions, their limits, ratios, differences, benchmark comparisons, funnel
 *       averages and positions, and trend labels are calculated by the ordinary methods from the
 *       published counts (and the published populations), never from the exact ones: value ×
 *       population ÷ 100,000 then gives back the rounded count, which is already public.</li>
 *   <li>A DSR is calculated from its strata's counts each rounded to the nearest 5
 *       ({@link #roundForDerivation}, 1–2 to 0 and 3–4 to 5): the strata (age band × sex) are
 *       not published, and what a DSR and its limits could give back is at most those rounded
 *       strata, each of which leaves its true count uncertain by ±2, 0 included for a small one.</li>
 * </ol>
 * Why rounding rather than secondary suppression: a rounded count leaves ±2 of doubt, and a sum
 * or difference of rounded figures accumulates that doubt instead of cancelling it, and with no
 * public figure computed from an exact count there is no exact figure to difference against;
 * secondary suppression protects one table at a time and is undone by the next table that nests
 * in it. The attacker audit ({@code DisclosureAuditTest}, run with {@code -Pdisclosure-audit})
 * measures what is left: on very sparse tables the intersection of many rounding intervals can
 * still pin a small count (docs/indicators.md, "Disclosure control").
 * <p>Source: indicators.md, "Disclosure control (public view)"; NHS England (NHS Digital) Mental
 * Health Services Monthly Statistics suppression and rounding rules; Hundepool et al.,
 * <i>Statistical Disclosure Control</i> (2012), ch. 5 (rounding).
 */
public final class DisclosureControl {

    /** Smallest count that is shown without suppression (besides 0). */
    public static final long MIN_PUBLISHED_COUNT = 5;

    /** Counts are rounded to a multiple of this. */
    public static final long ROUNDING_BASE = 5;

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

    /** The published form of a count: null when 1–4, otherwise rounded to the nearest 5. */
    public static Long publishCount(long count) {
        return isSmallCount(count) ? null : roundToNearestFive(count);
    }

    /**
     * The protected form of a count that is used inside a derived figure but never shown on its
     * own (a DSR's stratum): rounded to the nearest 5 whatever its size, so 1–2 count as 0 and
     * 3–4 as 5. What the derived figure can give back is then an interval of ±2 around a
     * multiple of 5, which always holds 0 or a count of 5 or more besides any count of 1–4.
     */
    public static long roundForDerivation(long count) {
        return roundToNearestFive(count);
    }
}
