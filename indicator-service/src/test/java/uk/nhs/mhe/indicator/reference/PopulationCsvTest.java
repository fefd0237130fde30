package uk.nhs.mhe.indicator.reference;

import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.reference.ReferenceData;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationCsvTest {

    private final PopulationCsv csv = new PopulationCsv(ReferenceData.get());

    private PopulationCsv.Result read(String text) throws Exception {
        return csv.read(new StringReader(text));
    }

    @Test
    void readsRowsWithAndWithoutImd() throws Exception {
        PopulationCsv.Result plain = read("areaCode,ethnicCategory,ageBand,sex,population\nQMJ,A,20-24,1,1000\r\nQMJ,M,90+,2,12\n");
        assertTrue(plain.errors().isEmpty());
        assertEquals(2, plain.rows().size());
        assertEquals(new PopulationRow("QMJ", "M", "90+", 2, null, 12), plain.rows().get(1));
        PopulationCsv.Result imd = read("\uFEFFareaCode,ethnicCategory,ageBand,sex,imdDecile,population\nQMJ,A,15-17,1,3,40\n");
        assertEquals(3, imd.rows().get(0).imdDecile());
    }

    @Test
    void namesRowAndFieldOfEachBadCell() throws Exception {
        PopulationCsv.Result r = read("areaCode,ethnicCategory,ageBand,sex,population\n"
                + "QMJ,A,20-24,1,1000\nXXX,Z,15-19,3,-4\n");
        assertTrue(r.rows().isEmpty(), "nothing is taken from a bad upload");
        assertEquals(5, r.errors().size());
        for (FieldError e : r.errors()) {
            assertEquals(2L, e.row());
        }
        assertEquals("areaCode", r.errors().get(0).field());
        assertEquals("ethnicCategory", r.errors().get(1).field());
        assertEquals("ageBand", r.errors().get(2).field());
        assertEquals("sex", r.errors().get(3).field());
        assertEquals("population", r.errors().get(4).field());
    }

    @Test
    void refusesAnUnexpectedHeaderAndDuplicateStrata() throws Exception {
        assertEquals("BAD_HEADER", read("area,eth,age,sex,pop\n").errors().get(0).code());
        PopulationCsv.Result dup = read("areaCode,ethnicCategory,ageBand,sex,population\nQMJ,A,20-24,1,1\nQMJ,A,20-24,1,2\n");
        assertEquals("DUPLICATE", dup.errors().get(0).code());
        assertEquals(2L, dup.errors().get(0).row());
    }
}
