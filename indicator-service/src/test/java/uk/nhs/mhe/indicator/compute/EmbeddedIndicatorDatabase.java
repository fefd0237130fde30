package uk.nhs.mhe.indicator.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import uk.nhs.mhe.indicator.aggregate.SubmissionApplier;
import uk.nhs.mhe.indicator.aggregate.SubmissionOutcomes;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.events.IndicatorChanges;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.infra.PostgresServer;
import uk.nhs.mhe.reference.ReferenceData;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The indicator service's data path without Quarkus or Kafka, for property tests and benchmarks:
 * a real embedded PostgreSQL with the service's migrations, the real applier and recalculation,
 * each event and each recalculated period in its own transaction as the service runs them.
 */
public final class EmbeddedIndicatorDatabase implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final PostgresServer postgres;
    private final PGSimpleDataSource dataSource;
    private final SubmissionApplier applier;
    private final Recalculation recalculation;

    /**
     * With a change budget that lets the small histories of the tests take differences (the
     * service's defaults would have their tiny periods built again at every change).
     */
    public EmbeddedIndicatorDatabase(String database) {
        this(database, 0.1, 20_000, 0);
    }

    /**
     * With the cells' change budget: {@code mhe.cells.change-share}, {@code mhe.cells.min-change-budget},
     * {@code mhe.cells.change-fixed-cost}.
     */
    public EmbeddedIndicatorDatabase(String database, double changeShare, long minChangeBudget, long changeFixedCost) {
        postgres = PostgresServer.startEphemeral();
        postgres.ensureDatabase(database);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl(database));
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(PostgresServer.PASSWORD);
        dataSource.setReWriteBatchedInserts(true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        ReferenceData ref = ReferenceData.get();
        this.changeShare = changeShare;
        this.minChangeBudget = minChangeBudget;
        this.changeFixedCost = changeFixedCost;
        recalculation = recalculation(java.time.Duration.ZERO, java.time.Duration.ZERO);
        applier = new SubmissionApplier(null, JSON, recalculation, new SubmissionOutcomes(null));
    }

    private final double changeShare;
    private final long minChangeBudget;
    private final long changeFixedCost;

    /**
     * A recalculation on this database that leaves periods still being requested to settle for
     * {@code settle} (at most {@code maxSettle}); the database's own leaves none.
     */
    public Recalculation recalculation(java.time.Duration settle, java.time.Duration maxSettle) {
        ReferenceData ref = ReferenceData.get();
        return new Recalculation(new Catalogue(JSON), new Areas(ref), ref, new IndicatorChanges(),
                new SimpleMeterRegistry(), changeShare, minChangeBudget, changeFixedCost, settle, maxSettle);
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public Recalculation recalculation() {
        return recalculation;
    }

    /** Applies one event in its own transaction, as the consumer does. */
    public boolean apply(UUID eventId, String type, byte[] payload) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                boolean applied = applier.apply(c, eventId, type, payload);
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * A whole submission as the ingest service publishes it: one batch event, then its commit
     * event, each applied in its own transaction. Returns the submission id.
     */
    public UUID submit(String dataset, String provider, String month, int version, List<Map<String, Object>> records)
            throws Exception {
        UUID id = UUID.nameUUIDFromBytes((dataset + "|" + provider + "|" + month + "|" + version)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> batch = new java.util.LinkedHashMap<>();
        batch.put("submissionId", id.toString());
        batch.put("version", version);
        batch.put("dataset", dataset);
        batch.put("provider", provider);
        batch.put("period", month);
        Map<String, Object> commit = new java.util.LinkedHashMap<>(batch);
        batch.put("batchSeq", 1);
        batch.put("batchCount", 1);
        batch.put("records", records);
        apply(UUID.randomUUID(), uk.nhs.mhe.indicator.aggregate.SubmissionEvents.BATCH_TYPE, JSON.writeValueAsBytes(batch));
        commit.put("batchCount", 1);
        commit.put("recordCount", records.size());
        commit.put("sha256", "0".repeat(64));
        commit.put("acceptedAt", "2026-11-26T00:00:00Z");
        apply(UUID.randomUUID(), uk.nhs.mhe.indicator.aggregate.SubmissionEvents.COMMITTED_TYPE, JSON.writeValueAsBytes(commit));
        return id;
    }

    /**
     * Every non-empty cell of the periods whose cells are kept, as text in a fixed order (dataset
     * and period first); only {@code periods} ("dataset|period") when given.
     */
    public static List<String> keptCells(Connection c, java.util.Set<String> periods) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT k.dataset || '|' || k.period, concat_ws('|', k.dataset, k.period, k.counting, k.grouping_mask, "
                        + "k.residence_icb, k.provider, k.ethnic_category, k.gender, k.imd_decile, k.age_band, k.sex, "
                        + "k.sexual_orientation, k.numerators::text, k.denominators::text) FROM period_cell k "
                        + "JOIN period_cell_state s USING (dataset, period) WHERE s.signature <> '' "
                        + "AND EXISTS (SELECT 1 FROM unnest(k.numerators || k.denominators) v WHERE v <> 0) ORDER BY 2")) {
            while (rs.next()) {
                if (periods == null || periods.contains(rs.getString(1))) {
                    cells.add(rs.getString(2));
                }
            }
        }
        return cells;
    }

    public static java.util.Set<String> keptPeriods(Connection c) throws SQLException {
        java.util.Set<String> periods = new java.util.HashSet<>();
        try (Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT dataset || '|' || period FROM period_cell_state WHERE signature <> ''")) {
            while (rs.next()) {
                periods.add(rs.getString(1));
            }
        }
        return periods;
    }

    /**
     * What the worker does: one requested period in one transaction (cells it must build in one
     * of their own before it); false when none waits.
     */
    public boolean recalculateOneRequested() throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            boolean done = recalculation.recalculateNextRequested(c, dataSource);
            c.commit();
            return done;
        }
    }

    /** Recalculates until nothing is requested; returns how many periods. */
    public int recalculateRequested() throws SQLException {
        int n = 0;
        while (recalculateOneRequested()) {
            n++;
        }
        return n;
    }

    /** As the service's worker does with {@code threads} threads; returns how many periods. */
    public int recalculateRequested(int threads) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit((java.util.concurrent.Callable<Integer>) this::recalculateRequested));
            }
            int n = 0;
            for (java.util.concurrent.Future<Integer> f : done) {
                n += f.get();
            }
            return n + recalculateRequested(); // anything a busy thread's try-lock made the others skip
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public void close() {
        postgres.close();
    }
}
