package uk.nhs.mhe.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The 20 population age bands of indicators.md (ESP2013 with 15–19 split at 18, so children's
 * measures have a denominator). {@code 90+} is generated as ages 90–100.
 */
final class AgeBands {

    /** One band; {@code upper} is inclusive. */
    record AgeBand(String label, int lower, int upper) {
        double mid() {
            return (lower + upper + 1) / 2.0;
        }
    }

    static final List<AgeBand> ALL = build();

    private AgeBands() {
    }

    static int indexOf(int age) {
        for (int i = ALL.size() - 1; i >= 0; i--) {
            if (age >= ALL.get(i).lower()) {
                return i;
            }
        }
        throw new IllegalArgumentException("age " + age);
    }

    private static List<AgeBand> build() {
        List<AgeBand> bands = new ArrayList<>();
        bands.add(new AgeBand("0-4", 0, 4));
        bands.add(new AgeBand("5-9", 5, 9));
        bands.add(new AgeBand("10-14", 10, 14));
        bands.add(new AgeBand("15-17", 15, 17));
        bands.add(new AgeBand("18-19", 18, 19));
        for (int lower = 20; lower < 90; lower += 5) {
            bands.add(new AgeBand(lower + "-" + (lower + 4), lower, lower + 4));
        }
        bands.add(new AgeBand("90+", 90, 100));
        return List.copyOf(bands);
    }
}
