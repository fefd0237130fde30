package uk.nhs.mhe.indicator.query;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import uk.nhs.mhe.indicator.aggregate.SubmissionEventProducer;
import uk.nhs.mhe.indicator.stats.ByarInterval;
import uk.nhs.mhe.indicator.stats.ConfidenceLevel;
import uk.nhs.mhe.indicator.stats.DisclosureControl;
import uk.nhs.mhe.indicator.stats.Interval;
import uk.nhs.mhe.infra.InjectKafkaBootstrap;
import uk.nhs.mhe.infra.KafkaTestResource;
import uk.nhs.mhe.infra.PostgresTestResource;
import uk.nhs.mhe.infra.TestTokens;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacker audit of the public view (docs/indicators.md, "Disclosure control"; the method of
 * disclosure-audit.md): a generated data set with many small counts over four ICBs in two
 * regions, thirteen months and every breakdown is pushed through Kafka into the service; every
 * public figure the API serves for it is harvested over HTTP without a token — {@code /data} for
 * every area, period (month, FY, R12) and breakdown of the crude rate and of its DSR, and
 * {@code /funnel} over regions and ICBs — and read as an attacker reads them:
 * <ul>
 *   <li>a count shown as 0 is 0; a count not a multiple of 5 is exact; a multiple of 5, r, is a
 *       randomly rounded count in [max(10, r − 4), r + 4] (1–9 are hidden); a hidden count is
 *       only ≥ 0 (what the suppression symbol says is not used, as disclosure-audit.md allows);</li>
 *   <li>a rate is a count: value × population ÷ 100,000 — an equality whenever it differs from
 *       the count shown (the value then came from the exact count);</li>
 *   <li>a DSR's interval gives its count O by (U − DSR)/(DSR − L); an O that is a multiple of 5
 *       came from rounded strata, and the attacker is then credited with every stratum's rounded
 *       count (more than the DSR gives), otherwise O is an equality;</li>
 *   <li>a funnel average that is not the average of the points shown is the average of all areas
 *       (an equality on their sum).</li>
 * </ul>
 * The unknowns are the counts per ICB, month, ethnic code, age band and gender, and per ICB,
 * month, IMD decile, age band and gender, the two tables sharing their age-band × gender margin:
 * every published figure is a sum of one of them, and any non-negative tables with a common
 * margin come from some data set, so the linear program is as strong as one over whole records.
 * For every published figure whose true count is 1–4 it asks (OR-Tools' GLOP) for the interval
 * consistent with everything published; the audit fails when an interval lies within 1–4.
 * One program first minimises the sum of all of them: when all can be 0 at once, none is pinned.
 * <p>
 * For each pinned count it prints the published figures that set its bounds (non-zero duals).
 * <p>
 * Part of {@code ./mvnw verify}; on its own: {@code ./mvnw -pl indicator-service -am test
 * -Pdisclosure-audit} (about two minutes). docs/indicators.md records what it found under each
 * rule it was used to choose between (nearest rounding pinned 1,232 of 1,280 small counts; the
 * rule of {@link DisclosureControl} pins none).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@Tag("disclosure-audit")
class DisclosureAuditTest {

    private static final String CRUDE = "mha-detention-rate";
    private static final String DSR = "mha-detention-rate-dsr";
    private static final Map<String, String> REGION_OF = Map.of("QMJ", "Y56", "QKK", "Y56", "QKS", "Y59");
    private static final List<String> ICBS = List.of("QKK", "QKS", "QMJ");
    private static final List<String> ETHNIC = List.of("A", "M", "N", "H", "Z");
    private static final List<String> BANDS = List.of("30-34", "50-54");
    private static final List<String> GENDERS = List.of("1", "2", "X");
    private static final List<String> DECILES = List.of("2", "6");
    // Years no other test of the service uses, and earlier than all of theirs: the audit shares
    // their database, and "the latest period" of the pages and queries must stay theirs.
    private static final YearMonth FIRST = YearMonth.of(2001, 4);
    private static final int MONTHS = 13;
    private static final double PER = 100_000;

    @InjectKafkaBootstrap
    String bootstrap;

    /** One generated record. */
    record Rec(String icb, YearMonth month, String ethnic, int band, String gender, String decile, int detentions) {
    }

    /** A published figure read as a constraint on the sum of the cells it covers. */
    record Figure(String what, Key key, double lower, double upper, long truth) {
    }

    /** Which cells a figure covers: areas' ICBs × months × a predicate on the cell. */
    record Key(String area, String period, String breakdown, String group, Integer band, Integer sex) {
    }

    @Test
    void noPublicFigurePinsASmallCount() throws Exception {
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        long started = System.nanoTime();
        List<Rec> records = generate(new Random(20_401));
        load(records);
        long loaded = System.nanoTime();

        List<Figure> figures = new ArrayList<>();
        List<String> periods = periods();
        List<String> areas = List.of("ENGLAND", "Y56", "Y59", "QKK", "QKS", "QMJ");
        Map<Key, Long> truth = new HashMap<>();
        int served = 0;
        for (String period : periods) {
            for (String area : areas) {
                for (String breakdown : List.of("none", "ethnicity", "broad-ethnicity", "white-british", "age-band",
                        "gender", "imd-quintile", "core20")) {
                    JsonPath data = publicJson("/api/v1/indicators/" + CRUDE + "/data?area=" + area + "&period=" + period
                            + "&breakdown=" + breakdown);
                    for (Map<String, Object> row : data.<Map<String, Object>>getList("rows")) {
                        Key key = new Key(area, period, breakdown, (String) row.get("group"), null, null);
                        long t = count(records, key);
                        truth.put(key, t);
                        figures.addAll(crudeRow(key, row, t));
                        served++;
                    }
                    if (!List.of("age-band", "gender").contains(breakdown)) {
                        JsonPath dsr = publicJson("/api/v1/indicators/" + DSR + "/data?area=" + area + "&period="
                                + period + "&breakdown=" + breakdown);
                        for (Map<String, Object> row : dsr.<Map<String, Object>>getList("rows")) {
                            Key key = new Key(area, period, breakdown, (String) row.get("group"), null, null);
                            figures.addAll(dsrRow(key, row, records));
                            served++;
                        }
                    }
                }
            }
            for (String areaType : List.of("REGION", "ICB")) {
                for (String[] bg : List.of(new String[] {"none", "All"}, new String[] {"broad-ethnicity", "Black"}, new String[] {"broad-ethnicity", "Asian"},
                        new String[] {"imd-quintile", "1"},
                        new String[] {"ethnicity", "N"})) {
                    JsonPath funnel = publicJson("/api/v1/indicators/" + CRUDE + "/funnel?areaType=" + areaType
                            + "&period=" + period + "&breakdown=" + bg[0] + "&group=" + bg[1]);
                    figures.addAll(funnelAverage(funnel, period, bg[0], bg[1], records));
                    served++;
                }
            }
        }
        long harvested = System.nanoTime();
        System.out.printf("Disclosure audit: %d records, %d public answers, %d constraints (load %.1f s, harvest %.1f s)%n",
                records.size(), served, figures.size(), (loaded - started) / 1e9, (harvested - loaded) / 1e9);
        figures.stream().filter(f -> f.lower() == f.upper() && f.lower() > 0 && !f.what().startsWith("count"))
                .limit(30).forEach(f -> System.out.println("  exact: " + f));

        List<Figure> small = new ArrayList<>();
        truth.forEach((key, t) -> {
            if (t >= 1 && t <= 4) {
                small.add(new Figure(key.toString(), key, 0, 0, t));
            }
        });
        small.sort(java.util.Comparator.comparing(Figure::what));
        assertTrue(small.size() > 100, "the generated data should hold many small counts: " + small.size());

        Lp lp = new Lp(figures);
        List<String> pinned = lp.pinned(small);
        System.out.printf("Disclosure audit: %d small counts checked, %d pinned (solve %.1f s)%n", small.size(),
                pinned.size(), (System.nanoTime() - harvested) / 1e9);
        pinned.stream().limit(40).forEach(p -> System.out.println("  pinned: " + p));
        assertEquals(List.of(), pinned, "public figures pin small counts");
    }

    // ---------------------------------------------------------------- reading public figures

    /** What one crude-rate row tells: its count, and the count its rate implies. */
    private static List<Figure> crudeRow(Key key, Map<String, Object> row, long truth) {
        List<Figure> result = new ArrayList<>();
        Double numerator = number(row.get("numerator"));
        Double denominator = number(row.get("denominator"));
        Double value = number(row.get("value"));
        if (numerator == null) {
            result.add(new Figure("hidden " + key, key, 0, Double.POSITIVE_INFINITY, truth));
        } else {
            result.add(countFigure("count " + key, key, numerator.longValue(), truth));
        }
        if (value != null && denominator != null) {
            double implied = value * denominator / PER;
            long c = Math.round(implied);
            if (Math.abs(implied - c) < 1e-6 * Math.max(1, c) && (numerator == null || c != numerator.longValue())) {
                result.add(new Figure("rate " + key, key, c, c, truth));
            }
        }
        return result;
    }

    /** A published count: 0 exactly, a non-multiple of 5 exactly, a multiple of 5 rounded. */
    private static Figure countFigure(String what, Key key, long shown, long truth) {
        if (shown == 0 || shown % 5 != 0) {
            return new Figure(what, key, shown, shown, truth);
        }
        // Randomly rounded: up from as far as r − 4, down from as far as r + 4.
        return new Figure(what, key, Math.max(DisclosureControl.MIN_PUBLISHED_COUNT, shown - 4), shown + 4, truth);
    }

    /**
     * What one DSR row tells. O from the interval: Dobson's limits are DSR + √(var/O)(O_L − O) and
     * DSR + √(var/O)(O_U − O), so (U − DSR)/(DSR − L) = (O_U − O)/(O − O_L), which fixes O.
     */
    private static List<Figure> dsrRow(Key key, Map<String, Object> row, List<Rec> records) {
        Double value = number(row.get("value"));
        Double lower = number(row.get("lowerCi95"));
        Double upper = number(row.get("upperCi95"));
        if (value == null || lower == null || upper == null || !(value > lower)) {
            return List.of();
        }
        double ratio = (upper - value) / (value - lower);
        long o = -1;
        for (long candidate = 10; candidate < 20_000; candidate++) {
            Interval byar = ByarInterval.of(candidate, ConfidenceLevel.NINETY_FIVE);
            double r = (byar.upper() - candidate) / (candidate - byar.lower());
            if (Math.abs(r - ratio) < 1e-9 * ratio) {
                o = candidate;
                break;
            }
        }
        if (o < 0) {
            return List.of();
        }
        List<Figure> result = new ArrayList<>();
        Key withSex = new Key(key.area(), key.period(), key.breakdown(), key.group(), null, 0);
        if (o % 5 != 0) {
            result.add(new Figure("dsr O " + key, withSex, o, o, count(records, withSex)));
            return result;
        }
        // Rounded strata: credit the attacker with every stratum's rounded count.
        for (int band = 0; band < BANDS.size(); band++) {
            for (int sex = 1; sex <= 2; sex++) {
                Key stratum = new Key(key.area(), key.period(), key.breakdown(), key.group(), band, sex);
                long t = count(records, stratum);
                long r = DisclosureControl.roundForDerivation(DSR, t);
                // 0 stands for 0–4 (small strata count as 0), r ≥ 5 for max(5, r − 4) to r + 4.
                long floor = DisclosureControl.MIN_PUBLISHED_COUNT;
                result.add(r == 0 ? new Figure("dsr stratum " + stratum, stratum, 0, floor - 1, t)
                        : new Figure("dsr stratum " + stratum, stratum, Math.max(floor, r - 4), r + 4, t));
            }
        }
        return result;
    }

    /** A funnel average that is not the average of the points shown is the average of all areas. */
    private static List<Figure> funnelAverage(JsonPath funnel, String period, String breakdown, String group,
            List<Rec> records) {
        Double average = number(funnel.get("average"));
        if (average == null) {
            return List.of();
        }
        double shownCount = 0;
        double shownDenominator = 0;
        double allDenominator = 0;
        for (Map<String, Object> p : funnel.<Map<String, Object>>getList("points")) {
            Double n = number(p.get("denominator"));
            Double x = number(p.get("numerator"));
            if (n == null) {
                continue;
            }
            allDenominator += n;
            if (x != null && p.get("value") != null) {
                shownCount += x;
                shownDenominator += n;
            }
        }
        if (shownDenominator > 0 && Math.abs(average * shownDenominator / PER - shownCount) < 1e-6 * Math.max(1, shownCount)) {
            return List.of(); // the average of what is shown: nothing new
        }
        double implied = average * allDenominator / PER;
        long c = Math.round(implied);
        if (Math.abs(implied - c) > 1e-6 * Math.max(1, c)) {
            return List.of();
        }
        Key key = new Key("ENGLAND", period, breakdown, group, null, null);
        return List.of(new Figure("funnel average " + key, key, c, c, count(records, key)));
    }

    private static Double number(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    private static JsonPath publicJson(String path) {
        Response r = given().when().get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.asString());
        return r.jsonPath();
    }

    // ---------------------------------------------------------------- the generated data

    private static List<Rec> generate(Random random) {
        List<Rec> records = new ArrayList<>();
        for (String icb : ICBS) {
            for (int m = 0; m < MONTHS; m++) {
                int n = 3 + random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    String ethnic = ETHNIC.get(pick(random, new double[] {0.5, 0.15, 0.12, 0.13, 0.1}));
                    String gender = GENDERS.get(pick(random, new double[] {0.47, 0.45, 0.08}));
                    int detentions = pick(random, new double[] {0.25, 0.55, 0.2});
                    records.add(new Rec(icb, FIRST.plusMonths(m), ethnic, random.nextInt(2), gender,
                            DECILES.get(random.nextInt(2)), detentions));
                }
            }
        }
        return records;
    }

    private static int pick(Random random, double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private void load(List<Rec> records) throws Exception {
        StringBuilder population = new StringBuilder("areaCode,ethnicCategory,ageBand,sex,imdDecile,population\n");
        for (String icb : ICBS) {
            for (String e : ETHNIC) {
                if (e.equals("Z")) {
                    continue; // not stated: no population, counts only
                }
                for (String band : BANDS) {
                    for (int sex = 1; sex <= 2; sex++) {
                        for (String d : DECILES) {
                            population.append(icb).append(',').append(e).append(',').append(band).append(',')
                                    .append(sex).append(',').append(d).append(',').append(1500 + 100 * d.length()
                                            + 37 * e.charAt(0) % 400).append('\n');
                        }
                    }
                }
            }
        }
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body(population.toString())
                .when().put("/api/v1/reference/population?year=2001").then().statusCode(200);
        try (SubmissionEventProducer events = new SubmissionEventProducer(bootstrap)) {
            Map<YearMonth, List<Map<String, Object>>> byMonth = new TreeMap<>();
            int person = 0;
            for (Rec r : records) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("personId", "AUDIT" + person++);
                json.put("ethnicCategory", r.ethnic());
                json.put("gender", r.gender());
                json.put("ageYears", r.band() == 0 ? 32 : 52);
                json.put("residenceIcb", r.icb());
                json.put("imdDecile", Integer.parseInt(r.decile()));
                json.put("inContact", "Y");
                json.put("detentions", r.detentions());
                json.put("ctos", 0);
                json.put("restrictiveInterventions", 0);
                byMonth.computeIfAbsent(r.month(), k -> new ArrayList<>()).add(json);
            }
            for (Map.Entry<YearMonth, List<Map<String, Object>>> e : byMonth.entrySet()) {
                events.submission(UUID.randomUUID(), 1, "RV5", e.getKey().toString(), e.getValue());
            }
        }
        // Wait until every period's England total is the generated one (the exact view).
        long deadline = System.currentTimeMillis() + 120_000;
        for (String period : periods()) {
            long expected = count(records, new Key("ENGLAND", period, "none", "All", null, null));
            while (true) {
                Response r = given().auth().oauth2(TestTokens.assurance()).when()
                        .get("/api/v1/indicators/" + CRUDE + "/data?area=ENGLAND&breakdown=none&period=" + period);
                if (r.statusCode() == 200 && r.jsonPath().getLong("rows[0].numerator") == expected) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("period " + period + " not calculated: " + r.asString());
                }
                Thread.sleep(250);
            }
        }
    }

    /** Every period the data touches: its months, financial years and rolling years. */
    private static List<String> periods() {
        List<String> result = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            result.add(FIRST.plusMonths(m).toString());
        }
        result.add("FY2001-02");
        result.add("FY2002-03");
        YearMonth last = FIRST.plusMonths(MONTHS - 1);
        // Rolling years end in a month with data (the service keeps none that end later).
        for (YearMonth end = FIRST; !end.isAfter(last); end = end.plusMonths(1)) {
            result.add("R12-" + end);
        }
        return result;
    }

    // ---------------------------------------------------------------- what a figure covers

    private static List<YearMonth> monthsOf(String period) {
        List<YearMonth> result = new ArrayList<>();
        if (period.startsWith("FY")) {
            int year = Integer.parseInt(period.substring(2, 6));
            for (int i = 0; i < 12; i++) {
                result.add(YearMonth.of(year, 4).plusMonths(i));
            }
        } else if (period.startsWith("R12-")) {
            YearMonth end = YearMonth.parse(period.substring(4));
            for (int i = 11; i >= 0; i--) {
                result.add(end.minusMonths(i));
            }
        } else {
            result.add(YearMonth.parse(period));
        }
        return result;
    }

    private static List<String> icbsOf(String area) {
        if (area.equals("ENGLAND")) {
            return ICBS;
        }
        return ICBS.stream().filter(i -> i.equals(area) || REGION_OF.get(i).equals(area)).toList();
    }

    /** Whether a cell of the ethnicity table (e, band, gender) or the IMD table (d, band, gender) is in a group. */
    private static boolean inGroup(String breakdown, String group, String ethnic, String decile, String gender, int band) {
        return switch (breakdown) {
            case "none" -> true;
            case "ethnicity" -> ethnic.equals(group);
            case "broad-ethnicity" -> switch (ethnic) {
                case "A", "B" -> group.equals("White");
                case "M", "N" -> group.equals("Black");
                case "H" -> group.equals("Asian");
                default -> group.equals("Not stated");
            };
            case "white-british" -> switch (ethnic) {
                case "A" -> group.equals("White British");
                case "Z" -> group.equals("Not stated");
                default -> group.equals("Other than White British");
            };
            case "age-band" -> BANDS.get(band).equals(group);
            case "gender" -> gender.equals(group);
            case "imd-quintile" -> group.equals(decile.equals("6") ? "3" : "1");
            case "core20" -> group.equals(decile.equals("6") ? "Other" : "Core20");
            default -> throw new IllegalArgumentException(breakdown);
        };
    }

    private static boolean usesImdTable(String breakdown) {
        return breakdown.equals("imd-quintile") || breakdown.equals("core20");
    }

    private static boolean cellIn(Key key, String ethnic, String decile, String gender, int band) {
        if (!inGroup(key.breakdown(), key.group(), ethnic, decile, gender, band)) {
            return false;
        }
        if (key.sex() != null) {
            boolean hasSex = gender.equals("1") || gender.equals("2");
            if (!hasSex || (key.sex() != 0 && !gender.equals(String.valueOf(key.sex())))) {
                return false;
            }
        }
        return key.band() == null || key.band() == band;
    }

    private static long count(List<Rec> records, Key key) {
        List<String> icbs = icbsOf(key.area());
        List<YearMonth> months = monthsOf(key.period());
        long total = 0;
        for (Rec r : records) {
            if (icbs.contains(r.icb()) && months.contains(r.month())
                    && cellIn(key, r.ethnic(), r.decile(), r.gender(), r.band())) {
                total += r.detentions();
            }
        }
        return total;
    }

    // ---------------------------------------------------------------- the linear program

    /** The attacker's linear program over the two tables of counts per ICB and month. */
    static final class Lp {
        /** Pinned counts after which the audit stops looking: it fails either way. */
        private static final int ENOUGH = 100_000; // count them all: the figure is the audit's result
        private final List<Figure> figures;

        Lp(List<Figure> figures) {
            this.figures = figures;
        }

        /**
         * The small counts whose interval lies within 1–4, described. A count that is 0 in any
         * solution is not pinned, so programs minimising the sum of the remaining candidates
         * discard most of them at once; the rest get their own minimum and maximum. One model,
         * re-solved under each new objective.
         */
        List<String> pinned(List<Figure> small) {
            Model m = new Model(figures);
            Map<Figure, MPVariable> target = new LinkedHashMap<>();
            small.forEach(f -> target.put(f, m.target(f.key())));
            MPObjective objective = m.solver.objective();
            List<Figure> candidates = new ArrayList<>(small);
            while (!candidates.isEmpty()) {
                objective.clear();
                candidates.forEach(f -> objective.setCoefficient(target.get(f), 1));
                objective.setMinimization();
                MPSolver.ResultStatus status = m.solver.solve();
                assertEquals(MPSolver.ResultStatus.OPTIMAL, status, "the true data satisfy every figure");
                List<Figure> positive = candidates.stream().filter(f -> target.get(f).solutionValue() > 1e-6).toList();
                System.out.printf("Disclosure audit: %d candidates, %d cannot be 0 together%n", candidates.size(),
                        positive.size());
                if (positive.size() == candidates.size()) {
                    break;
                }
                candidates = positive;
            }
            List<String> result = new ArrayList<>();
            for (Figure f : candidates) {
                double low = bound(m, target.get(f), true);
                if (low < 1 - 1e-6) {
                    continue;
                }
                List<String> lowBy = m.binding();
                double high = bound(m, target.get(f), false);
                if (high <= 4 + 1e-6) {
                    // The figures that set each bound (non-zero duals): where to look for the cause.
                    result.add(f.what() + " = " + f.truth() + " lies in [" + round(low) + ", " + round(high) + "]"
                            + "\n      lower bound from: " + lowBy + "\n      upper bound from: " + m.binding());
                    if (result.size() == ENOUGH) {
                        break; // enough to fail
                    }
                }
            }
            return result;
        }

        private static double bound(Model m, MPVariable target, boolean minimise) {
            MPObjective objective = m.solver.objective();
            objective.clear();
            objective.setCoefficient(target, 1);
            if (minimise) {
                objective.setMinimization();
            } else {
                objective.setMaximization();
            }
            MPSolver.ResultStatus status = m.solver.solve();
            if (!minimise && status == MPSolver.ResultStatus.UNBOUNDED) {
                return Double.POSITIVE_INFINITY;
            }
            assertEquals(MPSolver.ResultStatus.OPTIMAL, status, "bound of " + target.name());
            return objective.value();
        }

        private static double round(double d) {
            return Math.round(d * 1000) / 1000.0;
        }
    }

    /**
     * One model of the figures (OR-Tools, GLOP): cells ≥ 0, the two tables' shared margin, a
     * variable per ICB, month and group (the sum of its cells) so that each figure sums a few of
     * those, and each figure's bounds.
     */
    static final class Model {
        static {
            Loader.loadNativeLibraries();
        }

        final MPSolver solver = MPSolver.createSolver("GLOP");
        /** icb|month → [ethnic][band][gender] */
        private final Map<String, MPVariable[][][]> ethnicTable = new HashMap<>();
        /** icb|month → [decile][band][gender] */
        private final Map<String, MPVariable[][][]> imdTable = new HashMap<>();
        /** icb|month|breakdown|group|band|sex → the sum of its cells */
        private final Map<String, MPVariable> groupSums = new HashMap<>();
        private int names;
        private final Map<MPConstraint, Figure> byConstraint = new java.util.IdentityHashMap<>();

        /** The published figures binding at the last solution (non-zero dual values), described. */
        List<String> binding() {
            List<String> result = new ArrayList<>();
            byConstraint.forEach((c, f) -> {
                if (Math.abs(c.dualValue()) > 1e-9) {
                    result.add(f.what() + " ∈ [" + f.lower() + ", " + f.upper() + "]");
                }
            });
            return result;
        }

        Model(List<Figure> figures) {
            double infinity = MPSolver.infinity();
            for (String icb : ICBS) {
                for (int m = 0; m < MONTHS; m++) {
                    String cell = icb + '|' + FIRST.plusMonths(m);
                    MPVariable[][][] e = new MPVariable[ETHNIC.size()][BANDS.size()][GENDERS.size()];
                    MPVariable[][][] d = new MPVariable[DECILES.size()][BANDS.size()][GENDERS.size()];
                    for (int b = 0; b < BANDS.size(); b++) {
                        for (int g = 0; g < GENDERS.size(); g++) {
                            MPConstraint margin = solver.makeConstraint(0, 0, "margin" + names++);
                            for (int i = 0; i < ETHNIC.size(); i++) {
                                e[i][b][g] = solver.makeNumVar(0, infinity, "e" + names++);
                                margin.setCoefficient(e[i][b][g], 1);
                            }
                            for (int i = 0; i < DECILES.size(); i++) {
                                d[i][b][g] = solver.makeNumVar(0, infinity, "d" + names++);
                                margin.setCoefficient(d[i][b][g], -1);
                            }
                        }
                    }
                    ethnicTable.put(cell, e);
                    imdTable.put(cell, d);
                }
            }
            for (Figure f : figures) {
                if (f.lower() <= 0 && !Double.isFinite(f.upper())) {
                    continue; // a hidden count: ≥ 0, which every cell already is
                }
                MPConstraint x = solver.makeConstraint(f.lower(), Double.isFinite(f.upper()) ? f.upper() : infinity,
                        "figure" + names++);
                addTo(x, f.key(), 1);
                byConstraint.put(x, f);
            }
        }

        /** A new variable equal to the sum a key covers. */
        MPVariable target(Key key) {
            MPVariable t = solver.makeNumVar(0, MPSolver.infinity(), key.toString());
            MPConstraint x = solver.makeConstraint(0, 0, "target" + names++);
            addTo(x, key, 1);
            x.setCoefficient(t, -1);
            return t;
        }

        /** Adds the group sums a key covers to a constraint. */
        private void addTo(MPConstraint x, Key key, double coefficient) {
            for (String icb : icbsOf(key.area())) {
                for (YearMonth month : monthsOf(key.period())) {
                    MPVariable sum = groupSum(icb, month, key);
                    if (sum != null) {
                        x.setCoefficient(sum, coefficient);
                    }
                }
            }
        }

        /** The variable of one ICB and month's group (null when no cell is in it, or no data that month). */
        private MPVariable groupSum(String icb, YearMonth month, Key key) {
            String id = icb + '|' + month + '|' + key.breakdown() + '|' + key.group() + '|' + key.band() + '|' + key.sex();
            if (groupSums.containsKey(id)) {
                return groupSums.get(id);
            }
            boolean imd = usesImdTable(key.breakdown());
            MPVariable[][][] table = (imd ? imdTable : ethnicTable).get(icb + '|' + month);
            MPVariable sum = null;
            if (table != null) {
                MPConstraint definition = null;
                for (int i = 0; i < table.length; i++) {
                    for (int b = 0; b < BANDS.size(); b++) {
                        for (int g = 0; g < GENDERS.size(); g++) {
                            String ethnic = imd ? "A" : ETHNIC.get(i);
                            String decile = imd ? DECILES.get(i) : "1";
                            if (cellIn(key, ethnic, decile, GENDERS.get(g), b)) {
                                if (definition == null) {
                                    sum = solver.makeNumVar(0, MPSolver.infinity(), "s" + names++);
                                    definition = solver.makeConstraint(0, 0, "sum" + names++);
                                    definition.setCoefficient(sum, -1);
                                }
                                definition.setCoefficient(table[i][b][g], 1);
                            }
                        }
                    }
                }
            }
            groupSums.put(id, sum);
            return sum;
        }
    }
}
