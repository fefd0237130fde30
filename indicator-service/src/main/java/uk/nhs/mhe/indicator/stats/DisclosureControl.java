package uk.nhs.mhe.indicator.stats;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Statistical disclosure control for the public view (everything served without the
 * {@code assurance} role), applied to every count of every area, England included (see
 * {@code docs/indicators.md}, "Disclosure control", for the method, the reasons and the audit):
 *
 * <ol>
 *   <li>A count of 1–9 is suppressed ({@code null}, {@code "suppressed": true}); 0 is shown.
 *       NHS England's rule hides 1–4; hiding up to 9 means that the smallest published count,
 *       10, stands for 10–14, and never bounds a hidden neighbour as tightly as a published 5
 *       (5–9) did.</li>
 *   <li>Every other count is <b>randomly rounded</b> to a multiple of 5 ({@link RandomRounding}:
 *       up with probability (count mod 5) / 5, repeatably, under a secret key), so a published
 *       r stands for anything from r − 4 to r + 4.</li>
 *   <li><b>Every public figure is computed from the protected counts only</b>: rates,
 *       proportions, their limits, ratios, differences, benchmark comparisons, funnel averages
 *       and positions, and trend labels are calculated by the ordinary methods from the
 *       published counts (and the published populations), never from the exact ones: value ×
 *       population ÷ 100,000 then gives back the rounded count, which is already public.</li>
 *   <li>A DSR is calculated from its strata's counts each protected the same way, a stratum of
 *       1–9 counted as 0 ({@link #roundForDerivation}): the strata (age band × sex) are not
 *       published, and what a DSR and its limits could give back is at most those protected
 *       strata.</li>
 *   <li>A breakdown whose table is small is withheld whole, and so is a DSR of few protected
 *       events ({@code PublicView.MIN_TABLE_TOTAL}).</li>
 * </ol>
 * Why: the attacker audit ({@code DisclosureAuditTest}) reads every public figure as a linear
 * constraint and solves for each small count. On its sparse data set, nearest rounding (±2 of
 * doubt per figure) let the intersection of the many overlapping tables pin 1,232 of 1,280 small
 * counts; random rounding 188; with tables under 50 withheld 1; with 5–9 hidden as well, none,
 * and none with tables under 20 withheld once small DSRs are withheld too.
 * Secondary suppression protects one table at a time and is undone by the next table that nests
 * in it.
 * <p>The key is the deployment's {@code mhe.disclosure.rounding-secret}. It must stay fixed:
 * figures published under two keys are two independent roundings of the same counts, which
 * narrows the doubt again.
 * <p>Source: indicators.md, "Disclosure control (public view)"; NHS England (NHS Digital) Mental
 * Health Services Monthly Statistics suppression and rounding rules; Hundepool et al.,
 * <i>Statistical Disclosure Control</i> (2012), ch. 4–5 (tabular data, audit, rounding).
 */
public final class DisclosureControl {

    /** Smallest count that is shown without suppression (besides 0). */
    public static final long MIN_PUBLISHED_COUNT = 10;

    /** The configuration property that holds the rounding key. */
    public static final String SECRET_PROPERTY = "mhe.disclosure.rounding-secret";

    /*
     * Public figures are computed by static, pure functions called from every query, the pages,
     * the change events and the recalculation; the key is one deployment-wide constant, so it is
     * held here rather than threaded through all of them. The service installs it at start-up
     * (DisclosureSecret, which also fails the start when it is missing); anything that runs
     * earlier, or a plain unit test, reads the same property from the configuration.
     */
    private static volatile RandomRounding rounding;

    private DisclosureControl() {
    }

    /** Installs the rounding key (at start-up). */
    public static void use(RandomRounding r) {
        rounding = r;
    }

    /** Whether a count is 1–9 and must be suppressed (0 is shown). */
    public static boolean isSmallCount(double count) {
        return count > 0 && count < MIN_PUBLISHED_COUNT;
    }

    /**
     * The published form of one of an indicator's counts: null when 1–9, otherwise randomly
     * rounded to a multiple of 5 (never below 10).
     */
    public static Long publishCount(String indicator, long count) {
        return isSmallCount(count) ? null : rounding().round(indicator, count);
    }

    /**
     * The protected form of a count that is used inside a derived figure but never shown on its
     * own (a DSR's stratum): as {@link #publishCount} would show it, with a count of 1–9 counted
     * as 0. A stratum that could be rounded up from a small count would tell whoever recovers the
     * strata from a DSR that the count is not 0 (the audit found exactly that); counted as 0, a
     * stratum of 0 in the derived figure stands for 0–9 and one of 10 or more for 10 or more.
     */
    public static long roundForDerivation(String indicator, long count) {
        return isSmallCount(count) ? 0 : rounding().round(indicator, count);
    }

    private static RandomRounding rounding() {
        RandomRounding r = rounding;
        if (r == null) {
            synchronized (DisclosureControl.class) {
                if (rounding == null) {
                    rounding = new RandomRounding(ConfigProvider.getConfig().getValue(SECRET_PROPERTY, String.class));
                }
                r = rounding;
            }
        }
        return r;
    }
}
