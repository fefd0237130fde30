package uk.nhs.mhe.indicator.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * European Standard Population 2013 weights for the platform's 20 age bands, per sex.
 *
 * <p>The ESP2013 band 15–19 (5,500) is split 3:2 by years into {@code 15-17} (3,300) and
 * {@code 18-19} (2,200) so that children's measures can stop at 18; the other bands are the
 * plain ESP2013 weights. Each sex takes the same weights, summing to 100,000, so Σw = 200,000
 * over the 40 age × sex strata (indicators.md, "Directly standardised rate").
 *
 * <p>Source: Eurostat, Revision of the European Standard Population (2013); PHEindicatormethods
 * {@code esp2013}.
 */
public final class Esp2013 {

    /** The ESP2013 weight of each of the 20 age bands, in band order. */
    public static final Map<String, Double> WEIGHTS_BY_AGE_BAND;

    /** The 20 age bands, youngest first: {@code 0-4}, {@code 5-9}, … {@code 90+}. */
    public static final List<String> AGE_BANDS;

    /** Sum of the weights of one sex: 100,000. */
    public static final double TOTAL_PER_SEX = 100_000;

    static {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("0-4", 5000.0);
        weights.put("5-9", 5500.0);
        weights.put("10-14", 5500.0);
        weights.put("15-17", 3300.0);
        weights.put("18-19", 2200.0);
        String[] fives = {"20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59",
            "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+"};
        double[] fiveWeights = {6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
            2500, 1500, 1000};
        for (int i = 0; i < fives.length; i++) {
            weights.put(fives[i], fiveWeights[i]);
        }
        WEIGHTS_BY_AGE_BAND = Collections.unmodifiableMap(weights);
        AGE_BANDS = List.copyOf(new ArrayList<>(weights.keySet()));
    }

    private Esp2013() {
    }

    /**
     * The weight of {@code ageBand}.
     *
     * @throws IllegalArgumentException for a band not among the 20
     */
    public static double weight(String ageBand) {
        Double weight = WEIGHTS_BY_AGE_BAND.get(ageBand);
        if (weight == null) {
            throw new IllegalArgumentException("unknown age band: " + ageBand);
        }
        return weight;
    }
}
