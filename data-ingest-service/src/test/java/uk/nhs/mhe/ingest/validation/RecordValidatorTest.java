package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.Submissions;
import uk.nhs.mhe.ingest.dataset.Datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordValidatorTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final RecordValidator validator = new RecordValidator(Datasets.find("MHSDS").orElseThrow());
    private final List<FieldError> errors = new ArrayList<>();

    private ObjectNode validate(long row, Map<String, Object> record) {
        return validator.validate(row, mapper.valueToTree(record), errors);
    }

    private int people;

    /** A valid record (with a person id of its own) but for one field. */
    private Map<String, Object> recordWith(String field, Object value) {
        Map<String, Object> r = Submissions.record("W" + ++people);
        r.put(field, value);
        return r;
    }

    @Test
    void acceptsAValidRecordAndNormalisesIt() {
        Map<String, Object> r = Submissions.record("P1");
        r.remove("imdDecile");
        ObjectNode out = validate(1, r);
        assertNotNull(out);
        assertTrue(errors.isEmpty());
        assertTrue(out.get("imdDecile").isNull(), "absent optional value becomes null");
        assertEquals(34, out.get("ageYears").asInt());
    }

    @Test
    void rejectsUnknownEthnicCodeNamingRowAndField() {
        assertNull(validate(7, recordWith("ethnicCategory", "Q")));
        assertEquals(1, errors.size());
        FieldError e = errors.get(0);
        assertEquals(7L, e.row());
        assertEquals("ethnicCategory", e.field());
        assertEquals(ErrorCode.NOT_IN_CODE_LIST, e.code());
    }

    @Test
    void rejectsUnknownIcb() {
        assertNull(validate(1, recordWith("residenceIcb", "XXX")));
        assertEquals("residenceIcb", errors.get(0).field());
        assertEquals(ErrorCode.NOT_IN_CODE_LIST, errors.get(0).code());
    }

    @Test
    void rejectsAgeOutOfRangeAndNegativeCounts() {
        assertNull(validate(1, recordWith("ageYears", 121)));
        assertNull(validate(2, recordWith("detentions", -1)));
        assertEquals(List.of(ErrorCode.OUT_OF_RANGE, ErrorCode.OUT_OF_RANGE), errors.stream().map(FieldError::code).toList());
    }

    @Test
    void rejectsControlAndInvalidCharactersInIdentifiersNamingThePosition() {
        // A NUL passed here once, and PostgreSQL refused it downstream on every attempt.
        String[] bad = {"P\u00001", "P\t1", "P1\n", "P\u007F1", "P\u00851", "P\uD8001", "P\uDC001", "P\uFFFF"};
        for (int i = 0; i < bad.length; i++) {
            errors.clear();
            assertNull(validate(i + 1, recordWith("personId", bad[i])), bad[i]);
            assertEquals(1, errors.size());
            assertEquals("personId", errors.get(0).field());
            assertEquals(i + 1L, errors.get(0).row());
            assertEquals(ErrorCode.INVALID_CHARACTER, errors.get(0).code());
            assertTrue(errors.get(0).message().contains("U+"), errors.get(0).message());
        }
        errors.clear();
        assertNotNull(validate(1, recordWith("personId", "Zoë-\uD83D\uDE00-1")), "printable text, a pair of surrogates");
        assertTrue(errors.isEmpty());
    }

    @Test
    void everyIntegerFieldIsBoundedSoThatWhatIsAcceptedFitsDownstream() {
        // 3,000,000,000 was accepted once and overflowed the indicator service's integer column.
        assertNull(validate(1, recordWith("detentions", 3_000_000_000L)));
        assertNull(validate(2, recordWith("ctos", 32)));
        assertNull(validate(3, recordWith("restrictiveInterventions", 1_001)));
        assertEquals(List.of(ErrorCode.OUT_OF_RANGE, ErrorCode.OUT_OF_RANGE, ErrorCode.OUT_OF_RANGE),
                errors.stream().map(FieldError::code).toList());
        assertNotNull(validate(4, recordWith("detentions", 31)));
        for (var spec : Datasets.all().values()) {
            for (var field : spec.fields()) {
                if (field.type() == uk.nhs.mhe.ingest.dataset.FieldType.INTEGER) {
                    assertNotNull(field.max(), spec.id() + "." + field.name() + " has an upper bound");
                    assertTrue(field.max() <= Integer.MAX_VALUE, spec.id() + "." + field.name() + " fits an integer");
                }
            }
        }
    }

    @Test
    void rejectsNumbersWrittenAsStringsAndCodesWrittenAsNumbers() {
        assertNull(validate(1, recordWith("ageYears", "34")));
        assertNull(validate(2, recordWith("gender", 1)));
        assertNull(validate(3, recordWith("detentions", 1.5)));
        assertEquals(List.of(ErrorCode.WRONG_TYPE, ErrorCode.WRONG_TYPE, ErrorCode.WRONG_TYPE),
                errors.stream().map(FieldError::code).toList());
    }

    @Test
    void requiresMandatoryFieldsButNotImdDecile() {
        Map<String, Object> r = Submissions.record("P1");
        r.remove("gender");
        r.put("imdDecile", null);
        assertNull(validate(1, r));
        assertEquals(1, errors.size());
        assertEquals("gender", errors.get(0).field());
        assertEquals(ErrorCode.REQUIRED, errors.get(0).code());
    }

    @Test
    void rejectsDuplicatePersonIdInTheSameSubmission() {
        assertNotNull(validate(1, Submissions.record("P1")));
        assertNull(validate(2, Submissions.record("P1")));
        assertEquals(2L, errors.get(0).row());
        assertEquals(ErrorCode.DUPLICATE, errors.get(0).code());
    }

    @Test
    void rejectsUnknownFieldsAndFlagsOtherThanYOrN() {
        assertNull(validate(1, recordWith("detention", 1)));
        assertNull(validate(2, recordWith("inContact", "yes")));
        assertEquals(ErrorCode.UNKNOWN_FIELD, errors.get(0).code());
        assertEquals("detention", errors.get(0).field());
        assertEquals(ErrorCode.NOT_IN_CODE_LIST, errors.get(1).code());
    }

    @Test
    void rejectsPersonIdLongerThan64() {
        assertNull(validate(1, Submissions.record("x".repeat(65))));
        assertEquals(ErrorCode.LENGTH, errors.get(0).code());
    }

    @Test
    void countsDataQualityInDqmiCategories() {
        validate(1, recordWith("ethnicCategory", "Z"));
        Map<String, Object> r2 = Submissions.record("P2");
        r2.put("ethnicCategory", "99");
        validate(2, r2);
        Map<String, Object> r3 = Submissions.record("P3");
        r3.put("ethnicCategory", "Q");
        validate(3, r3);
        Map<String, Object> r4 = Submissions.record("P4");
        r4.remove("imdDecile");
        validate(4, r4);
        DataQuality.FieldCounts ethnic = validator.quality().fields().get("ethnicCategory");
        assertEquals(1, ethnic.other);
        assertEquals(1, ethnic.defaultValue);
        assertEquals(1, ethnic.invalid);
        assertEquals(1, ethnic.valid);
        assertEquals(1, validator.quality().fields().get("imdDecile").missing);
    }
}
