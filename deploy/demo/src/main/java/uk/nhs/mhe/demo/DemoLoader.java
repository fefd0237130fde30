package uk.nhs.mhe.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import uk.nhs.mhe.reference.Trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the demo through the public APIs, exactly as the national team and provider systems
 * would: the ILLUSTRATIVE population as {@code mhe-admin}, then for each month one SYNTHETIC MHSDS
 * submission and one SYNTHETIC Talking Therapies submission (with ILLUSTRATIVE outcome gaps; skip
 * them with {@code --no-talking-therapies}) per trust open in the month, each with that trust's own
 * client credentials ({@code provider-<ods>}, secret {@code demo-secret}). Trusts that have since closed (RRP, TAF, R1C, RYK) have no client in
 * the demo realm, so their months go in as {@code mhe-admin}, which may submit for any provider.
 *
 * <p>Every submission carries an {@code Idempotency-Key} derived from its content, so a retry after
 * a lost answer, or a re-run with the same seed and scale, cannot create a second version. Exit
 * status 0 when everything was accepted, 1 when anything failed (each failure printed with the
 * server's problem detail), 2 for a bad command line.
 *
 * <pre>
 * ./mvnw -pl deploy/demo -am install -DskipTests
 * java -cp "deploy/demo/target/mhe-demo-0.1.0-SNAPSHOT.jar:deploy/demo/target/lib/*" \
 *     uk.nhs.mhe.demo.DemoLoader [--scale 160 | --national] [--threads 2] [--seed 42] [--dry-run] ...
 * </pre>
 * {@code --help} lists every option ({@link DemoOptions#USAGE}).
 */
public final class DemoLoader {

    static final String SECRET = "demo-secret";
    static final String ADMIN = "mhe-admin";
    private static final String MHSDS = "MHSDS";
    private static final int ABORT_AFTER_CONNECTION_FAILURES = 3;

    private final DemoOptions options;
    private final RetryingHttp http = new RetryingHttp(RetryingHttp.newClient(), 1000);
    private final TokenSource tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicBoolean abort = new AtomicBoolean();

    private DemoLoader(DemoOptions options) {
        this.options = options;
        this.tokens = new TokenSource(http, options.keycloak());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println(e.getMessage());
            System.err.print(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.print(DemoOptions.USAGE);
            return 0;
        }
        System.out.println("""
                ==========================================================================
                 ILLUSTRATIVE DEMO DATA. The population table is generated for this demo and
                 the MHSDS and Talking Therapies submissions are SYNTHETIC records; the gaps
                 in Talking Therapies recovery by ethnic group and deprivation are made up
                 too. They only imitate the published picture; they are NOT real statistics
                 and describe NO real people.
                ==========================================================================""");
        IllustrativePopulation populations = new IllustrativePopulation(options.scale(), options.seed());
        PopulationTable base = populations.generate(options.populationYears().get(0));
        Generators generators = new Generators(new SyntheticSubmissions(base, options.scale(), options.seed()),
                options.talkingTherapies()
                        ? new TalkingTherapiesSubmissions(base, options.scale(), options.seed()) : null);
        List<Job> jobs = new ArrayList<>();
        long mhsds = 0;
        long referrals = 0;
        int ttJobs = 0;
        for (YearMonth month : options.months()) {
            List<Trust> trusts = SyntheticSubmissions.trustsOpenIn(month);
            for (Trust trust : trusts) {
                int people = generators.mhsds().peopleInContact(trust, month);
                jobs.add(new Job(MHSDS, trust, month, people));
                mhsds += people;
            }
            if (generators.talkingTherapies() != null) {
                for (Trust trust : trusts) {
                    int n = generators.talkingTherapies().referrals(trust, month);
                    jobs.add(new Job(TalkingTherapiesSubmissions.DATASET, trust, month, n));
                    referrals += n;
                    ttJobs++;
                }
            }
        }
        System.out.printf("Scale %s, seed %d: population %,d; %d months %s..%s; %,d submissions, ~%,d records%n",
                options.scale(), options.seed(), base.total(), options.months().size(), options.from(), options.to(),
                jobs.size(), mhsds + referrals);
        System.out.printf("  SYNTHETIC MHSDS: %,d submissions, ~%,d records (people in contact)%n", jobs.size() - ttJobs,
                mhsds);
        if (generators.talkingTherapies() != null) {
            System.out.printf("  SYNTHETIC Talking Therapies (ILLUSTRATIVE outcome gaps): %,d submissions,"
                    + " ~%,d referrals%n", ttJobs, referrals);
        } else {
            System.out.println("  Talking Therapies: skipped (--no-talking-therapies)");
        }
        if (options.dryRun()) {
            System.out.println("Dry run: nothing sent.");
            return 0;
        }
        return new DemoLoader(options).load(populations, generators, jobs);
    }

    /** The generators of each dataset; {@code talkingTherapies} is null when skipped. */
    private record Generators(SyntheticSubmissions mhsds, TalkingTherapiesSubmissions talkingTherapies) {
        Submission<?> generate(Job job) {
            return job.dataset().equals(MHSDS) ? mhsds.generate(job.trust(), job.month())
                    : talkingTherapies.generate(job.trust(), job.month());
        }
    }

    private record Job(String dataset, Trust trust, YearMonth month, int records) {
    }

    private int load(IllustrativePopulation populations, Generators generators, List<Job> jobs) {
        long start = System.nanoTime();
        try {
            tokens.token(ADMIN, SECRET);
        } catch (RuntimeException e) {
            System.err.println("Cannot get a token for " + ADMIN + ": " + e.getMessage());
            return 1;
        }
        for (int year : options.populationYears()) {
            putPopulation(populations.generate(year));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger reported = new AtomicInteger();
        AtomicLong records = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        for (Job job : jobs) {
            pool.execute(() -> {
                if (submit(generators, job)) {
                    records.addAndGet(job.records());
                }
                int n = done.incrementAndGet();
                int tenth = n * 10 / jobs.size();
                if (reported.getAndAccumulate(tenth, Math::max) < tenth) {
                    System.out.printf("[%3d%%] %,d/%,d submissions, %,d records, %.0f s%n", tenth * 10, n, jobs.size(),
                            records.get(), seconds(start));
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(7, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        }
        double seconds = seconds(start);
        System.out.printf("Done: %,d submissions (%,d failed), %,d records, %.1f s, %,.0f records/s%n", jobs.size(),
                failures.size(), records.get(), seconds, records.get() / Math.max(seconds, 1e-9));
        System.out.println("Reminder: the population and the submissions are ILLUSTRATIVE / SYNTHETIC, not real statistics.");
        if (!failures.isEmpty()) {
            System.err.println(failures.size() + " failure(s):");
            failures.stream().limit(50).forEach(f -> System.err.println("  " + f));
            return 1;
        }
        return 0;
    }

    private void putPopulation(PopulationTable table) {
        URI uri = URI.create(options.indicator() + "/api/v1/reference/population?year=" + table.year());
        String what = "population " + table.year();
        try {
            HttpResponse<String> response = send(ADMIN, () -> HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMinutes(5)).header("Content-Type", "text/csv")
                    .PUT(HttpRequest.BodyPublishers.ofString(table.toCsv())));
            if (response.statusCode() / 100 == 2) {
                System.out.printf("ILLUSTRATIVE population %d: %,d people in %,d rows loaded (HTTP %d)%n", table.year(),
                        table.total(), table.rows(), response.statusCode());
            } else {
                fail(what + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException | RuntimeException e) {
            fail(what + ": " + e);
        }
    }

    private boolean submit(Generators generators, Job job) {
        String what = job.dataset() + " " + job.trust().odsCode() + " " + job.month();
        if (abort.get()) {
            failures.add(what + ": skipped, ingest unreachable");
            return false;
        }
        try {
            byte[] body = json.writeValueAsBytes(generators.generate(job));
            String client = job.trust().isOpen() ? "provider-" + job.trust().odsCode().toLowerCase(Locale.ROOT) : ADMIN;
            HttpResponse<String> response = send(client, () -> HttpRequest
                    .newBuilder(URI.create(options.ingest() + "/api/v1/submissions"))
                    .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").header("Idempotency-Key", idempotencyKey(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            if (response.statusCode() / 100 == 2) {
                if (response.statusCode() != 201) {
                    System.out.println(what + ": HTTP " + response.statusCode() + " (201 expected)");
                }
                return true;
            }
            fail(what + ": HTTP " + response.statusCode() + " " + response.body());
        } catch (IOException | UncheckedIOException e) {
            fail(what + ": " + e);
            if (connectionFailures.incrementAndGet() >= ABORT_AFTER_CONNECTION_FAILURES && !abort.getAndSet(true)) {
                System.err.println("Giving up: the ingest service is unreachable.");
            }
        } catch (RuntimeException e) {
            fail(what + ": " + e.getMessage());
        }
        return false;
    }

    private interface RequestBuilder {
        HttpRequest.Builder build();
    }

    /** Sends with the client's token; on 401 fetches a fresh token once and tries again. */
    private HttpResponse<String> send(String client, RequestBuilder request) throws IOException {
        try {
            HttpResponse<String> response = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                String token = tokens.token(client, SECRET);
                response = http.send(request.build().header("Authorization", "Bearer " + token).build());
                if (response.statusCode() != 401) {
                    break;
                }
                tokens.invalidate(client);
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void fail(String message) {
        String shown = message.length() > 2000 ? message.substring(0, 2000) + "..." : message;
        System.err.println("FAILED " + shown);
        failures.add(shown);
    }

    private static String idempotencyKey(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "demo-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
