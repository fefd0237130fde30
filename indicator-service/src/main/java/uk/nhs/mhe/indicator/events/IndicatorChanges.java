package uk.nhs.mhe.indicator.events;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Records {@code IndicatorValuesChanged} events (api.md, mhe.indicator-changes.v1) for a
 * recalculation, in the recalculation's own transaction. (Skeleton: filled in by the events work.)
 */
@ApplicationScoped
public class IndicatorChanges {

    /**
     * @param changed rows of this indicator and period that were added, changed or removed
     * @param current every row of this indicator and period after the recalculation
     */
    public void recorded(Connection c, Indicator indicator, String period, List<IndicatorValue> changed,
            List<IndicatorValue> current) throws SQLException {
        // written by the events work
    }
}
