package uk.nhs.mhe.demo;

import uk.nhs.mhe.reference.ReferenceData;
import uk.nhs.mhe.reference.Trust;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static uk.nhs.mhe.demo.PublishedPicture.IMD_NOT_KNOWN;
import static uk.nhs.mhe.demo.PublishedPicture.broadIndex;
import static uk.nhs.mhe.demo.TalkingTherapiesPicture.*;

/**
 * Generates SYNTHETIC monthly NHS Talking Therapies submissions (one record per referral received
 * in the month), shaped like the published picture ({@link TalkingTherapiesPicture}) with
 * ILLUSTRATIVE equality gaps in recovery, and drawn from the same illustrative population as the
 * MHSDS submissions ({@link SyntheticSubmissions}). Not real data: no record describes a real
 * person, and the gaps are not statistics.
 *
 * <p><b>How many.</b> Proportionate, like MHSDS: England's referrals per month are
 * {@link DemoScale#talkingTherapiesReferralsPerMonth()} (1,830,000 a year × scale, of which ~2/3,
 * i.e. ~1.22M a year, enter treatment), shared between trusts by the same {@link Catchments} as
 * MHSDS, ±5% from month to month. At the default scale (1/80) that is ~1,900 referrals a month in
 * England, ~35 per trust-month (~24 entering treatment, ~13 finishing a course), ~46,000 records over
 * the 24 demo months; because population and referrals share one scale, the access rate per
 * 100,000 (~180 a month) is the same at any scale. Use a larger scale (e.g. {@code --scale 20}) for
 * narrower intervals on the breakdowns.
 *
 * <p><b>Who.</b> People aged 16 and over are drawn from the population table, weighted by how often
 * each group, sex and age is referred ({@link TalkingTherapiesPicture#REFERRAL}), with residence from
 * the trust's catchment as for MHSDS. Pseudonyms use the trust's scheme {@code P<trust>-<index>} in a
 * block of indices of its own ({@value #PEOPLE_BASE} upwards, far beyond any MHSDS index), so a
 * Talking Therapies client is never mistaken for a secondary-care patient. About one referral in
 * eight is of someone referred in the previous two years, who keeps their ethnicity, gender, sexual
 * orientation and deprivation and is older by the months since.
 *
 * <p><b>Outcomes.</b> ~67% enter treatment, ~55% of those finish a course, ~90% are at caseness at
 * the start; of people finishing at caseness ~50% recover and ~67% of those finishing improve
 * reliably; ~90% start treatment within 6 weeks (each trust 84–96%). ILLUSTRATIVE gaps: recovery
 * ~7-8 points lower for Black and Asian people than for White, and ~12 points lower in the most
 * deprived quintile than in the least, with a per-trust offset of up to ±5 points.
 *
 * <p>Every record satisfies the dataset's cross-field rules (api.md): {@code finishedCourse=Y} only
 * with {@code enteredTreatment=Y}; {@code casenessAtStart} and {@code daysToFirstTreatment} given
 * exactly when treatment was entered; {@code casenessAtEnd} and {@code reliableImprovement} given
 * (Y or N) exactly when the course was finished, {@code null} otherwise.
 *
 * <p>Deterministic: the same population, scale, seed, trust and month always give the same
 * submission, whatever order or thread they are generated in.
 */
public final class TalkingTherapiesSubmissions {

    public static final String DATASET = "TALKING_THERAPIES";
    /** First pseudonym index of Talking Therapies people; MHSDS indices stay far below. */
    static final long PEOPLE_BASE = 1_000_000_000L;
    /** Index block per month of first referral: more than any trust's referrals in a month. */
    static final long PEOPLE_PER_MONTH = 1_000_000L;
    private static final YearMonth EPOCH = YearMonth.of(2020, 1);
    private static final long TAG = 0x5454L; // "TT": keeps these streams apart from the MHSDS ones
    private static final int BAND_15_17 = 3;

    private final PopulationTable population;
    private final long seed;
    private final int[] codeBroad;
    private final double[][] cellCdf;
    private final double[] icbReferrals;

    /** {@code population} must be generated at the same {@code scale} (normally the base year's). */
    public TalkingTherapiesSubmissions(PopulationTable population, DemoScale scale, long seed) {
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
        icbReferrals = new double[icbs];
        double total = 0;
        for (int i = 0; i < icbs; i++) {
            double acc = 0;
            int cell = 0;
            for (int c = 0; c < codes.size(); c++) {
                for (int b = 0; b < bands; b++) {
                    AgeBands.AgeBand band = AgeBands.ALL.get(b);
                    double eligible = band.upper() < MIN_AGE ? 0
                            : (band.upper() - Math.max(band.lower(), MIN_AGE) + 1.0) / (band.upper() - band.lower() + 1);
                    for (int s = 1; s <= PopulationTable.SEXES; s++) {
                        acc += population.count(i, c, b, s) * eligible * REFERRAL[codeBroad[c]] * REFERRAL_BY_AGE[b]
                                * REFERRAL_BY_SEX[s - 1];
                        cellCdf[i][cell++] = acc;
                    }
                }
            }
            icbReferrals[i] = acc;
            total += acc;
        }
        for (int i = 0; i < icbs; i++) {
            icbReferrals[i] *= scale.talkingTherapiesReferralsPerMonth() / total;
        }
    }

    /** How many records {@link #generate} gives for the trust and month. */
    public int referrals(Trust trust, YearMonth month) {
        return plan(trust, month).referrals();
    }

    /** The trust's Talking Therapies submission for the month. */
    public Submission<TalkingTherapiesRecord> generate(Trust trust, YearMonth month) {
        Plan plan = plan(trust, month);
        List<TalkingTherapiesRecord> records = new ArrayList<>(plan.referrals());
        for (int k = 0; k < plan.referrals(); k++) {
            records.add(referral(plan, k));
        }
        return new Submission<>(DATASET, trust.odsCode(), month.toString(), records);
    }

    private record Plan(Trust trust, YearMonth month, int monthIndex, int referrals, double[] icbCdf,
            double recoveryOffset, double within6Weeks, double missingFactor) {
    }

    private Plan plan(Trust trust, YearMonth month) {
        double[] share = Catchments.shares(trust, month, population.icbs());
        double[] cdf = new double[share.length];
        double acc = 0;
        for (int i = 0; i < share.length; i++) {
            acc += share[i] * icbReferrals[i];
            cdf[i] = acc;
        }
        int monthIndex = (int) ChronoUnit.MONTHS.between(EPOCH, month);
        SplittableRandom traits = new SplittableRandom(Seeds.mix(seed, Seeds.of(trust.odsCode()), TAG, 0x747261697473L));
        double recoveryOffset = TRUST_RECOVERY_SPREAD * (2 * traits.nextDouble() - 1);
        double within6Weeks = WITHIN_6_WEEKS_LOW + (WITHIN_6_WEEKS_HIGH - WITHIN_6_WEEKS_LOW) * traits.nextDouble();
        double missing = 0.4 + 1.2 * traits.nextDouble();
        double wobble = 0.95 + 0.1 * new SplittableRandom(Seeds.mix(seed, Seeds.of(trust.odsCode()), TAG, monthIndex))
                .nextDouble();
        int referrals = (int) Math.max(1, Math.round(acc * wobble));
        return new Plan(trust, month, monthIndex, referrals, cdf, recoveryOffset, within6Weeks, missing);
    }

    /** A person's fixed traits; the age is at their first referral. */
    private record Person(String id, int icb, int code, int ageAtFirst, int birthdayOffset, String gender,
            String ethnicity, Integer imd, String orientation) {
    }

    private Person person(Plan plan, long index) {
        String ods = plan.trust().odsCode();
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Seeds.of(ods), TAG, index));
        int icb = SyntheticSubmissions.pick(plan.icbCdf(), r.nextDouble() * plan.icbCdf()[plan.icbCdf().length - 1]);
        double[] cells = cellCdf[icb];
        int cell = SyntheticSubmissions.pick(cells, r.nextDouble() * cells[cells.length - 1]);
        int sex = cell % PopulationTable.SEXES + 1;
        int band = (cell / PopulationTable.SEXES) % AgeBands.ALL.size();
        int code = cell / (PopulationTable.SEXES * AgeBands.ALL.size());
        AgeBands.AgeBand ages = AgeBands.ALL.get(band);
        int lower = band == BAND_15_17 ? MIN_AGE : ages.lower();
        int age = lower + r.nextInt(ages.upper() - lower + 1);
        int birthdayOffset = r.nextInt(12);
        String gender = SyntheticSubmissions.gender(r.nextDouble(), sex);
        double u = r.nextDouble();
        String ethnicity = u < ETHNICITY_NOT_STATED * plan.missingFactor() ? "Z"
                : u < (ETHNICITY_NOT_STATED + ETHNICITY_NOT_KNOWN) * plan.missingFactor() ? "99"
                : population.codes().get(code);
        Integer imd = r.nextDouble() < IMD_NOT_KNOWN ? null : SyntheticSubmissions.pickDecile(r.nextDouble());
        String orientation = choose(SEXUAL_ORIENTATIONS, SEXUAL_ORIENTATION_SHARES, r.nextDouble());
        return new Person("P" + ods + "-" + index, icb, code, age, birthdayOffset, gender, ethnicity, imd, orientation);
    }

    private TalkingTherapiesRecord referral(Plan plan, int k) {
        String ods = plan.trust().odsCode();
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Seeds.of(ods), TAG, plan.monthIndex(), k));
        int firstMonth = plan.monthIndex();
        long slot = k;
        if (r.nextDouble() < RETURNING) {
            firstMonth -= 1 + r.nextInt(RETURN_WITHIN_MONTHS);
            slot = r.nextInt(plan.referrals());
        }
        Person p = person(plan, PEOPLE_BASE + (long) firstMonth * PEOPLE_PER_MONTH + slot);
        int age = Math.min(120, p.ageAtFirst() + (plan.monthIndex() - firstMonth + p.birthdayOffset()) / 12);
        String date = plan.month().atDay(1 + r.nextInt(plan.month().lengthOfMonth())).toString();

        boolean entered = r.nextDouble() < ENTERED;
        boolean finished = entered && r.nextDouble() < FINISHED;
        Boolean casenessStart = entered ? r.nextDouble() < CASENESS_AT_START : null;
        Integer days = entered ? daysToFirstTreatment(r, plan.within6Weeks()) : null;
        Boolean casenessEnd = null;
        Boolean improved = null;
        if (finished) {
            if (casenessStart) {
                boolean recovered = r.nextDouble() < recoveryProbability(codeBroad[p.code()], p.imd(), plan.recoveryOffset());
                casenessEnd = !recovered;
                improved = r.nextDouble() < (recovered ? IMPROVED_IF_RECOVERED : IMPROVED_IF_NOT_RECOVERED);
            } else {
                casenessEnd = r.nextDouble() < CASENESS_AT_END_IF_NOT_AT_START;
                improved = r.nextDouble() < IMPROVED_IF_NOT_CASENESS;
            }
        }
        String referralId = "TT" + ods + "-" + plan.month().toString().replace("-", "") + "-" + k;
        return new TalkingTherapiesRecord(referralId, p.id(), p.ethnicity(), p.gender(), age,
                population.icbs().get(p.icb()), p.imd(), p.orientation(), date, yn(entered), yn(finished),
                yn(casenessStart), yn(casenessEnd), yn(improved), days);
    }

    /** ILLUSTRATIVE: the broad group's recovery, moved by deprivation and the trust's offset. */
    static double recoveryProbability(int broadGroup, Integer imdDecile, double trustOffset) {
        double p = RECOVERY[broadGroup] + recoveryImdOffset(imdDecile) + trustOffset;
        return Math.max(0.05, Math.min(0.95, p));
    }

    private static int daysToFirstTreatment(SplittableRandom r, double within6Weeks) {
        if (r.nextDouble() < within6Weeks) {
            // exponential with mean MEAN_DAYS_WITHIN, truncated to 0–42 days
            double tail = Math.exp(-43 / MEAN_DAYS_WITHIN);
            return (int) Math.min(42, -MEAN_DAYS_WITHIN * Math.log(1 - r.nextDouble() * (1 - tail)));
        }
        return (int) Math.min(MAX_DAYS, 43 - MEAN_DAYS_BEYOND * Math.log(1 - r.nextDouble()));
    }

    private static String choose(String[] codes, double[] shares, double u) {
        double acc = 0;
        for (int i = 0; i < codes.length; i++) {
            acc += shares[i];
            if (u < acc) {
                return codes[i];
            }
        }
        return codes[0];
    }

    private static String yn(Boolean b) {
        return b == null ? null : b ? "Y" : "N";
    }
}
