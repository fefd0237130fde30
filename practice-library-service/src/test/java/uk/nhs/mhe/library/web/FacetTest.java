package uk.nhs.mhe.library.web;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.library.casestudy.Vocabularies;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FacetTest {

    @Test
    void showsMatchingOptionsInVocabularyOrderAndKeepsSelectedOnesAtZero() {
        Facet f = Facet.of("region", "Region", Vocabularies.REGIONS, Map.of("Y60", 3L, "Y56", 5L), List.of("Y62"));
        assertEquals(List.of("Y56", "Y60", "Y62"), f.options().stream().map(Facet.Option::id).toList());
        assertEquals(5L, f.options().get(0).count());
        assertEquals("London", f.options().get(0).label());
        assertEquals(0L, f.options().get(2).count());
        assertEquals(true, f.options().get(2).checked());
        assertEquals("region-Y56", f.options().get(0).inputId("region"));
    }
}
