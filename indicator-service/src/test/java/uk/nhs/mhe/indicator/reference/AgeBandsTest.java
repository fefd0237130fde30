package uk.nhs.mhe.indicator.reference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgeBandsTest {

    @Test
    void splitsFifteenToNineteenAtEighteen() {
        assertEquals(20, AgeBands.ALL.size());
        assertEquals("0-4", AgeBands.of(0));
        assertEquals("10-14", AgeBands.of(14));
        assertEquals("15-17", AgeBands.of(17));
        assertEquals("18-19", AgeBands.of(18));
        assertEquals("85-89", AgeBands.of(89));
        assertEquals("90+", AgeBands.of(120));
        AgeBands.ALL.forEach(band -> assertEquals(band, AgeBands.of(Integer.parseInt(band.split("[-+]")[0]))));
    }
}
