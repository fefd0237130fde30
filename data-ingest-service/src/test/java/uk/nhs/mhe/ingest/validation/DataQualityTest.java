package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.ingest.Submissions;
import uk.nhs.mhe.ingest.dataset.Datasets;

import java.util.ArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DQMI categories per field: valid, other, default, invalid, missing. */
class DataQualityTest {

    @Test
    void countsEthnicityInTheDqmiCategories() {
        ObjectMapper mapper = new ObjectMapper();
        RecordValidator validator = new RecordValidator(Datasets.find("MHSDS").orElseThrow());
        String[] codes = {"A", "S", "Z", "99", "99", "Q", null};
        for (int i = 0; i < codes.length; i++) {
            Map<String, Object> r = Submissions.record("P" + i);
            r.put("ethnicCategory", codes[i]);
            validator.validate(i + 1, mapper.valueToTree(r), new ArrayList<>());
        }
        DataQuality.FieldCounts c = validator.quality().fields().get("ethnicCategory");
        assertEquals(2, c.valid);
        assertEquals(1, c.other);
        assertEquals(2, c.defaultValue);
        assertEquals(1, c.invalid);
        assertEquals(1, c.missing);
        assertEquals(28.57, c.getValidPercent());
        DataQuality.FieldCounts gender = validator.quality().fields().get("gender");
        assertEquals(7, gender.valid);
    }

    @Test
    void genderAndSexualOrientationHaveTheirOwnOtherAndDefaultCodes() {
        ObjectMapper mapper = new ObjectMapper();
        RecordValidator validator = new RecordValidator(Datasets.find("TALKING_THERAPIES").orElseThrow());
        String[][] values = {{"1", "1"}, {"Z", "U"}, {"X", "9"}, {"2", "Z"}};
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> r = Submissions.referral("R" + i, "2024-03-01");
            r.put("gender", values[i][0]);
            r.put("sexualOrientation", values[i][1]);
            validator.validate(i + 1, mapper.valueToTree(r), new ArrayList<>());
        }
        DataQuality.FieldCounts gender = validator.quality().fields().get("gender");
        assertEquals(2, gender.valid);
        assertEquals(1, gender.other);
        assertEquals(1, gender.defaultValue);
        DataQuality.FieldCounts orientation = validator.quality().fields().get("sexualOrientation");
        assertEquals(1, orientation.valid);
        assertEquals(2, orientation.other);
        assertEquals(1, orientation.defaultValue);
    }
}
