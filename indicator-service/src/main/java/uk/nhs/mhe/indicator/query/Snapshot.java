package uk.nhs.mhe.indicator.query;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a read in one repeatable-read snapshot, so that a recalculation committing meanwhile
 * cannot mix old and new values in one answer (periods, rows, benchmarks and limits all come
 * from the same state of the table).
 */
@ApplicationScoped
public class Snapshot {

    /** A read over one connection. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Snapshot(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T read(Read<T> read) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return read.apply(c);
            } finally {
                // Nothing was written; the pool gets the connection back as it lent it.
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read indicator values", e);
        }
    }
}
