package uk.nhs.mhe.reference;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceDataTest {

    private final ReferenceData ref = ReferenceData.get();

    @Test
    void loadsTheOrganisationHierarchy() {
        assertEquals(7, ref.regions().size());
        assertEquals(42, ref.icbs().size());
        assertEquals("London", ref.regions().get("Y56").name());
        // Quoted names with commas survive the CSV reader.
        assertEquals("NHS Shropshire, Telford and Wrekin Integrated Care Board", ref.icbs().get("QOC").name());
        ref.icbs().values().forEach(icb -> assertTrue(ref.regions().containsKey(icb.regionOdsCode()), icb.odsCode()));
        ref.trusts().values().forEach(t -> assertTrue(ref.icbs().containsKey(t.icbOdsCode()), t.odsCode()));
    }

    @Test
    void skipsIndependentSectorCodesWithoutAnIcb() {
        assertFalse(ref.trusts().containsKey("NQL"));
        assertFalse(ref.trusts().containsKey("NR5"));
        assertTrue(ref.trusts().containsKey("RV5"));
    }

    @Test
    void trustIsOpenUntilItsCloseDate() {
        Trust rrp = ref.trusts().get("RRP");
        assertTrue(rrp.isOpenIn(YearMonth.of(2024, 10)));
        assertFalse(rrp.isOpenIn(YearMonth.of(2024, 11)));
        assertFalse(rrp.isOpen());
    }

    @Test
    void readsCodeListsWithBroadGroups() {
        assertEquals(18, ref.ethnicCategories().size());
        assertEquals("Other", ref.ethnicCategories().get("R").broadGroup());
        assertTrue(ref.ethnicCategories().get("A").isStated());
        assertFalse(ref.ethnicCategories().get("Z").isStated());
        assertFalse(ref.ethnicCategories().get("99").isStated());
        assertEquals(1, ref.genderIdentities().get("1").sexForRates());
        assertNull(ref.genderIdentities().get("X").sexForRates());
        assertEquals(7, ref.sexualOrientations().size());
        assertEquals(19, ref.esp2013().size());
    }
}
