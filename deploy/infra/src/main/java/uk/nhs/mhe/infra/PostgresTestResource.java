package uk.nhs.mhe.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: a real embedded PostgreSQL server for the service under test,
 * handed over as the default datasource.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        server = PostgresServer.startEphemeral();
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl("postgres"),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
