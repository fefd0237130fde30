package uk.nhs.mhe.indicator.compute;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes set-aside periods visible: a period whose recalculation failed
 * {@value Recalculation#MAX_ATTEMPTS} times for a reason that would recur is no longer taken
 * until a new request for it arrives, and until then its values are stale. The readiness check
 * stays UP (the service answers; taking it out of rotation would not help) but names the periods
 * in its data, and the gauge {@code mhe.recalculation.set.aside} counts them for alerting.
 */
@Readiness
@ApplicationScoped
public class RecalculationHealth implements HealthCheck {

    private static final String SET_ASIDE = "SELECT dataset, period FROM recalculation_request GROUP BY dataset, period "
            + "HAVING min(attempts) >= " + Recalculation.MAX_ATTEMPTS + " ORDER BY 1, 2";

    private final DataSource dataSource;

    public RecalculationHealth(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("mhe.recalculation.set.aside", this, h -> h.setAside().size())
                .description("Periods whose recalculation failed repeatedly and waits for a new request")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("recalculation");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT (dataset, period)) FROM recalculation_request")) {
            rs.next();
            List<String> setAside = setAside(c);
            response.up().withData("waitingPeriods", rs.getLong(1)).withData("setAsidePeriods", setAside.size());
            if (!setAside.isEmpty()) {
                response.withData("setAside", String.join(", ", setAside.subList(0, Math.min(20, setAside.size()))));
            }
        } catch (SQLException e) {
            response.down().withData("error", e.getMessage());
        }
        return response.build();
    }

    private List<String> setAside() {
        try (Connection c = dataSource.getConnection()) {
            return setAside(c);
        } catch (SQLException e) {
            return List.of();
        }
    }

    private static List<String> setAside(Connection c) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SET_ASIDE)) {
            while (rs.next()) {
                result.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return result;
    }
}
