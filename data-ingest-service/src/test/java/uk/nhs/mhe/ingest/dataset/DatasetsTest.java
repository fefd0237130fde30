package uk.nhs.mhe.ingest.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetsTest {

    @Test
    void bothDatasetsOfTheContractAreSpecified() {
        assertEquals(List.of("MHSDS", "TALKING_THERAPIES"), List.copyOf(Datasets.all().keySet()));
        assertEquals(List.of("referralId", "personId", "ethnicCategory", "gender", "ageYears", "residenceIcb", "imdDecile",
                        "sexualOrientation", "referralDate", "enteredTreatment", "finishedCourse", "casenessAtStart",
                        "casenessAtEnd", "reliableImprovement", "daysToFirstTreatment"),
                Datasets.find("TALKING_THERAPIES").orElseThrow().fields().stream().map(FieldSpec::name).toList());
    }

    @Test
    void talkingTherapiesRulesArePublishedAsData() throws Exception {
        JsonNode spec = new ObjectMapper().registerModule(new Jdk8Module())
                .valueToTree(Datasets.find("TALKING_THERAPIES").orElseThrow());
        JsonNode rules = spec.get("rules");
        assertEquals(6, rules.size());
        assertEquals("TT1", rules.get(0).get("id").asText());
        assertEquals("finishedCourse", rules.get(0).get("when").get("field").asText());
        assertEquals("EQUALS", rules.get(0).get("then").get("expect").asText());
        assertEquals("enteredTreatment", rules.get(0).get("then").get("field").asText());
    }

    @Test
    void aRuleNamingAnUnknownFieldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DatasetSpecification("X", "x", "x",
                List.of(FieldSpec.flag("a", "a")), List.of(CrossFieldRule.rule("R", "a", "d", "a",
                        CrossFieldRule.Op.EQUALS, "Y", "b", CrossFieldRule.Expect.PRESENT, null))));
    }
}
