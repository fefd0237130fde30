package uk.nhs.mhe.indicator.compute;

/**
 * Counts of one combination of characteristics in a period, for every indicator of a query: the
 * finest grain values are summed from. {@code area} is an ICB of residence, or a provider when
 * {@code byProvider}; {@code attribute} is the value of the set's characteristic (ethnic category,
 * gender, IMD decile, sexual orientation or provider; null when unknown); {@code ageBand} and
 * {@code sex} are null in sets that are not split by them.
 *
 * @param numerators   per indicator of the query, in its order
 * @param denominators per indicator (0 for population-based rates, whose denominator is a population)
 */
public record Cell(CellSet set, boolean byProvider, String area, String attribute, String ageBand, Integer sex,
        long[] numerators, long[] denominators) {

    /** The groupings cells come in: one per characteristic a breakdown can read. */
    public enum CellSet {
        /** ethnic category × age band × sex: none, ethnicity, broad-ethnicity, white-british, and DSRs */
        ETHNICITY,
        /** gender identity × age band: age-band and gender */
        GENDER,
        /** IMD decile × age band × sex: imd-quintile and core20 */
        IMD,
        /** sexual orientation (Talking Therapies) */
        SEXUAL_ORIENTATION,
        /** submitting provider, by residence: the provider breakdown */
        PROVIDER
    }
}
