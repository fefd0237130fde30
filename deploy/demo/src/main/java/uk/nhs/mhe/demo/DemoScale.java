package uk.nhs.mhe.demo;

/**
 * The one size knob of the demo: the fraction of England that the illustrative population and the
 * synthetic submissions both represent.
 *
 * <p>Why one factor for both: every headline indicator is a count over a population. If the
 * population is scaled by {@code f} and the people in contact, detentions, CTOs and restrictive
 * interventions are all scaled by the same {@code f}, every rate per 100,000 stays at its national,
 * realistic level while the data volume shrinks. At scale 1 ({@code --national}) the figures are
 * England-sized:
 * <ul>
 * <li>population {@value #ENGLAND_POPULATION} (Census 2021 usual residents, England);</li>
 * <li>about 2,000,000 people in contact with secondary mental health services per month
 * (one MHSDS record each, the order of magnitude NHS England publishes monthly);</li>
 * <li>about 50,000 Mental Health Act detentions a year, i.e. ~4,170 a month or ~7.4 per 100,000 per
 * month;</li>
 * <li>about 5,000 Community Treatment Orders a year (~0.74 per 100,000 per month);</li>
 * <li>about 120,000 restrictive interventions a year (an order of magnitude, ~18 per 100,000 per
 * month);</li>
 * <li>about 1,830,000 NHS Talking Therapies referrals a year (~152,500 a month, one record each), of
 * which ~1.22M enter treatment, ~177 per 100,000 a month.</li>
 * </ul>
 * The default, 1/80, gives ~706,000 people and ~25,000 records a month, so the full demo
 * (every trust open in each of the 24 months April 2023 – March 2025) is ~600,000 records and loads
 * in a couple of minutes; Talking Therapies adds ~1,900 referrals a month (~35 a trust), ~46,000 over
 * the 24 months. These are illustrative magnitudes, not statistics.
 */
public record DemoScale(double factor) {

    /** England's usual resident population, Census 2021. */
    public static final long ENGLAND_POPULATION = 56_490_048L;
    static final double PEOPLE_IN_CONTACT_PER_MONTH = 2_000_000;
    static final double DETENTIONS_PER_YEAR = 50_000;
    static final double CTOS_PER_YEAR = 5_000;
    static final double RESTRICTIVE_INTERVENTIONS_PER_YEAR = 120_000;
    static final double TALKING_THERAPIES_REFERRALS_PER_YEAR = 1_830_000;

    /** The demo default: 1/80 of England, ~600k records over 24 months. */
    public static final DemoScale DEFAULT = new DemoScale(1.0 / 80);
    /** All of England, ~2M records a month: for benchmarks. */
    public static final DemoScale NATIONAL = new DemoScale(1.0);

    public DemoScale {
        if (!(factor > 0 && factor <= 4)) {
            throw new IllegalArgumentException("scale must be in (0, 4], was " + factor);
        }
    }

    /**
     * Parses {@code 160} or {@code 1/160} (both mean 1/160 of England) or a fraction such as
     * {@code 0.025}; {@code 1} is national.
     */
    public static DemoScale parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return new DemoScale(Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1)));
        }
        double v = Double.parseDouble(s);
        return new DemoScale(v > 1 ? 1 / v : v);
    }

    /** The England population at this scale, rounded. */
    public long population() {
        return Math.round(ENGLAND_POPULATION * factor);
    }

    public double peopleInContactPerMonth() {
        return PEOPLE_IN_CONTACT_PER_MONTH * factor;
    }

    public double detentionsPerMonth() {
        return DETENTIONS_PER_YEAR / 12 * factor;
    }

    public double ctosPerMonth() {
        return CTOS_PER_YEAR / 12 * factor;
    }

    public double restrictiveInterventionsPerMonth() {
        return RESTRICTIVE_INTERVENTIONS_PER_YEAR / 12 * factor;
    }

    /** Talking Therapies referrals received in England per month at this scale. */
    public double talkingTherapiesReferralsPerMonth() {
        return TALKING_THERAPIES_REFERRALS_PER_YEAR / 12 * factor;
    }

    @Override
    public String toString() {
        return factor >= 1 ? "x" + factor + " (national)" : "1/" + Math.round(1 / factor) + " of England";
    }
}
