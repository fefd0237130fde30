package uk.nhs.mhe.demo;

import uk.nhs.mhe.reference.EthnicCategory;
import uk.nhs.mhe.reference.Icb;
import uk.nhs.mhe.reference.ReferenceData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates an ILLUSTRATIVE population table (42 ICBs × ethnic categories A–S × 20 age bands × sex)
 * for the demo, because no real Census 2021 table ships with the platform (reference/README.md).
 *
 * <p>It is not a statistic. It reproduces only the broad published picture so that demo rates look
 * plausible: England's total (56,490,048 × scale), the Census 2021 England shares of the ethnic
 * groups (White ~81%, Asian 9.6%, Black 4.2%, Mixed 3.0%, Other 2.2%, NHS grouping with Chinese in
 * Other), a geography in which London and the big cities are far more diverse than the South West
 * ({@link IcbProfiles}), and an age structure that is younger for minority groups and for London.
 * A small seeded jitter gives texture; the same seed and scale always give the same table, and
 * later years are the same shape grown by {@value #GROWTH_PER_YEAR} a year.
 */
public final class IllustrativePopulation {

    static final int BASE_YEAR = 2023;
    static final double GROWTH_PER_YEAR = 0.008;

    /** England shares (%) of the stated codes; they add up to 100. */
    private static final Map<String, Double> ENGLAND_SHARES = Map.ofEntries(
            Map.entry("A", 73.5), Map.entry("B", 0.9), Map.entry("C", 6.6),
            Map.entry("D", 0.9), Map.entry("E", 0.5), Map.entry("F", 0.8), Map.entry("G", 0.8),
            Map.entry("H", 3.3), Map.entry("J", 2.7), Map.entry("K", 1.1), Map.entry("L", 2.5),
            Map.entry("M", 1.1), Map.entry("N", 2.5), Map.entry("P", 0.6),
            Map.entry("R", 0.8), Map.entry("S", 1.4));

    /** England 2021 age structure (%) in the 19 ESP2013 bands, roughly; 15–19 is split 3:2 below. */
    private static final double[] AGE_19 = {5.4, 5.9, 6.0, 5.7, 6.0, 6.6, 6.9, 6.7, 6.3, 6.4, 6.9, 6.7, 5.8, 5.0,
        5.1, 3.6, 2.5, 1.5, 0.8};

    private final DemoScale scale;
    private final long seed;

    public IllustrativePopulation(DemoScale scale, long seed) {
        this.scale = scale;
        this.seed = seed;
    }

    /** The table for {@code year}, its total {@code round(56,490,048 × scale × growth)} exactly. */
    public PopulationTable generate(int year) {
        ReferenceData ref = ReferenceData.get();
        List<Icb> icbs = new ArrayList<>(ref.icbs().values());
        List<EthnicCategory> codes = ref.ethnicCategories().values().stream().filter(EthnicCategory::isStated)
                .sorted(Comparator.comparing(EthnicCategory::code)).toList();
        double[] icbShare = icbShares(icbs);
        int bands = AgeBands.ALL.size();
        double[] expected = new double[icbs.size() * codes.size() * bands * PopulationTable.SEXES];
        SplittableRandom jitter = new SplittableRandom(Seeds.mix(seed, 0x706F70L));
        int k = 0;
        for (int i = 0; i < icbs.size(); i++) {
            double[] codeShare = codeShares(icbs.get(i), codes, icbs, icbShare);
            for (int c = 0; c < codes.size(); c++) {
                double[] age = ageShares(codes.get(c), icbs.get(i).regionOdsCode());
                for (int b = 0; b < bands; b++) {
                    double female = femaleShare(AgeBands.ALL.get(b).mid());
                    for (int s = 1; s <= PopulationTable.SEXES; s++) {
                        double sexShare = s == 2 ? female : 1 - female;
                        expected[k++] = icbShare[i] * codeShare[c] * age[b] * sexShare * (0.9 + 0.2 * jitter.nextDouble());
                    }
                }
            }
        }
        long total = Math.round(DemoScale.ENGLAND_POPULATION * scale.factor()
                * Math.pow(1 + GROWTH_PER_YEAR, year - BASE_YEAR));
        return new PopulationTable(year, icbs.stream().map(Icb::odsCode).toList(),
                codes.stream().map(EthnicCategory::code).toList(), roundToTotal(expected, total));
    }

    private static double[] icbShares(List<Icb> icbs) {
        double[] share = new double[icbs.size()];
        double sum = 0;
        for (int i = 0; i < share.length; i++) {
            share[i] = IcbProfiles.of(icbs.get(i).odsCode()).millions();
            sum += share[i];
        }
        for (int i = 0; i < share.length; i++) {
            share[i] /= sum;
        }
        return share;
    }

    /**
     * Each minority code's England share tilted by the ICB's factor and normalised so the England
     * share comes out exactly; White British (A) takes what is left in each ICB.
     */
    private static double[] codeShares(Icb icb, List<EthnicCategory> codes, List<Icb> icbs, double[] icbShare) {
        double[] share = new double[codes.size()];
        double others = 0;
        int a = -1;
        for (int c = 0; c < codes.size(); c++) {
            String code = codes.get(c).code();
            if ("A".equals(code)) {
                a = c;
                continue;
            }
            double englandMean = 0;
            for (int i = 0; i < icbs.size(); i++) {
                englandMean += icbShare[i] * IcbProfiles.factor(icbs.get(i).odsCode(), code);
            }
            share[c] = ENGLAND_SHARES.get(code) / 100 * IcbProfiles.factor(icb.odsCode(), code) / englandMean;
            others += share[c];
        }
        if (others > 0.9) {
            throw new IllegalStateException("illustrative profile leaves too little White British in " + icb.odsCode());
        }
        share[a] = 1 - others;
        return share;
    }

    /** Younger for minority groups and London, older for White British, Irish and the South West. */
    private static double[] ageShares(EthnicCategory code, String region) {
        double tilt = switch (code.broadGroup()) {
            case "White" -> switch (code.code()) {
                case "A" -> 0.008;
                case "B" -> 0.012;
                default -> -0.012;
            };
            case "Mixed" -> -0.04;
            case "Asian" -> -0.02;
            case "Black" -> -0.018;
            default -> -0.015;
        };
        tilt += switch (region) {
            case "Y56" -> -0.006;
            case "Y58" -> 0.004;
            default -> 0;
        };
        double[] share = new double[AgeBands.ALL.size()];
        double sum = 0;
        for (int b = 0; b < share.length; b++) {
            double base = b < 3 ? AGE_19[b] : b == 3 ? AGE_19[3] * 0.6 : b == 4 ? AGE_19[3] * 0.4 : AGE_19[b - 1];
            share[b] = base * Math.exp(tilt * (AgeBands.ALL.get(b).mid() - 40));
            sum += share[b];
        }
        for (int b = 0; b < share.length; b++) {
            share[b] /= sum;
        }
        return share;
    }

    /** About even until 50, then increasingly female (women live longer). */
    private static double femaleShare(double age) {
        return age < 50 ? 0.495 : Math.min(0.7, 0.495 + (age - 50) * 0.0045);
    }

    /** Largest-remainder rounding, so the integer cells add up to {@code total} exactly. */
    static long[] roundToTotal(double[] expected, long total) {
        double sum = 0;
        for (double e : expected) {
            sum += e;
        }
        long[] result = new long[expected.length];
        double[] remainder = new double[expected.length];
        long assigned = 0;
        for (int i = 0; i < expected.length; i++) {
            double exact = expected[i] * total / sum;
            result[i] = (long) Math.floor(exact);
            remainder[i] = exact - result[i];
            assigned += result[i];
        }
        Integer[] order = new Integer[expected.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> remainder[y] != remainder[x]
                ? Double.compare(remainder[y], remainder[x]) : Integer.compare(x, y));
        for (int i = 0; assigned < total; i++, assigned++) {
            result[order[i]]++;
        }
        return result;
    }
}
