package uk.nhs.mhe.indicator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.query.PublicView;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Records {@code IndicatorValuesChanged} events (api.md, mhe.indicator-changes.v1) for a
 * recalculation, in the recalculation's own transaction: one outbox row per area whose values
 * changed. Written with the values or not at all (the transactional outbox), so no event is
 * published for a change that rolled back, and none is lost; {@link EventRelay}
 * publishes the rows.
 */
@ApplicationScoped
public class IndicatorChanges {

    // Our own mapper, not the application's: the event's JSON is a published contract and must
    // not change with the service's Jackson settings.
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One event per area whose public figures changed, naming the groups whose public figures
     * changed. Judged on the public view, because the events reach services whose users need not
     * hold the {@code assurance} role: an event for a change only the exact figures show (a hidden
     * count going from 2 to 3, a count of 12 becoming 11) would tell them what the pages hide.
     *
     * @param changed rows of this indicator and period that were added, changed or removed
     * @param current every row of this indicator and period after the recalculation
     * @param previous every row of this indicator and period before it
     */
    public void recorded(Connection c, Indicator indicator, String period, List<IndicatorValue> changed,
            List<IndicatorValue> current, List<IndicatorValue> previous) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        // Microseconds: what PostgreSQL keeps, so a consumer storing computedAt compares it exactly.
        String computedAt = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        Map<String, List<IndicatorValue>> currentByArea = byArea(current);
        Map<String, List<IndicatorValue>> previousByArea = byArea(previous);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_outbox (stream, event_type, event_key, "
                + "event_id, indicator_id, area_code, period, payload) VALUES ('indicator-changes', ?, ?, ?, ?, ?, ?, ?)")) {
            // Areas in a fixed order, so the outbox ids (the publishing order) do not depend on hashing.
            for (Map.Entry<String, List<IndicatorValue>> area : byArea(changed).entrySet()) {
                List<IndicatorValue> now = currentByArea.getOrDefault(area.getKey(), List.of());
                List<String> groups = changedGroups(indicator, area.getValue(),
                        previousByArea.getOrDefault(area.getKey(), List.of()), now);
                if (groups.isEmpty()) {
                    continue;
                }
                IndicatorValuesChanged event = new IndicatorValuesChanged(indicator.id(), period, area.getKey(),
                        groups, Disparities.in(indicator, now), computedAt);
                ps.setString(1, IndicatorValuesChanged.TYPE);
                ps.setString(2, IndicatorValuesChanged.key(indicator.id(), area.getKey()));
                ps.setObject(3, UUID.randomUUID());
                ps.setString(4, indicator.id());
                ps.setString(5, area.getKey());
                ps.setString(6, period);
                ps.setString(7, json(event));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * {@code breakdown|group} of each changed row whose public figures (or public comparison with
     * its reference group) differ between {@code before} and {@code after} (one area's rows), once
     * each, in the order of the rows.
     */
    static List<String> changedGroups(Indicator indicator, List<IndicatorValue> changed, List<IndicatorValue> before,
            List<IndicatorValue> after) {
        Map<String, PublicView> was = Disparities.PublicViews.byBreakdown(indicator, before, Disparities.breakdowns());
        Map<String, PublicView> is = Disparities.PublicViews.byBreakdown(indicator, after, Disparities.breakdowns());
        Set<String> groups = new LinkedHashSet<>();
        for (IndicatorValue v : changed) {
            if (!Objects.equals(publicOf(was.get(v.breakdown()), v.group()), publicOf(is.get(v.breakdown()), v.group()))) {
                groups.add(v.breakdown() + '|' + v.group());
            }
        }
        return List.copyOf(groups);
    }

    /** A group's public figures and comparison; null when the view has no such group. */
    private static List<Object> publicOf(PublicView view, String group) {
        if (view == null || !view.has(group)) {
            return null;
        }
        return java.util.Arrays.asList(view.figures(group), view.comparison(group));
    }

    private static Map<String, List<IndicatorValue>> byArea(List<IndicatorValue> rows) {
        Map<String, List<IndicatorValue>> result = new TreeMap<>();
        for (IndicatorValue v : rows) {
            result.computeIfAbsent(v.area(), a -> new ArrayList<>()).add(v);
        }
        return result;
    }

    static String json(IndicatorValuesChanged event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("IndicatorValuesChanged not serialisable", e);
        }
    }
}
