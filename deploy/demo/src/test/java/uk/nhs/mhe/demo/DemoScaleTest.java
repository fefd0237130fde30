package uk.nhs.mhe.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DemoScaleTest {

    @Test
    void parsesDenominatorsFractionsAndNational() {
        assertEquals(1 / 160.0, DemoScale.parse("160").factor(), 1e-12);
        assertEquals(1 / 40.0, DemoScale.parse("1/40").factor(), 1e-12);
        assertEquals(0.025, DemoScale.parse("0.025").factor(), 1e-12);
        assertEquals(1.0, DemoScale.parse("1").factor(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> DemoScale.parse("0"));
    }

    @Test
    void ratesPer100kDoNotDependOnScale() {
        for (DemoScale s : new DemoScale[] {DemoScale.DEFAULT, DemoScale.NATIONAL}) {
            assertEquals(7.38, s.detentionsPerMonth() / s.population() * 100_000, 0.01);
        }
    }
}
