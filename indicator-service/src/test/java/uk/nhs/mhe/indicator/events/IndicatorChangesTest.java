package uk.nhs.mhe.indicator.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.indicator.catalogue.Catalogue;
import uk.nhs.mhe.indicator.catalogue.Indicator;
import uk.nhs.mhe.indicator.compute.IndicatorValue;
import uk.nhs.mhe.indicator.stats.DisclosureControl;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.mhe.indicator.events.ExactRows.of;
import static uk.nhs.mhe.indicator.events.ExactRows.rates;

/**
 * Which groups an indicator-change event names: those whose public figures (or public comparison
 * with the reference group) changed, never those whose change only the exact figures show.
 */
class IndicatorChangesTest {

    private static final Indicator DETENTIONS = new Catalogue(new ObjectMapper()).find("mha-detention-rate")
            .orElseThrow();

    private static List<IndicatorValue> qmj(long white, long black, long asian) {
        return rates(DETENTIONS.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                "White", white, 1_000_000, "Black", black, 100_000, "Asian", asian, 1_000_000);
    }

    @Test
    void aChangeWithinTheSameRoundedCountIsNotNamed() {
        // Two neighbouring counts the rounding publishes alike (which depends on the key), and a
        // small count that stays hidden (2 → 7).
        long x = 10;
        while (!DisclosureControl.publishCount(DETENTIONS.id(), x).equals(
                DisclosureControl.publishCount(DETENTIONS.id(), x + 1))) {
            x++;
        }
        List<IndicatorValue> before = qmj(200, x + 1, 2);
        List<IndicatorValue> after = qmj(200, x, 7);
        List<IndicatorValue> changed = List.of(of(after, "broad-ethnicity", "Black"),
                of(after, "broad-ethnicity", "Asian"));
        assertEquals(List.of(), IndicatorChanges.changedGroups(DETENTIONS, changed, before, after));
    }

    @Test
    void aChangeOfThePublishedCountIsNamed() {
        List<IndicatorValue> before = qmj(200, 12, 2);
        List<IndicatorValue> after = qmj(200, 20, 12); // 12 (10 or 15) → 20; hidden → 10 or 15
        List<IndicatorValue> changed = List.of(of(after, "broad-ethnicity", "Black"),
                of(after, "broad-ethnicity", "Asian"));
        assertEquals(List.of("broad-ethnicity|Black", "broad-ethnicity|Asian"),
                IndicatorChanges.changedGroups(DETENTIONS, changed, before, after));
    }

    @Test
    void aPublicChangeOfTheReferenceNamesTheGroupsWhosePublicRatioChanged() {
        List<IndicatorValue> before = qmj(200, 12, 2);
        List<IndicatorValue> after = qmj(240, 12, 2);
        // Every exact ratio changes with the reference; Asian's ratio is hidden before and after.
        List<IndicatorValue> changed = List.of(of(after, "broad-ethnicity", "White"),
                of(after, "broad-ethnicity", "Black"), of(after, "broad-ethnicity", "Asian"));
        assertEquals(List.of("broad-ethnicity|White", "broad-ethnicity|Black"),
                IndicatorChanges.changedGroups(DETENTIONS, changed, before, after));
    }

    @Test
    void aRemovedGroupIsNamed() {
        List<IndicatorValue> before = qmj(200, 12, 20);
        List<IndicatorValue> after = rates(DETENTIONS.id(), "QMJ", "2024-01", "broad-ethnicity", "White",
                "White", 200, 1_000_000, "Black", 12, 100_000);
        IndicatorValue removed = of(before, "broad-ethnicity", "Asian");
        assertEquals(List.of("broad-ethnicity|Asian"),
                IndicatorChanges.changedGroups(DETENTIONS, List.of(removed), before, after));
    }
}
