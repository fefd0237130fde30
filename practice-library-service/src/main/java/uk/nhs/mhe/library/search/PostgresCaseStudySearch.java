package uk.nhs.mhe.library.search;

import uk.nhs.mhe.library.casestudy.RichText;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Full-text search in PostgreSQL: a stored tsvector (title weight A, summary B, body C) in the
 * {@code library_english} configuration (English stemming, accents folded with unaccent),
 * queried with {@code websearch_to_tsquery} through its GIN index. Matches are ranked with
 * {@code ts_rank} on a small second vector of title (A) and summary (B): matches only in the body
 * rank after those, newest first. Ranking on the full vector read every match's large tsvector
 * out of TOAST (about 300 ms for 45,000 matches; docs/benchmarks.md). Matches, facet counts
 * (grouping sets) and the page come from one statement; {@code ts_headline} snippets are
 * computed for the page's rows only.
 * Plain JDBC over a {@link DataSource}, so the benchmark runs it without Quarkus.
 */
public class PostgresCaseStudySearch implements CaseStudySearch {

    static final String CONFIG = "library_english";
    static final String START = "\u27E6";
    static final String STOP = "\u27E7";
    private static final String HEADLINE_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP
            + ", MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=\" … \"";
    /** Memory for one search's hash aggregates and sorts (PostgreSQL's default is 4MB). */
    static final String WORK_MEM = "32MB";
    public static final List<String> FACETS = List.of("populationGroups", "serviceArea", "region", "evidenceLevel", "stage");

    private final DataSource dataSource;

    public PostgresCaseStudySearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Sql(String from, String where, List<Object> params) {
    }

    @Override
    public SearchResult search(SearchQuery query, Viewer viewer) {
        Sql sql = sql(query, viewer);
        try (Connection c = dataSource.getConnection()) {
            // A short read-only transaction of its own (unless the caller has one), for SET LOCAL.
            boolean own = c.getAutoCommit();
            if (own) {
                c.setAutoCommit(false);
            }
            try {
                SearchResult result = search(c, query, sql);
                if (own) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SearchResult search(Connection c, SearchQuery query, Sql sql) throws SQLException {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String f : FACETS) {
            facets.put(f, new LinkedHashMap<>());
        }
        long total = 0;
        List<UUID> pageIds = new ArrayList<>();
        Map<UUID, Double> scores = new java.util.HashMap<>();
        try (Statement memory = c.createStatement()) {
            // Facets hash and sort every match: keep them in memory rather than temporary files.
            memory.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
        }
        try (PreparedStatement ps = prepare(c, hitsSql(query, sql), sql.params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if ("page".equals(rs.getString("kind"))) {
                    UUID id = rs.getObject("id", UUID.class);
                    pageIds.add(id);
                    Object score = rs.getObject("score");
                    scores.put(id, score == null ? null : ((Number) score).doubleValue());
                } else if ("total".equals(rs.getString("facet"))) {
                    total = rs.getLong("n");
                } else {
                    facets.get(rs.getString("facet")).put(rs.getString("value"), rs.getLong("n"));
                }
            }
        }
        List<SearchResult.Item> items = pageIds.isEmpty() ? List.of() : page(c, query, pageIds, scores);
        return new SearchResult(total, query.page(), query.size(), query.sort().name().toLowerCase(), items, facets);
    }

    /**
     * One statement: the matches (text condition and rank evaluated once), their facet counts
     * and the ids of the requested page.
     */
    private static String hitsSql(SearchQuery query, Sql sql) {
        boolean ranked = query.hasText() && query.sort() == SearchQuery.Sort.RELEVANCE;
        String order = switch (query.sort()) {
            case RELEVANCE -> ranked ? "score DESC, published_at DESC NULLS LAST, id"
                    : "published_at DESC NULLS LAST, updated_at DESC, id";
            case NEWEST -> "published_at DESC NULLS LAST, updated_at DESC, id";
            case POPULAR -> "views DESC, published_at DESC NULLS LAST, id";
        };
        return "WITH hits AS MATERIALIZED (SELECT cs.id, cs.population_groups, cs.service_area, cs.region, "
                + "cs.evidence_level, cs.stage, cs.published_at, cs.updated_at, cs.views, "
                + (ranked ? "ts_rank(cs.search_head, q.query)" : "NULL::real") + " AS score "
                + "FROM " + sql.from + " WHERE " + sql.where + "), "
                + "page AS (SELECT id, score, row_number() OVER (ORDER BY " + order + ") AS rn FROM hits ORDER BY "
                + order + " LIMIT " + query.size() + " OFFSET " + (long) (query.page() - 1) * query.size() + ") "
                // One pass for the single-valued facets and the total (grouping sets), one for the groups.
                + "SELECT 'facet' AS kind, CASE WHEN GROUPING(service_area) = 0 THEN 'serviceArea' "
                + "WHEN GROUPING(region) = 0 THEN 'region' WHEN GROUPING(evidence_level) = 0 THEN 'evidenceLevel' "
                + "WHEN GROUPING(stage) = 0 THEN 'stage' ELSE 'total' END AS facet, "
                + "COALESCE(service_area, region, evidence_level, stage) AS value, count(*) AS n, "
                + "NULL::uuid AS id, NULL::real AS score, 0::bigint AS rn FROM hits "
                + "GROUP BY GROUPING SETS ((service_area), (region), (evidence_level), (stage), ()) "
                + "UNION ALL SELECT 'facet', 'populationGroups', g, count(*), NULL, NULL, 0 FROM hits, unnest(population_groups) g GROUP BY g "
                + "UNION ALL SELECT 'page', NULL, NULL, NULL, id, score, rn FROM page "
                + "ORDER BY 1, 2, 4 DESC, 3, 7";
    }

    /** The page's rows by id, in page order, with snippets for text searches. */
    private static List<SearchResult.Item> page(Connection c, SearchQuery query, List<UUID> ids, Map<UUID, Double> scores)
            throws SQLException {
        String sql = "SELECT cs.id, cs.title, cs.summary, cs.organisation, cs.status, cs.region, cs.population_groups, "
                + "cs.service_area, cs.intervention_type, cs.stage, cs.evidence_level, cs.related_indicators, "
                + "cs.published_at, cs.updated_at, cs.views, NULL::real AS score"
                + (query.hasText() ? ", ts_headline('" + CONFIG + "', cs.summary || ' ' || cs.body_text, "
                + "websearch_to_tsquery('" + CONFIG + "', ?), '" + HEADLINE_OPTIONS + "') AS snippet" : "")
                + " FROM case_study cs WHERE cs.id = ANY(?)";
        List<Object> params = new ArrayList<>();
        if (query.hasText()) {
            params.add(SearchVocabulary.expand(query.q()));
        }
        params.add(ids.toArray(new UUID[0]));
        Map<UUID, SearchResult.Item> byId = new java.util.HashMap<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SearchResult.Item i = item(rs, query.hasText());
                byId.put(i.id(), withScore(i, scores.get(i.id())));
            }
        }
        List<SearchResult.Item> items = new ArrayList<>();
        for (UUID id : ids) {
            if (byId.containsKey(id)) {
                items.add(byId.get(id));
            }
        }
        return items;
    }

    private static SearchResult.Item withScore(SearchResult.Item i, Double score) {
        return new SearchResult.Item(i.id(), i.title(), i.summary(), i.organisation(), i.status(), i.region(),
                i.populationGroups(), i.serviceArea(), i.interventionType(), i.stage(), i.evidenceLevel(),
                i.relatedIndicators(), i.publishedAt(), i.updatedAt(), i.views(), score, i.snippet());
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the search statement, for tuning. */
    public String explain(SearchQuery query, Viewer viewer) {
        Sql sql = sql(query, viewer);
        StringBuilder b = new StringBuilder();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) " + hitsSql(query, sql), sql.params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }

    @Override
    public void export(SearchQuery query, Viewer viewer, int limit, Consumer<SearchResult.Item> each) {
        Sql sql = sql(query, viewer);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = prepare(c, exportSql(query, sql) + " LIMIT " + limit, sql.params)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(item(rs, false));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String exportSql(SearchQuery query, Sql sql) {
        String score = query.hasText() ? "ts_rank(cs.search_head, q.query)" : "NULL::real";
        String order = switch (query.sort()) {
            case RELEVANCE -> query.hasText() ? score + " DESC, cs.published_at DESC NULLS LAST, cs.id"
                    : "cs.published_at DESC NULLS LAST, cs.updated_at DESC, cs.id";
            case NEWEST -> "cs.published_at DESC NULLS LAST, cs.updated_at DESC, cs.id";
            case POPULAR -> "cs.views DESC, cs.published_at DESC NULLS LAST, cs.id";
        };
        return "SELECT cs.id, cs.title, cs.summary, cs.organisation, cs.status, cs.region, cs.population_groups, "
                + "cs.service_area, cs.intervention_type, cs.stage, cs.evidence_level, cs.related_indicators, "
                + "cs.published_at, cs.updated_at, cs.views, " + score + " AS score "
                + "FROM " + sql.from + " WHERE " + sql.where + " ORDER BY " + order;
    }

    private static Sql sql(SearchQuery query, Viewer viewer) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String from = "case_study cs";
        if (query.hasText()) {
            from = "case_study cs CROSS JOIN (SELECT websearch_to_tsquery('" + CONFIG + "', ?::text) AS query) q";
            params.add(SearchVocabulary.expand(query.q()));
            where.add("cs.search @@ q.query");
        }
        if (viewer.publishedOnly()) {
            where.add("cs.status = 'PUBLISHED'");
        } else if (viewer.moderator()) {
            // moderators see every state
        } else if (viewer.organisation() != null) {
            where.add("(cs.status = 'PUBLISHED' OR cs.organisation = ?)");
            params.add(viewer.organisation());
        } else {
            where.add("cs.status = 'PUBLISHED'");
        }
        any(where, params, "cs.status", query.status());
        any(where, params, "cs.organisation", query.organisation());
        if (query.reviewOverdue()) {
            where.add("cs.status = 'PUBLISHED' AND cs.review_due <= current_date");
        }
        any(where, params, "cs.service_area", query.serviceArea());
        any(where, params, "cs.region", query.region());
        any(where, params, "cs.evidence_level", query.evidenceLevel());
        any(where, params, "cs.stage", query.stage());
        if (!query.populationGroups().isEmpty()) {
            where.add("cs.population_groups @> ?");
            params.add(query.populationGroups().toArray(new String[0]));
        }
        return new Sql(from, where.isEmpty() ? "TRUE" : String.join(" AND ", where), params);
    }

    private static void any(List<String> where, List<Object> params, String column, List<String> values) {
        if (values.size() == 1) {
            where.add(column + " = ?");
            params.add(values.get(0));
        } else if (!values.isEmpty()) {
            where.add(column + " = ANY(?)");
            params.add(values.toArray(new String[0]));
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else if (p instanceof UUID[] array) {
                ps.setArray(i + 1, c.createArrayOf("uuid", array));
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    private static SearchResult.Item item(ResultSet rs, boolean snippet) throws SQLException {
        Object score = rs.getObject("score");
        return new SearchResult.Item(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("summary"),
                rs.getString("organisation"), rs.getString("status"), rs.getString("region"),
                strings(rs.getArray("population_groups")), rs.getString("service_area"),
                rs.getString("intervention_type"), rs.getString("stage"), rs.getString("evidence_level"),
                strings(rs.getArray("related_indicators")), instant(rs.getTimestamp("published_at")),
                instant(rs.getTimestamp("updated_at")), rs.getLong("views"),
                score == null ? null : ((Number) score).doubleValue(),
                snippet ? highlight(rs.getString("snippet")) : null);
    }

    /** ts_headline does not escape: escape the text, then turn the markers into {@code <mark>}. */
    static String highlight(String raw) {
        if (raw == null) {
            return null;
        }
        return RichText.escape(raw).replace(START, "<mark>").replace(STOP, "</mark>");
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
