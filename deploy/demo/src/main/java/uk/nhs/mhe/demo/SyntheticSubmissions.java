package uk.nhs.mhe.demo;

import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static uk.nhs.mhe.demo.PublishedPicture.*;

/**
 * Generates SYNTHETIC monthly MHSDS submissions (one record per person in contact), shaped like the
 * published picture ({@link PublishedPicture}) and consistent with the illustrative population they
 * are drawn from. Not real data: no record describes a real person.
 *
 * <p><b>Who.</b> People are drawn from the population table, weighted by how often each group and
 * age is in contact with services, with residence from the trust's {@link Catchments}. A person is
 * fully determined by (seed, trust, index) and is identified by the pseudonym
 * {@code P<trust>-<index>}; each month a trust's caseload is the window of indices
 * {@code [m·step, m·step + n)}, {@code step} = {@value #TURNOVER} × n, so most people recur the
 * next month and about an eighth are new, as a national pseudonym would show.
 *
 * <p><b>How many.</b> n is the trust's share of the people in contact of the ICBs it serves, and
 * England's people in contact per month are {@link DemoScale#peopleInContactPerMonth()}: 2,000,000 ×
 * scale. The default scale (1/80) gives ~25,000 records a month, ~480 a trust.
 *
 * <p><b>Events.</b> Detentions, CTOs and restrictive interventions are drawn per person from a
 * rate that depends on broad ethnic group, age, deprivation and a fixed per-trust factor
 * (0.75–1.25, so funnel plots have spread). The group rates are calibrated against the population
 * so that (i) England's expected monthly total is the national figure × scale (~50,000 detentions
 * a year, i.e. ~7.4 per 100,000 a month; ~5,000 CTOs; ~120,000 restrictive interventions) and
 * (ii) each group's crude rate per population is its published ratio to White (Black 3.5×, Mixed
 * 2×, Asian 1.2×, Other 2× for detentions). Because population and activity share one
 * {@link DemoScale}, every rate per 100,000 is the same at any scale; only the noise changes.
 * About 5% of ethnic categories are recorded as Z and 3% as 99 (more or less by trust), which
 * removes people evenly from every group, so the ratios survive.
 *
 * <p>Deterministic: the same population, scale, seed, trust and month always give the same
 * submission, whatever order or thread they are generated in.
 */
public final class SyntheticSubmissions {

    static final double TURNOVER = 0.12;
    private static final YearMonth EPOCH = YearMonth.of(2020, 1);

    private final PopulationTable population;
    private final long seed;
    private final int[] codeBroad;
    private final double[][] cellCdf;
    private final double[] icbContacts;
    private final double[][] eventRate;
    private final double meanImdFactor = meanImdEventFactor();

    /** {@code population} must be generated at the same {@code scale} (normally the base year's). */
    public SyntheticSubmissions(PopulationTable population, DemoScale scale, long seed) {
        this.population = population;
        this.seed = seed;
        List<String> codes = population.codes();
        codeBroad = new int[codes.size()];
        for (int c = 0; c < codes.size(); c++) {
            codeBroad[c] = broadIndex(ReferenceData.get().ethnicCategories().get(codes.get(c)).broadGroup());
        }
        int icbs = population.icbs().size();
        int bands = AgeBands.ALL.size();
        cellCdf = new double[icbs][codes.size() * bands * PopulationTable.SEXES];
        icbContacts = new double[icbs];
        double totalWeight = 0;
        double[] popByGroup = new double[BROAD_GROUPS.length];
        double[][] exposure = new double[MEASURES][BROAD_GROUPS.length];
        for (int i = 0; i < icbs; i++) {
            double acc = 0;
            int cell = 0;
            for (int c = 0; c < codes.size(); c++) {
                int g = codeBroad[c];
                for (int b = 0; b < bands; b++) {
                    for (int s = 1; s <= PopulationTable.SEXES; s++) {
                        long n = population.count(i, c, b, s);
                        double w = n * CONTACT[g] * CONTACT_BY_AGE[b];
                        acc += w;
                        cellCdf[i][cell++] = acc;
                        popByGroup[g] += n;
                        for (int m = 0; m < MEASURES; m++) {
                            exposure[m][g] += w * EVENTS_BY_AGE[m][b];
                        }
                    }
                }
            }
            icbContacts[i] = acc;
            totalWeight += acc;
        }
        double contactsPerWeight = scale.peopleInContactPerMonth() / totalWeight;
        for (int i = 0; i < icbs; i++) {
            icbContacts[i] *= contactsPerWeight;
        }
        double[] targets = {scale.detentionsPerMonth(), scale.ctosPerMonth(), scale.restrictiveInterventionsPerMonth()};
        eventRate = new double[MEASURES][BROAD_GROUPS.length];
        for (int m = 0; m < MEASURES; m++) {
            double weighted = 0;
            for (int g = 0; g < BROAD_GROUPS.length; g++) {
                weighted += RATE_RATIO[m][g] * popByGroup[g];
            }
            double perPopulation = targets[m] / weighted; // the White rate per person per month
            for (int g = 0; g < BROAD_GROUPS.length; g++) {
                double contacts = exposure[m][g] * contactsPerWeight;
                eventRate[m][g] = contacts > 0 ? RATE_RATIO[m][g] * perPopulation * popByGroup[g] / contacts : 0;
            }
        }
    }

    /** Trusts open in the month; the loader submits for each of them. */
    public static List<Trust> trustsOpenIn(YearMonth month) {
        return Catchments.openIn(month);
    }

    /** How many records {@link #generate} gives for the trust and month. */
    public int peopleInContact(Trust trust, YearMonth month) {
        return plan(trust, month).people();
    }

    /** The trust's MHSDS submission for the month. */
    public Submission<MhsdsRecord> generate(Trust trust, YearMonth month) {
        Plan plan = plan(trust, month);
        List<MhsdsRecord> records = new ArrayList<>(plan.people());
        for (long j = plan.first(); j < plan.first() + plan.people(); j++) {
            records.add(record(plan, j));
        }
        return new Submission<>("MHSDS", trust.odsCode(), month.toString(), records);
    }

    private record Plan(Trust trust, int monthIndex, int people, int step, long first, double[] icbCdf,
            double[] trustFactor, double missingFactor) {
    }

    private Plan plan(Trust trust, YearMonth month) {
        double[] share = Catchments.shares(trust, month, population.icbs());
        double[] cdf = new double[share.length];
        double acc = 0;
        for (int i = 0; i < share.length; i++) {
            acc += share[i] * icbContacts[i];
            cdf[i] = acc;
        }
        int people = (int) Math.max(1, Math.round(acc));
        int step = (int) Math.max(1, Math.round(TURNOVER * people));
        int monthIndex = (int) ChronoUnit.MONTHS.between(EPOCH, month);
        SplittableRandom traits = new SplittableRandom(Seeds.mix(seed, Seeds.of(trust.odsCode()), 0x747261697473L));
        double[] factor = new double[MEASURES];
        for (int m = 0; m < MEASURES; m++) {
            factor[m] = 0.75 + 0.5 * traits.nextDouble();
        }
        double missing = 0.4 + 1.2 * traits.nextDouble();
        return new Plan(trust, monthIndex, people, step, (long) monthIndex * step, cdf, factor, missing);
    }

    private MhsdsRecord record(Plan plan, long j) {
        String ods = plan.trust().odsCode();
        SplittableRandom person = new SplittableRandom(Seeds.mix(seed, Seeds.of(ods), j));
        int icb = pick(plan.icbCdf(), person.nextDouble() * plan.icbCdf()[plan.icbCdf().length - 1]);
        double[] cells = cellCdf[icb];
        int cell = pick(cells, person.nextDouble() * cells[cells.length - 1]);
        int sex = cell % PopulationTable.SEXES + 1;
        int band = (cell / PopulationTable.SEXES) % AgeBands.ALL.size();
        int code = cell / (PopulationTable.SEXES * AgeBands.ALL.size());
        AgeBands.AgeBand ages = AgeBands.ALL.get(band);
        int ageAtEntry = ages.lower() + person.nextInt(ages.upper() - ages.lower() + 1);
        int birthdayOffset = person.nextInt(12);
        String gender = gender(person.nextDouble(), sex);
        double u = person.nextDouble();
        String ethnicity = u < ETHNICITY_NOT_STATED * plan.missingFactor() ? "Z"
                : u < (ETHNICITY_NOT_STATED + ETHNICITY_NOT_KNOWN) * plan.missingFactor() ? "99"
                : population.codes().get(code);
        Integer imd = person.nextDouble() < IMD_NOT_KNOWN ? null : pickDecile(person.nextDouble());

        long entryMonth = Math.floorDiv(j - plan.people(), plan.step()) + 1;
        int age = (int) Math.min(120, ageAtEntry + (plan.monthIndex() - entryMonth + birthdayOffset) / 12);

        SplittableRandom month = new SplittableRandom(Seeds.mix(seed, Seeds.of(ods), j, plan.monthIndex()));
        String inContact = month.nextDouble() < NOT_IN_CONTACT ? "N" : "Y";
        int g = codeBroad[code];
        double common = imdEventFactor(imd) / meanImdFactor;
        double[] rate = new double[MEASURES];
        for (int m = 0; m < MEASURES; m++) {
            rate[m] = eventRate[m][g] * EVENTS_BY_AGE[m][band] * common * plan.trustFactor()[m];
        }
        int detentions = poisson(month, rate[DETENTIONS]);
        int ctos = poisson(month, rate[CTOS]);
        int restrictive = month.nextDouble() < Math.min(1, rate[RESTRICTIVE] / RESTRICTIVE_PER_PERSON)
                ? 1 + poisson(month, RESTRICTIVE_PER_PERSON - 1) : 0;
        return new MhsdsRecord("P" + ods + "-" + j, ethnicity, gender, age,
                population.icbs().get(icb), imd, inContact, detentions, ctos, restrictive);
    }

    static String gender(double u, int sex) {
        double acc = 0;
        for (int k = 0; k < OTHER_GENDERS.length; k++) {
            acc += OTHER_GENDER_SHARES[k];
            if (u < acc) {
                return OTHER_GENDERS[k];
            }
        }
        return String.valueOf(sex);
    }

    static int pickDecile(double u) {
        double total = 0;
        for (double w : IMD_WEIGHTS) {
            total += w;
        }
        double acc = 0;
        for (int d = 0; d < IMD_WEIGHTS.length; d++) {
            acc += IMD_WEIGHTS[d] / total;
            if (u < acc) {
                return d + 1;
            }
        }
        return IMD_WEIGHTS.length;
    }

    /** The first index whose cumulative weight exceeds {@code u}: never a zero-weight cell. */
    static int pick(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int poisson(SplittableRandom random, double lambda) {
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
