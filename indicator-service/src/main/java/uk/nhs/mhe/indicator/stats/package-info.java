/**
 * Pure statistics for the headline indicators: confidence intervals, directly standardised
 * rates, comparisons, funnel plot limits, recent trends and disclosure control.
 *
 * <p>Modelled on the R package PHEindicatormethods (Public Health England / OHID) and the
 * Fingertips technical guidance: each method is one small class whose Javadoc gives the
 * formula and its source, and whose tests check the worked examples of
 * {@code docs/indicators.md} (section Methods). No framework imports; distribution quantiles
 * come from Apache Commons Statistics.
 *
 * <p>Conventions used throughout the package:
 * <ul>
 *   <li>Counts are {@code long}; denominators are {@code double} because population shares
 *       (for example by IMD decile) need not be whole numbers.</li>
 *   <li>Invalid input (a negative count, a non-positive denominator, a numerator above the
 *       denominator of a proportion) throws {@link IllegalArgumentException}.</li>
 *   <li>A value that the methods say is "not computed" (a DSR with fewer than 10 events, a
 *       ratio with a zero count) is an empty {@link java.util.Optional}, never a zero.</li>
 * </ul>
 */
package uk.nhs.mhe.indicator.stats;
