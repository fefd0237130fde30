package uk.nhs.mhe.indicator.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Fingertips recent trend over the latest five consecutive points of a proportion or crude
 * rate (months or financial years; not rolling twelve-month points, which overlap, and not
 * DSRs).
 *
 * <h2>Proportions: χ² test for trend</h2>
 * With time scores t = 1…5, R = Σx and N = Σn:
 * <pre>
 *   χ² = N(N·Σtx − R·Σtn)² / (R(N − R)(N·Σt²n − (Σtn)²))
 *   slope = (N·Σtx − R·Σtn) / (N·Σt²n − (Σtn)²)      (n-weighted least-squares slope of x/n on t)
 * </pre>
 *
 * <h2>Crude rates: weighted least squares</h2>
 * With y the rate per 100,000, w = 1/SE², SE = (U95 − L95)/3.92 from the rate's 95% limits
 * ({@link CrudeRate}), and S_w = Σw, S_wt = Σwt, S_wy = Σwy, S_wty = Σwty, S_wtt = Σwt²:
 * <pre>
 *   b    = (S_w·S_wty − S_wt·S_wy) / (S_w·S_wtt − S_wt²)
 *   SE_b = √(S_w / (S_w·S_wtt − S_wt²))
 *   χ²   = (b / SE_b)²
 * </pre>
 *
 * <h2>Significance</h2>
 * Significant when χ² &gt; 9.549536 (the 0.998 quantile of χ² with 1 d.f.) and the slope of all
 * five points and the five slopes with one point left out (time scores kept) all have the same,
 * non-zero sign: {@link Trend#INCREASING} or {@link Trend#DECREASING}; otherwise
 * {@link Trend#NO_SIGNIFICANT_CHANGE}. {@link Trend#CANNOT_BE_CALCULATED} when fewer than five
 * valid points exist among the latest five (a missing period is a {@code null} element, a point
 * with denominator 0 is not valid), when any point has x = n, or when χ² does not exist (a zero
 * denominator, e.g. every proportion 0).
 *
 * <p>Source: Fingertips technical guidance, "Recent trends" (PHE); the χ² test for trend in
 * proportions is the Cochran–Armitage test. Worked example (indicators.md): x = 210, 232, 251,
 * 262, 290 over n = 1000, 1010, 1020, 1000, 1030 → χ² = 16.803979, {@link Trend#INCREASING}.
 *
 * @param trend the result
 * @param chiSquared the test statistic over the five points, or null when not calculated
 * @param slope the slope per time step over the five points (a fraction per step for
 *              proportions, per 100,000 per step for rates), or null when not calculated
 */
public record RecentTrend(Trend trend, Double chiSquared, Double slope) {

    /** Number of points a recent trend uses. */
    public static final int POINTS = 5;

    /** 9.549536: the 0.998 quantile of χ² with one degree of freedom. */
    public static final double CRITICAL_CHI_SQUARED =
            ChiSquaredDistribution.of(1).inverseCumulativeProbability(0.998);

    private static final RecentTrend NOT_CALCULATED = new RecentTrend(Trend.CANNOT_BE_CALCULATED, null, null);

    /** Width of a 95% interval in standard errors, 2 × 1.96, as Fingertips uses. */
    private static final double WIDTH_95_IN_SE = 3.92;

    /** A slope and its χ² over some of the points. */
    private record Fit(double slope, double chiSquared) {
    }

    /**
     * Recent trend of a proportion.
     *
     * @param points consecutive periods, oldest first; the latest five are used; a missing
     *               period is a {@code null} element
     * @throws IllegalArgumentException if a point has x &gt; n
     */
    public static RecentTrend forProportions(List<Observation> points) {
        List<Observation> latest = latestValid(points);
        if (latest == null) {
            return NOT_CALCULATED;
        }
        for (Observation point : latest) {
            if (point.numerator() > point.denominator()) {
                throw new IllegalArgumentException("numerator " + point.numerator()
                        + " is above denominator " + point.denominator());
            }
        }
        return assess(latest, RecentTrend::proportionFit);
    }

    /**
     * Recent trend of a crude rate.
     *
     * @param points consecutive periods, oldest first; the latest five are used; a missing
     *               period is a {@code null} element
     */
    public static RecentTrend forRates(List<Observation> points) {
        List<Observation> latest = latestValid(points);
        if (latest == null) {
            return NOT_CALCULATED;
        }
        return assess(latest, RecentTrend::rateFit);
    }

    /** The latest five points, or null when any is missing, has n = 0 or has x = n. */
    private static List<Observation> latestValid(List<Observation> points) {
        Objects.requireNonNull(points, "points");
        if (points.size() < POINTS) {
            return null;
        }
        List<Observation> latest = points.subList(points.size() - POINTS, points.size());
        for (Observation point : latest) {
            if (point == null || point.denominator() == 0 || point.numerator() == point.denominator()) {
                return null;
            }
        }
        return latest;
    }

    private interface Fitter {
        /** The fit over the given time scores and points, or null when it does not exist. */
        Fit fit(int[] times, List<Observation> points);
    }

    private static RecentTrend assess(List<Observation> points, Fitter fitter) {
        int[] times = {1, 2, 3, 4, 5};
        Fit all = fitter.fit(times, points);
        if (all == null) {
            return NOT_CALCULATED;
        }
        double sign = Math.signum(all.slope());
        boolean significant = all.chiSquared() > CRITICAL_CHI_SQUARED && sign != 0;
        for (int left = 0; significant && left < POINTS; left++) {
            int[] subTimes = new int[POINTS - 1];
            List<Observation> subPoints = new ArrayList<>(POINTS - 1);
            for (int i = 0, j = 0; i < POINTS; i++) {
                if (i != left) {
                    subTimes[j++] = times[i];
                    subPoints.add(points.get(i));
                }
            }
            Fit sub = fitter.fit(subTimes, subPoints);
            significant = sub != null && Math.signum(sub.slope()) == sign;
        }
        Trend trend = !significant ? Trend.NO_SIGNIFICANT_CHANGE
                : sign > 0 ? Trend.INCREASING : Trend.DECREASING;
        return new RecentTrend(trend, all.chiSquared(), all.slope());
    }

    private static Fit proportionFit(int[] times, List<Observation> points) {
        double r = 0;
        double n = 0;
        double tx = 0;
        double tn = 0;
        double t2n = 0;
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            double x = points.get(i).numerator();
            double ni = points.get(i).denominator();
            r += x;
            n += ni;
            tx += t * x;
            tn += t * ni;
            t2n += t * t * ni;
        }
        double numerator = n * tx - r * tn;
        double spread = n * t2n - tn * tn;
        double denominator = r * (n - r) * spread;
        if (!(denominator > 0) || !(spread > 0)) {
            return null;
        }
        return new Fit(numerator / spread, n * numerator * numerator / denominator);
    }

    private static Fit rateFit(int[] times, List<Observation> points) {
        double sw = 0;
        double swt = 0;
        double swy = 0;
        double swty = 0;
        double swtt = 0;
        for (int i = 0; i < times.length; i++) {
            double t = times[i];
            CrudeRate rate = CrudeRate.per100k(points.get(i).numerator(), points.get(i).denominator());
            double se = (rate.ci95().upper() - rate.ci95().lower()) / WIDTH_95_IN_SE;
            double w = 1 / (se * se);
            double y = rate.value();
            sw += w;
            swt += w * t;
            swy += w * y;
            swty += w * t * y;
            swtt += w * t * t;
        }
        double spread = sw * swtt - swt * swt;
        if (!(spread > 0) || !Double.isFinite(spread)) {
            return null;
        }
        double b = (sw * swty - swt * swy) / spread;
        double seB = Math.sqrt(sw / spread);
        double z = b / seB;
        return new Fit(b, z * z);
    }
}
