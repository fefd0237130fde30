package uk.nhs.mhe.indicator.compute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import uk.nhs.mhe.indicator.aggregate.SubmissionApplier;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.events.IndicatorChanges;
import uk.nhs.mhe.indicator.reference.Areas;
import uk.nhs.mhe.infra.PostgresServer;
import uk.nhs.mhe.reference.ReferenceData;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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

    public EmbeddedIndicatorDatabase(String database) {
        postgres = PostgresServer.startEphemeral();
        postgres.ensureDatabase(database);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl(database));
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(PostgresServer.PASSWORD);
        dataSource.setReWriteBatchedInserts(true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        ReferenceData ref = ReferenceData.get();
        recalculation = new Recalculation(new Catalogue(JSON), new Areas(ref), ref, new IndicatorChanges(),
                new SimpleMeterRegistry(), Double.parseDouble(System.getProperty("mhe.cells.change-share", "0.1")));
        applier = new SubmissionApplier(null, JSON, recalculation);
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

    /** What the worker does: one requested period in one transaction; false when none waits. */
    public boolean recalculateOneRequested() throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            boolean done = recalculation.recalculateNextRequested(c);
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
