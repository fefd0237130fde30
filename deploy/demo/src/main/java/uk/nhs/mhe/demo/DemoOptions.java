package uk.nhs.mhe.demo;

import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The loader's command line, with the local deployment's defaults (api.md ports). */
record DemoOptions(URI ingest, URI indicator, URI keycloak, YearMonth from, YearMonth to, DemoScale scale,
        int threads, long seed, List<Integer> populationYears, boolean talkingTherapies, boolean dryRun, boolean help) {

    static final String USAGE = """
            Usage: DemoLoader [options]
              --ingest URL            data-ingest-service (default http://localhost:8081)
              --indicator URL         indicator-service (default http://localhost:8082)
              --keycloak URL          Keycloak, realm mhe (default http://localhost:8180)
              --from YYYY-MM          first month (default 2023-04)
              --to YYYY-MM            last month (default 2025-03)
              --scale N               fraction of England: 160 or 1/160 or 0.0125 (default 1/80)
              --national              scale 1: all of England, ~2M MHSDS records a month (benchmarks)
              --threads N             parallel submissions (default 2)
              --seed N                random seed (default 42)
              --population-years Y,Y  population years to load (default 2015 to 2024, so test
                                      submissions for months before the demo also get rates)
              --no-talking-therapies  MHSDS only: skip the Talking Therapies submissions
              --dry-run               generate and count only, send nothing
              --help                  this text
            The population and the submissions are ILLUSTRATIVE and SYNTHETIC, not real statistics.
            """;

    static DemoOptions parse(String[] args) {
        URI ingest = URI.create("http://localhost:8081");
        URI indicator = URI.create("http://localhost:8082");
        URI keycloak = URI.create("http://localhost:8180");
        YearMonth from = YearMonth.of(2023, 4);
        YearMonth to = YearMonth.of(2025, 3);
        DemoScale scale = DemoScale.DEFAULT;
        int threads = 2;
        long seed = 42;
        List<Integer> years = java.util.stream.IntStream.rangeClosed(2015, 2024).boxed().toList();
        boolean talkingTherapies = true;
        boolean dryRun = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--ingest" -> ingest = uri(value(args, ++i, arg));
                case "--indicator" -> indicator = uri(value(args, ++i, arg));
                case "--keycloak" -> keycloak = uri(value(args, ++i, arg));
                case "--from" -> from = YearMonth.parse(value(args, ++i, arg));
                case "--to" -> to = YearMonth.parse(value(args, ++i, arg));
                case "--scale" -> scale = DemoScale.parse(value(args, ++i, arg));
                case "--national" -> scale = DemoScale.NATIONAL;
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--population-years" -> years = years(value(args, ++i, arg));
                case "--no-talking-therapies" -> talkingTherapies = false;
                case "--dry-run" -> dryRun = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from is after --to");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        return new DemoOptions(ingest, indicator, keycloak, from, to, scale, threads, seed, years, talkingTherapies,
                dryRun, help);
    }

    /** Every month from {@code from} to {@code to}, inclusive. */
    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static URI uri(String s) {
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private static List<Integer> years(String s) {
        List<Integer> years = new ArrayList<>();
        for (String y : s.split(",")) {
            years.add(Integer.parseInt(y.trim()));
        }
        return List.copyOf(years);
    }
}
