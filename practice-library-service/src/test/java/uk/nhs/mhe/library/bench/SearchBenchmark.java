package uk.nhs.mhe.library.bench;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;
import uk.nhs.mhe.infra.PostgresServer;
import uk.nhs.mhe.library.casestudy.Vocabularies;
import uk.nhs.mhe.library.search.CaseStudySearch;
import uk.nhs.mhe.library.search.PostgresCaseStudySearch;
import uk.nhs.mhe.library.search.SearchQuery;
import uk.nhs.mhe.library.search.SearchResult;
import uk.nhs.mhe.library.search.Viewer;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Search latency with a generated library (default 100,000 case studies): a real embedded
 * PostgreSQL 17, the service's Flyway migrations and its {@link PostgresCaseStudySearch}, called
 * as a reader (published practice only). Prints p50/p95/p99 per query shape. Not a test: run it
 * with {@code practice-library-service/bench/search-benchmark.sh [count] [runs]}.
 *
 * <p>Text is generated: a Zipf-distributed vocabulary of 20,000 made-up words, plus domain words
 * at fixed document frequencies: "community" in about half of the case studies (broad), "gypsy"
 * and "traveller" together in about 0.2% (selective).
 */
public final class SearchBenchmark {

    private static final String[] SYLLABLES = {"ka", "ren", "to", "mi", "sal", "vor", "el", "dun", "pra", "ist", "ol",
            "be", "nac", "thi", "gor", "up", "lem", "ash", "qui", "ro"};

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        try (PostgresServer pg = PostgresServer.startEphemeral()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.jdbcUrl("postgres"));
            ds.setUser(PostgresServer.USER);
            ds.setPassword(PostgresServer.PASSWORD);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            long t0 = System.nanoTime();
            generate(ds, count);
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("Generated and indexed %,d case studies in %.1f s%n", count, loadMs / 1000.0);
            CaseStudySearch search = new PostgresCaseStudySearch(ds);
            Viewer reader = new Viewer(false, null, false);
            Map<String, SearchQuery> shapes = new java.util.LinkedHashMap<>();
            shapes.put("selective text \"gypsy traveller\", facets, relevance", query("gypsy traveller", Map.of(), "relevance"));
            shapes.put("broad text \"community\", facets, relevance", query("community", Map.of(), "relevance"));
            shapes.put("broad text \"community support\" + region + group filters", query("community support",
                    Map.of("region", "Y56", "populationGroups", "black"), "relevance"));
            shapes.put("websearch \"support or wards -crisis\", facets", query("support or wards -crisis", Map.of(), "relevance"));
            shapes.put("no text (browse), facets, newest", query(null, Map.of(), "newest"));
            shapes.put("no text, facets, popular", query(null, Map.of(), "popular"));
            shapes.put("no text, evidence filter, facets, newest", query(null, Map.of("evidenceLevel", "peer-reviewed"), "newest"));
            if (System.getenv("BENCH_EXPLAIN") != null) {
                for (Map.Entry<String, SearchQuery> e : shapes.entrySet()) {
                    System.out.println("== " + e.getKey() + "\n" + ((PostgresCaseStudySearch) search).explain(e.getValue(), reader));
                }
            }
            System.out.printf("%n| query (page of 20, with facets and snippets) | hits | p50 ms | p95 ms | p99 ms | max ms |%n");
            System.out.println("|---|---|---|---|---|---|");
            for (Map.Entry<String, SearchQuery> e : shapes.entrySet()) {
                for (int i = 0; i < 5; i++) {
                    search.search(e.getValue(), reader);
                }
                long[] ns = new long[runs];
                long hits = 0;
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    SearchResult r = search.search(e.getValue().withPage(1 + i % 3, 20), reader);
                    ns[i] = System.nanoTime() - s;
                    hits = r.total();
                }
                Arrays.sort(ns);
                System.out.printf("| %s | %,d | %.1f | %.1f | %.1f | %.1f |%n", e.getKey(), hits, ms(ns, 0.50), ms(ns, 0.95),
                        ms(ns, 0.99), ns[ns.length - 1] / 1e6);
            }
        }
    }

    private static double ms(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static SearchQuery query(String q, Map<String, String> filters, String sort) {
        Map<String, List<String>> params = new java.util.HashMap<>();
        if (q != null) {
            params.put("q", List.of(q));
        }
        filters.forEach((k, v) -> params.put(k, List.of(v)));
        params.put("sort", List.of(sort));
        List<uk.nhs.mhe.common.problem.FieldError> errors = new ArrayList<>();
        SearchQuery query = SearchQuery.parse(params, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.toString());
        }
        return query;
    }

    static void generate(javax.sql.DataSource ds, int count) throws Exception {
        Random random = new Random(20261125L);
        String[] vocabulary = new String[20_000];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int n = i;
            do {
                w.append(SYLLABLES[n % SYLLABLES.length]);
                n /= SYLLABLES.length;
            } while (n > 0);
            vocabulary[i] = w.append(SYLLABLES[(i * 7) % SYLLABLES.length]).toString();
        }
        double[] cumulative = new double[vocabulary.length];
        double sum = 0;
        for (int i = 0; i < vocabulary.length; i++) {
            sum += 1 / Math.pow(i + 1, 1.07);
            cumulative[i] = sum;
        }
        List<String> groups = new ArrayList<>(Vocabularies.POPULATION_GROUPS.keySet());
        List<String> areas = new ArrayList<>(Vocabularies.SERVICE_AREAS.keySet());
        List<String> types = new ArrayList<>(Vocabularies.INTERVENTION_TYPES.keySet());
        List<String> stages = new ArrayList<>(Vocabularies.STAGES.keySet());
        List<String> evidence = new ArrayList<>(Vocabularies.EVIDENCE_LEVELS.keySet());
        List<String> regions = new ArrayList<>(Vocabularies.REGIONS.keySet());
        String[] domain = {"support", "crisis", "therapy", "peer", "outreach", "families", "evaluation", "access", "recovery",
                "wards", "detention", "partnership", "training", "young", "older"};
        Instant start = Instant.parse("2021-01-01T00:00:00Z");
        try (Connection c = ds.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            int batch = 5_000;
            for (int from = 0; from < count; from += batch) {
                StringBuilder b = new StringBuilder();
                for (int i = from; i < Math.min(count, from + batch); i++) {
                    String title = words(random, vocabulary, cumulative, sum, 6, domain);
                    String summary = words(random, vocabulary, cumulative, sum, 30, domain);
                    String body = words(random, vocabulary, cumulative, sum, 180, domain);
                    if (random.nextDouble() < 0.5) {
                        body = body + " community";
                    }
                    if (random.nextDouble() < 0.002) {
                        summary = summary + " gypsy and traveller";
                    }
                    String status = random.nextDouble() < 0.9 ? "PUBLISHED" : "DRAFT";
                    Instant published = start.plusSeconds((long) i * 900);
                    List<String> g = new ArrayList<>();
                    g.add(groups.get(random.nextInt(groups.size())));
                    if (random.nextBoolean()) {
                        String second = groups.get(random.nextInt(groups.size()));
                        if (!g.contains(second)) {
                            g.add(second);
                        }
                    }
                    b.append(String.join("\t", UUID.randomUUID().toString(), "R" + (10 + random.nextInt(60)), status, "1",
                            title, summary, "<p>" + body + "</p>", body, regions.get(random.nextInt(regions.size())),
                            "{" + String.join(",", g) + "}", areas.get(random.nextInt(areas.size())),
                            types.get(random.nextInt(types.size())), stages.get(random.nextInt(stages.size())),
                            evidence.get(random.nextInt(evidence.size())), "bench", published.toString(), published.toString(),
                            status.equals("PUBLISHED") ? published.toString() : "\\N", String.valueOf(random.nextInt(500))))
                            .append('\n');
                }
                copy.copyIn("COPY case_study (id, organisation, status, version, title, summary, body, body_text, region, "
                        + "population_groups, service_area, intervention_type, stage, evidence_level, created_by, created_at, "
                        + "updated_at, published_at, views) FROM STDIN", new StringReader(b.toString()));
            }
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE case_study");
            }
        }
    }

    private static String words(Random random, String[] vocabulary, double[] cumulative, double sum, int n, String[] domain) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            if (random.nextDouble() < 0.08) {
                b.append(domain[random.nextInt(domain.length)]);
            } else {
                double x = random.nextDouble() * sum;
                int idx = Arrays.binarySearch(cumulative, x);
                b.append(vocabulary[idx < 0 ? Math.min(vocabulary.length - 1, -idx - 1) : idx]);
            }
        }
        return b.toString();
    }
}
