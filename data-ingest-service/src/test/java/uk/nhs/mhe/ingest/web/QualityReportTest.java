package uk.nhs.mhe.ingest.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QualityReportTest {

    @Test
    void summarisesAsTheMeanOfTheFieldsValidPercentages() {
        QualityReport q = QualityReport.of("{\"ethnicCategory\":{\"valid\":8,\"other\":1,\"defaultValue\":1,\"invalid\":0,"
                + "\"missing\":0,\"validPercent\":80.0},\"gender\":{\"valid\":10,\"other\":0,\"defaultValue\":0,"
                + "\"invalid\":0,\"missing\":0,\"validPercent\":100.0}}");
        assertEquals(2, q.rows().size());
        assertEquals("ethnicCategory", q.rows().get(0).field());
        assertEquals(1, q.rows().get(0).defaultValue());
        assertEquals("80.0%", q.rows().get(0).validPercent());
        assertEquals("90.0%", q.overallPercent());
    }

    @Test
    void noQualityYetIsNotMeasured() {
        assertNull(QualityReport.of(null).overallPercent());
    }
}
