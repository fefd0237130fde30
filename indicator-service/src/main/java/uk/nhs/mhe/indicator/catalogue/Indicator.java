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
 * @param areaTypes     ENGLAND, REGION, ICB (by residence) and, for provider measures, PROVIDER
 * @param comparison    how a group is compared with the reference group
 */
public record Indicator(String id, String name, String definition, String numerator, String denominator, String unit,
        double multiplier, String method, Polarity polarity, String dataset, List<String> breakdowns,
        List<String> periodTypes, Calculation calculation, Counting counting, CountRule numeratorRule,
        CountRule denominatorRule, List<String> areaTypes, Comparison comparison) {

    public enum Calculation { CRUDE_RATE, DSR, PROPORTION }

    public enum Counting { EPISODES, PEOPLE }

    public enum Comparison { RATIO, DIFFERENCE }

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
