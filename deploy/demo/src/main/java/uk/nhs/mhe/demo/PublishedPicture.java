package uk.nhs.mhe.demo;

/**
 * The shape of the published picture that the synthetic submissions imitate, in one place so it
 * can be read and challenged. Numbers are rounded, illustrative relative factors, not estimates.
 *
 * <p>Ratios are rates per population relative to White (NHS England's Mental Health Act
 * statistics show Black people detained at roughly 3.5 times the White rate, with CTO use for
 * Black people several times higher still, and more restrictive intervention; Mixed and Other
 * groups about twice; Asian slightly above). Contact with services is a little higher for Black
 * and Mixed people and lower for Asian people. Events are more frequent in deprived areas, are
 * concentrated in working-age adults and are absent for young children. Age factors are by the 20
 * population age bands, 0-4 first and 90+ last.
 */
final class PublishedPicture {

    static final String[] BROAD_GROUPS = {"White", "Mixed", "Asian", "Black", "Other"};

    static final int DETENTIONS = 0;
    static final int CTOS = 1;
    static final int RESTRICTIVE = 2;
    static final int MEASURES = 3;

    /** People in contact per population, relative to White; by {@link #BROAD_GROUPS}. */
    static final double[] CONTACT = {1.0, 1.3, 0.7, 1.4, 1.1};

    /** Rate per population relative to White, [measure][broad group]. */
    static final double[][] RATE_RATIO = {
        {1.0, 2.0, 1.2, 3.5, 2.0},
        {1.0, 2.5, 1.3, 7.0, 2.5},
        {1.0, 2.0, 1.1, 3.0, 1.5},
    };

    /** People in contact per population by age band (children's and older people's services included). */
    static final double[] CONTACT_BY_AGE = {0.3, 0.8, 1.5, 2.5, 2.2, 1.7, 1.5, 1.4, 1.3, 1.3, 1.3, 1.2, 1.0, 0.9,
        0.9, 1.0, 1.3, 1.7, 2.0, 2.2};

    /** Events per person in contact by age band, [measure][band]. */
    static final double[][] EVENTS_BY_AGE = {
        {0, 0, 0.1, 0.6, 1.3, 1.6, 1.6, 1.5, 1.4, 1.3, 1.1, 1.0, 0.8, 0.7, 0.5, 0.45, 0.4, 0.4, 0.35, 0.3},
        {0, 0, 0, 0.2, 0.8, 1.3, 1.6, 1.7, 1.6, 1.5, 1.3, 1.1, 0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.1, 0.05},
        {0, 0.1, 0.8, 3.0, 2.0, 1.6, 1.4, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4},
    };

    /** IMD decile of people in contact, deciles 1 (most deprived) … 10: deprived areas over-represented. */
    static final double[] IMD_WEIGHTS = {1.5, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6};
    static final double IMD_NOT_KNOWN = 0.03;
    /** Events per person in contact fall by this factor per decile less deprived. */
    static final double IMD_EVENT_GRADIENT = 0.06;

    /** Recording of ethnicity, on average: not stated (Z) and not known (99); varies by trust. */
    static final double ETHNICITY_NOT_STATED = 0.05;
    static final double ETHNICITY_NOT_KNOWN = 0.03;
    /** Gender identity other than the sex-mapped codes 1 and 2. */
    static final String[] OTHER_GENDERS = {"3", "4", "Z", "X"};
    static final double[] OTHER_GENDER_SHARES = {0.003, 0.001, 0.004, 0.004};
    static final double NOT_IN_CONTACT = 0.03;
    /** Restrictive interventions cluster: people restrained at all are restrained this often on average. */
    static final double RESTRICTIVE_PER_PERSON = 3.0;

    private PublishedPicture() {
    }

    static int broadIndex(String broadGroup) {
        for (int g = 0; g < BROAD_GROUPS.length; g++) {
            if (BROAD_GROUPS[g].equals(broadGroup)) {
                return g;
            }
        }
        throw new IllegalArgumentException("not a stated broad group: " + broadGroup);
    }

    static double imdEventFactor(Integer decile) {
        return decile == null ? 1 : Math.exp(-IMD_EVENT_GRADIENT * (decile - 1));
    }

    /** The mean of {@link #imdEventFactor} over people in contact, to keep totals calibrated. */
    static double meanImdEventFactor() {
        double sumW = 0;
        double sum = 0;
        for (int d = 1; d <= 10; d++) {
            sumW += IMD_WEIGHTS[d - 1];
            sum += IMD_WEIGHTS[d - 1] * imdEventFactor(d);
        }
        return (1 - IMD_NOT_KNOWN) * sum / sumW + IMD_NOT_KNOWN;
    }
}
