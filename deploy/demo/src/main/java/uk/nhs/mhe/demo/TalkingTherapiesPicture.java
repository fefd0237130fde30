package uk.nhs.mhe.demo;

/**
 * The shape of the published NHS Talking Therapies picture that the SYNTHETIC Talking Therapies
 * submissions imitate, in one place so it can be read and challenged. Every number here is a
 * rounded, ILLUSTRATIVE figure chosen to look like the national annual reports (about 1.8M
 * referrals a year, ~1.2M entering treatment, ~670k finishing a course; recovery ~50%, reliable
 * improvement ~67%, reliable recovery ~47%, ~90% starting treatment within 6 weeks). They are not
 * estimates and must not be quoted as statistics.
 *
 * <p>The equality gaps are ILLUSTRATIVE too: recovery is set several points lower for Black,
 * Asian, Mixed and Other groups than for White, and falls with deprivation (most deprived
 * quintile ~12 points below the least deprived), so the demo's disparity views have something of
 * the published shape to show. Age factors are by the 20 population age bands, 0-4 first; bands
 * below 15 are 0 (the service is for people aged 16 and over).
 */
final class TalkingTherapiesPicture {

    /** Referrals per population relative to White, by {@link PublishedPicture#BROAD_GROUPS}. */
    static final double[] REFERRAL = {1.0, 1.1, 0.7, 0.8, 0.8};
    /** Referrals per population by sex (1 male, 2 female): about two referrals in three are women. */
    static final double[] REFERRAL_BY_SEX = {1.0, 1.9};
    /** Referrals per population by age band; 15-17 counts only ages 16 and 17 (see {@link #MIN_AGE}). */
    static final double[] REFERRAL_BY_AGE = {0, 0, 0, 0.5, 1.4, 1.5, 1.4, 1.3, 1.2, 1.1, 1.0, 1.0, 0.9, 0.7,
        0.5, 0.35, 0.25, 0.15, 0.1, 0.05};
    static final int MIN_AGE = 16;

    /** Of referrals: share entering treatment (1.22M of 1.83M). */
    static final double ENTERED = 0.67;
    /** Of those entering treatment: share finishing a course (two or more treatment appointments). */
    static final double FINISHED = 0.55;
    /** Of those entering treatment: share at caseness at the first appointment. */
    static final double CASENESS_AT_START = 0.90;

    /**
     * ILLUSTRATIVE recovery (not at caseness at the end) of people finishing a course at caseness, by
     * broad group White, Mixed, Asian, Black, Other, before the deprivation and trust offsets.
     */
    static final double[] RECOVERY = {0.52, 0.47, 0.45, 0.45, 0.46};
    /** ILLUSTRATIVE recovery offsets by IMD quintile 1 (most deprived) … 5; 0 when not known. */
    static final double[] RECOVERY_BY_IMD_QUINTILE = {-0.07, -0.03, 0.0, 0.03, 0.05};
    /** Per-trust recovery offsets are uniform in ± this, so funnel plots have spread. */
    static final double TRUST_RECOVERY_SPREAD = 0.05;

    /** Reliable improvement given recovered, given at caseness but not recovered, and given not at caseness at start. */
    static final double IMPROVED_IF_RECOVERED = 0.94;
    static final double IMPROVED_IF_NOT_RECOVERED = 0.42;
    static final double IMPROVED_IF_NOT_CASENESS = 0.55;
    /** People finishing below caseness who are at caseness at the end (deteriorated). */
    static final double CASENESS_AT_END_IF_NOT_AT_START = 0.12;

    /** Share starting treatment within 6 weeks (42 days): the trust's value is uniform in this range (mean 0.90). */
    static final double WITHIN_6_WEEKS_LOW = 0.84;
    static final double WITHIN_6_WEEKS_HIGH = 0.96;
    /** Mean days to first treatment within 6 weeks (truncated exponential on 0–42), and the excess beyond 6 weeks. */
    static final double MEAN_DAYS_WITHIN = 16;
    static final double MEAN_DAYS_BEYOND = 35;
    static final int MAX_DAYS = 365;

    /** Ethnicity recording in Talking Therapies, on average: not stated (Z) and not known (99); varies by trust. */
    static final double ETHNICITY_NOT_STATED = 0.04;
    static final double ETHNICITY_NOT_KNOWN = 0.02;

    /**
     * Sexual orientation codes and their shares among referrals: mostly heterosexual (1), a few per
     * cent gay or lesbian (2) and bisexual (3), some other (4), unsure (U), not stated (Z) and not
     * known (9).
     */
    static final String[] SEXUAL_ORIENTATIONS = {"1", "2", "3", "4", "U", "Z", "9"};
    static final double[] SEXUAL_ORIENTATION_SHARES = {0.80, 0.025, 0.035, 0.01, 0.005, 0.05, 0.075};

    /** About one referral in eight is of someone referred before, within the last two years. */
    static final double RETURNING = 0.12;
    static final int RETURN_WITHIN_MONTHS = 24;

    private TalkingTherapiesPicture() {
    }

    /** The recovery offset of an IMD decile (1 most deprived), 0 when not known. */
    static double recoveryImdOffset(Integer decile) {
        return decile == null ? 0 : RECOVERY_BY_IMD_QUINTILE[(decile - 1) / 2];
    }
}
