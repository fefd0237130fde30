package uk.nhs.mhe.indicator.stats;

/** The result of a {@link RecentTrend}, as Fingertips reports recent trends. */
public enum Trend {
    /** Significantly increasing over the latest five points. */
    INCREASING,
    /** Significantly decreasing over the latest five points. */
    DECREASING,
    /** No significant change (or the direction is not robust to leaving one point out). */
    NO_SIGNIFICANT_CHANGE,
    /** Fewer than five valid points, a point with x = n, or a statistic that does not exist. */
    CANNOT_BE_CALCULATED
}
