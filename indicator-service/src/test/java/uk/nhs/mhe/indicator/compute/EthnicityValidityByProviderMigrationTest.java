package uk.nhs.mhe.indicator.compute;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import uk.nhs.mhe.indicator.period.Period;
import uk.nhs.mhe.infra.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V6 (ethnicity-validity by submitting provider): a database with stored values gets every
 * existing MHSDS period requested for recalculation, with the priority a submission gives it,
 * so the values summed by residence are replaced.
 */
class EthnicityValidityByProviderMigrationTest {

    @Test
    void everyExistingMhsdsPeriodIsRequested() throws SQLException {
        try (PostgresServer postgres = PostgresServer.startEphemeral()) {
            postgres.ensureDatabase("v5");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.jdbcUrl("v5"));
            dataSource.setUser(PostgresServer.USER);
            dataSource.setPassword(PostgresServer.PASSWORD);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("4").load().migrate();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO current_submission (dataset, provider, period, submission_id, version) VALUES "
                        + "('MHSDS', 'RV5', '2024-03', gen_random_uuid(), 1), "
                        + "('MHSDS', 'RXT', '2024-03', gen_random_uuid(), 2), "
                        + "('MHSDS', 'RV5', '2024-04', gen_random_uuid(), 1), "
                        + "('MHSDS', 'RV5', '2023-12', gen_random_uuid(), 1), "
                        + "('TALKING_THERAPIES', 'RV5', '2022-06', gen_random_uuid(), 1)");
            }
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            Map<String, Integer> expected = new TreeMap<>();
            for (String month : new String[] {"2024-03", "2024-04", "2023-12"}) {
                YearMonth m = YearMonth.parse(month);
                for (Period p : new Period[] {Period.month(m), Period.financialYearOf(m), Period.rolling12(m)}) {
                    expected.put(p.code(), p.type().ordinal());
                }
            }
            Map<String, Integer> requested = new HashMap<>();
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT dataset, period, priority FROM recalculation_request")) {
                while (rs.next()) {
                    assertEquals("MHSDS", rs.getString(1));
                    assertEquals(null, requested.put(rs.getString(2), rs.getInt(3)), "requested once: " + rs.getString(2));
                }
            }
            // 2024-03, 2024-04, 2023-12; FY2023-24, FY2024-25; R12-2024-03, R12-2024-04, R12-2023-12
            assertEquals(8, expected.size());
            assertEquals(expected, new TreeMap<>(requested));
        }
    }
}
