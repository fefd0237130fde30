package uk.nhs.mhe.indicator.stats;

/**
 * Where an area lies against the funnel's average: PHEindicatormethods
 * {@code assign_funnel_significance}'s categories, kept one for one (including "not applicable")
 * so that its published test vectors can be compared label for label.
 */
public enum FunnelSignificance {
    /** Above the 99.8% funnel. */
    HIGH_0_001("High (0.001)"),
    /** Above the 95% funnel but within the 99.8% one. */
    HIGH_0_025("High (0.025)"),
    /** Within the 95% funnel. */
    NOT_SIGNIFICANT("Not significant"),
    /** Below the 95% funnel but within the 99.8% one. */
    LOW_0_025("Low (0.025)"),
    /** Below the 99.8% funnel. */
    LOW_0_001("Low (0.001)"),
    /**
     * Not assessed: a DSR of fewer than 10 events, whose Dobson interval (and so the derived
     * population the funnel needs) is not computed.
     */
    NOT_APPLICABLE("Not applicable for events less than 10 for dsrs");

    private final String label;

    FunnelSignificance(String label) {
        this.label = label;
    }

    /** PHEindicatormethods' label for this category, e.g. "High (0.001)". */
    public String label() {
        return label;
    }
}
