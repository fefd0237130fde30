package uk.nhs.mhe.indicator.aggregate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.mhe.indicator.events.EventRelay;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes what did not flow visible in readiness ("pipeline") and metrics: events parked on the
 * dead-letter topic (with the latest reason), and the event relay's backlog, called stuck when
 * its oldest event has waited longer than {@value #STUCK_AFTER_SECONDS} s for the broker. The
 * check stays UP: queries are still answered correctly, and taking the service out of rotation
 * would not bring Kafka back; alerts go on the gauges {@code mhe.submissions.parked.events} and
 * {@code mhe.events.lag.seconds}.
 */
@Readiness
@ApplicationScoped
public class PipelineHealth implements HealthCheck {

    static final long STUCK_AFTER_SECONDS = 60;

    private final DataSource dataSource;
    private final EventRelay relay;

    public PipelineHealth(DataSource dataSource, EventRelay relay, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.relay = relay;
        Gauge.builder("mhe.submissions.parked.events", this, PipelineHealth::parkedCount)
                .description("Submission events parked on the dead-letter topic, ever").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("pipeline").up();
        long[] backlog = relay.backlog();
        response.withData("eventsUnpublished", backlog[0]).withData("oldestUnpublishedSeconds", backlog[1])
                .withData("relayStuck", backlog[1] > STUCK_AFTER_SECONDS);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM parked_event), reason, parked_at, "
                     + "submission_id FROM parked_event ORDER BY id DESC LIMIT 1")) {
            if (rs.next()) {
                response.withData("parkedEvents", rs.getLong(1))
                        .withData("lastParkedAt", rs.getTimestamp(3).toInstant().toString())
                        .withData("lastParkedReason", rs.getString(2));
                if (rs.getString(4) != null) {
                    response.withData("lastParkedSubmission", rs.getString(4));
                }
            } else {
                response.withData("parkedEvents", 0L);
            }
        } catch (SQLException e) {
            response.down().withData("error", e.getMessage());
        }
        return response.build();
    }

    private double parkedCount() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM parked_event")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
