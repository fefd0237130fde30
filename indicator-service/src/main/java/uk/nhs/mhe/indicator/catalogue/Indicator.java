package uk.nhs.mhe.indicator.catalogue;

import uk.nhs.mhe.indicator.stats.Polarity;

import java.util.List;

/**
 * A headline measure as published in the catalogue (api.md), with the rules that compute it
 * (indicators.md): what the numerator and denominator count, how values are calculated, how
 * records are counted, and which areas it is measured for.
 *
 * @param calculation   crude rate, directly standardised rate or proportion
 * @param counting      {@link Counting#EPISODES} add up across records; {@link Counting#PEOPLE}
 *                      count distinct {@code personId} over the area and period
 * @param numeratorRule what a record adds to the numerator
 * @param denominatorRule what a record adds to the denominator, or that it is a population
 * @param areaTypes     ENGLAND, REGION, ICB and, for provider measures, PROVIDER
 * @param areaBasis     which records an England, region or ICB value adds up (absent: {@link AreaBasis#RESIDENCE})
 * @param comparison    how a group is compared with the reference group
 */
public record Indicator(String id, String name, String definition, String numerator, String denominator, String unit,
        double multiplier, String method, Polarity polarity, String dataset, List<String> breakdowns,
        List<String> periodTypes, Calculation calculation, Counting counting, CountRule numeratorRule,
        CountRule denominatorRule, List<String> areaTypes, AreaBasis areaBasis, Comparison comparison) {

    public Indicator {
        areaBasis = areaBasis == null ? AreaBasis.RESIDENCE : areaBasis;
        if (areaBasis == AreaBasis.SUBMITTING_PROVIDER && calculation != Calculation.PROPORTION) {
            // A population is that of an area of residence: it is no denominator for a provider's records.
            throw new IllegalArgumentException(id + ": only proportions can be measured by submitting provider");
        }
    }

    public enum Calculation { CRUDE_RATE, DSR, PROPORTION }

    public enum Counting { EPISODES, PEOPLE }

    public enum Comparison { RATIO, DIFFERENCE }

    /**
     * Which records the values of England, a region or an ICB add up (indicators.md, "Counting
     * rules"). A provider area always takes its own records.
     */
    public enum AreaBasis {
        /** those of the patients resident in the area ({@code residenceIcb}) */
        RESIDENCE,
        /**
         * those submitted by the providers in the area: under the ICB that ODS assigns to each
         * (the trusts reference list), that ICB's region and England, wherever the patients live
         */
        SUBMITTING_PROVIDER
    }

    /**
     * What one record (or, for people measures, one person) adds: {@code sum} names a numeric field
     * to add (detentions), otherwise it adds 1; only when every condition of {@code where} holds
     * ({@code field=value}, {@code field<n}, {@code field<=n}, {@code field in A,B,C}). A
     * {@code population} denominator is the population of the area, optionally only the named
     * {@code ageBands}.
     */
    public record CountRule(String sum, List<String> where, Boolean population, List<String> ageBands) {

        public CountRule {
            where = where == null ? List.of() : List.copyOf(where);
            ageBands = ageBands == null ? null : List.copyOf(ageBands);
        }

        public boolean isPopulation() {
            return Boolean.TRUE.equals(population);
        }
    }

    public boolean isRate() {
        return calculation != Calculation.PROPORTION;
    }
}
