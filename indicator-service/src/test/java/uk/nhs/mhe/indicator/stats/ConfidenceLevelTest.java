package uk.nhs.mhe.indicator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link ConfidenceLevel}; no infrastructure. */
class ConfidenceLevelTest {

    @Test
    void ninetyFivePercentZMatchesMethodsSection() {
        assertEquals(1.959964, ConfidenceLevel.NINETY_FIVE.z(), 5e-7);
        assertEquals(0.025, ConfidenceLevel.NINETY_FIVE.tailProbability(), 1e-15);
        assertEquals(0.975, ConfidenceLevel.NINETY_FIVE.upperProbability(), 1e-15);
    }

    @Test
    void ninetyNinePointEightPercentZMatchesMethodsSection() {
        assertEquals(3.090232, ConfidenceLevel.NINETY_NINE_POINT_EIGHT.z(), 5e-7);
        assertEquals(0.001, ConfidenceLevel.NINETY_NINE_POINT_EIGHT.tailProbability(), 1e-15);
        assertEquals(0.999, ConfidenceLevel.NINETY_NINE_POINT_EIGHT.upperProbability(), 1e-15);
    }
}
