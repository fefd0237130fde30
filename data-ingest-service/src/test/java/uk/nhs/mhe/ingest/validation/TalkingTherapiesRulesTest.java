package uk.nhs.mhe.ingest.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.Submissions;
import uk.nhs.mhe.ingest.dataset.Datasets;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Talking Therapies cross-field rules of api.md, executed from the specification. */
class TalkingTherapiesRulesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final RecordValidator validator = new RecordValidator(Datasets.find("TALKING_THERAPIES").orElseThrow(),
            YearMonth.of(2024, 3));
    private int referrals;

    private List<FieldError> check(Map<String, Object> record) {
        List<FieldError> errors = new ArrayList<>();
        validator.validate(1, mapper.valueToTree(record), errors);
        return errors;
    }

    private Map<String, Object> with(Object... pairs) {
        Map<String, Object> r = Submissions.referral("R" + ++referrals, "2024-03-04");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                r.remove((String) pairs[i]);
            } else {
                r.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return r;
    }

    private static String rules(List<FieldError> errors) {
        return String.join(",", errors.stream().map(e -> e.code() + ":" + e.message().split(":")[0]).toList());
    }

    @Test
    void aCompleteFinishedCourseIsValid() {
        assertEquals(List.of(), check(with()));
    }

    @Test
    void aReferralNotYetInTreatmentIsValidWithoutTreatmentFields() {
        assertEquals(List.of(), check(with("enteredTreatment", "N", "finishedCourse", "N", "casenessAtStart", null,
                "casenessAtEnd", null, "reliableImprovement", null, "daysToFirstTreatment", null)));
    }

    @Test
    void finishedCourseRequiresEnteredTreatment() {
        assertEquals("CROSS_FIELD_RULE:TT1,CROSS_FIELD_RULE:TT6", rules(check(with("enteredTreatment", "N"))));
    }

    @Test
    void casenessAtStartIsRequiredWhenEnteredTreatment() {
        List<FieldError> errors = check(with("casenessAtStart", null));
        assertEquals("CROSS_FIELD_RULE:TT2", rules(errors));
        assertEquals("casenessAtStart", errors.get(0).field());
    }

    @Test
    void casenessAtEndAndReliableImprovementAreYOnlyWhenFinished() {
        assertEquals("CROSS_FIELD_RULE:TT3,CROSS_FIELD_RULE:TT4", rules(check(with("finishedCourse", "N", "casenessAtEnd", "Y"))));
        assertEquals(List.of(), check(with("finishedCourse", "N", "casenessAtEnd", "N", "reliableImprovement", "N")));
    }

    @Test
    void daysToFirstTreatmentWhenAndOnlyWhenEnteredTreatment() {
        assertEquals("CROSS_FIELD_RULE:TT5", rules(check(with("daysToFirstTreatment", null))));
        assertEquals("CROSS_FIELD_RULE:TT6", rules(check(with("enteredTreatment", "N", "finishedCourse", "N",
                "casenessAtEnd", "N", "reliableImprovement", "N", "casenessAtStart", null))));
    }

    @Test
    void referralDateMustFallInThePeriod() {
        List<FieldError> errors = check(with("referralDate", "2024-04-01"));
        assertEquals(1, errors.size());
        assertEquals(ErrorCode.OUTSIDE_PERIOD, errors.get(0).code());
        assertEquals(ErrorCode.WRONG_TYPE, check(with("referralDate", "2024-02-30")).get(0).code());
        assertEquals(ErrorCode.WRONG_TYPE, check(with("referralDate", "04/03/2024")).get(0).code());
    }

    @Test
    void sexualOrientationComesFromItsCodeList() {
        assertEquals(ErrorCode.NOT_IN_CODE_LIST, check(with("sexualOrientation", "5")).get(0).code());
        assertEquals(List.of(), check(with("sexualOrientation", "U")));
    }

    @Test
    void referralIdIsUniqueButAPersonMayHaveSeveralReferrals() {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> a = with("personId", "SAME");
        Map<String, Object> b = with("personId", "SAME");
        Map<String, Object> c = with("personId", "SAME");
        c.put("referralId", a.get("referralId"));
        validator.validate(1, mapper.valueToTree(a), errors);
        validator.validate(2, mapper.valueToTree(b), errors);
        validator.validate(3, mapper.valueToTree(c), errors);
        assertEquals(1, errors.size());
        assertEquals(3L, errors.get(0).row());
        assertEquals("referralId", errors.get(0).field());
        assertEquals(ErrorCode.DUPLICATE, errors.get(0).code());
    }

    @Test
    void aRuleIsNotCheckedWhenOneOfItsFieldsIsAlreadyInvalid() {
        List<FieldError> errors = check(with("enteredTreatment", "maybe"));
        assertTrue(errors.stream().noneMatch(e -> e.code().equals(ErrorCode.CROSS_FIELD_RULE)), errors.toString());
    }
}
