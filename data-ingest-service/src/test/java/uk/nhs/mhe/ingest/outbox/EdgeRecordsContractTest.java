package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.dataset.FieldSpec;
import uk.nhs.mhe.ingest.dataset.FieldType;
import uk.nhs.mhe.ingest.validation.RecordValidator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer's half of "what the door accepts, the consumer can apply": records generated from
 * the published dataset specification alone (every field at its edges: each code, the least and
 * greatest whole number, the shortest and longest string in every script a name may hold, absent
 * where optional; then random mixtures), validated as a submission would be. Whatever validation
 * accepts is written as the batch event the outbox would publish, to
 * {@code contract/edge-batch-<dataset>.json}; the indicator-service's {@code EdgeRecordsApplyTest}
 * applies those events to its real database and must count every record. Regenerate the files
 * after a specification change with {@code -Dcontract.write=true}.
 */
class EdgeRecordsContractTest {

    private static final Path CONTRACT = Path.of("src/test/resources/contract");
    private static final YearMonth PERIOD = YearMonth.of(2024, 2);
    private static final int RANDOM_RECORDS = 300;
    /** Printable text from several scripts, with the characters that break naive SQL and CSV. */
    private static final List<String> ALPHABETS = List.of("A", "z9", "é", "漢", "🙂", "O'Brien \"x\"; --", "a,b\\c", "\u00a0");

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @ParameterizedTest
    @ValueSource(strings = {"MHSDS", "TALKING_THERAPIES"})
    void everyRecordValidationAcceptsIsWrittenForTheConsumerToApply(String dataset) throws Exception {
        DatasetSpecification spec = Datasets.find(dataset).orElseThrow();
        Random random = new Random(20_261_203L);
        List<ObjectNode> candidates = new ArrayList<>();
        ObjectNode base = base(spec);
        for (FieldSpec field : spec.fields()) {
            for (JsonNode value : edges(field)) {
                ObjectNode r = base.deepCopy();
                r.set(field.name(), value);
                candidates.add(r);
            }
        }
        int edgeCandidates = candidates.size();
        for (int i = 0; i < RANDOM_RECORDS; i++) {
            ObjectNode r = JsonNodeFactory.instance.objectNode();
            for (FieldSpec field : spec.fields()) {
                List<JsonNode> values = edges(field);
                r.set(field.name(), values.get(random.nextInt(values.size())));
            }
            candidates.add(r);
        }

        List<ObjectNode> accepted = new ArrayList<>();
        try (RecordValidator validator = new RecordValidator(spec, PERIOD)) {
            for (int i = 0; i < candidates.size(); i++) {
                ObjectNode r = candidates.get(i);
                unique(spec, r, i);
                List<FieldError> errors = new ArrayList<>();
                ObjectNode valid = validator.validate(accepted.size() + 1, r, errors);
                if (valid != null && errors.isEmpty()) {
                    accepted.add(valid);
                } else if (i < edgeCandidates && spec.rules().isEmpty()) {
                    throw new AssertionError("The specification allows " + r + " but validation refused it: " + errors);
                }
            }
        }
        // Every integer field's least and greatest value is among the accepted records.
        for (FieldSpec field : spec.fields()) {
            if (field.type() == FieldType.INTEGER) {
                for (long edge : new long[] {field.min(), field.max()}) {
                    assertTrue(accepted.stream().anyMatch(r -> r.path(field.name()).asLong(Long.MIN_VALUE) == edge),
                            field.name() + " = " + edge + " accepted");
                }
            }
        }
        assertTrue(accepted.size() > edgeCandidates / 2, accepted.size() + " of " + candidates.size() + " accepted");

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(mapper.writeValueAsBytes(accepted));
        }
        SubmissionEvents.Header header = new SubmissionEvents.Header(
                UUID.nameUUIDFromBytes(("edge-" + dataset).getBytes(StandardCharsets.UTF_8)), 1, dataset, "RV5",
                PERIOD.toString(), 1, accepted.size(), "0".repeat(64), Instant.parse("2024-03-05T10:15:30Z"));
        String written = new String(new SubmissionEvents(mapper).batch(header, 1, gz.toByteArray()), StandardCharsets.UTF_8);
        Path file = CONTRACT.resolve("edge-batch-" + dataset.toLowerCase().replace('_', '-') + ".json");
        if (Boolean.getBoolean("contract.write")) {
            Files.writeString(file, written + "\n");
        }
        assertTrue(Files.exists(file), file + " is missing: run this test with -Dcontract.write=true");
        assertEquals(Files.readString(file).trim(), written,
                "The accepted edge records changed: regenerate " + file + " with -Dcontract.write=true");
    }

    /** A record every field of which is valid, to vary one field at a time. */
    private static ObjectNode base(DatasetSpecification spec) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        for (FieldSpec field : spec.fields()) {
            r.set(field.name(), edges(field).get(0));
        }
        // A referral that entered and finished treatment satisfies every cross-field rule.
        for (String flag : List.of("enteredTreatment", "finishedCourse", "casenessAtStart")) {
            if (r.has(flag)) {
                r.put(flag, "Y");
            }
        }
        if (r.has("daysToFirstTreatment")) {
            r.put("daysToFirstTreatment", 14);
        }
        return r;
    }

    /** The values at the edges of what the field's specification allows, a valid one first. */
    static List<JsonNode> edges(FieldSpec field) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        switch (field.type()) {
            case STRING -> {
                for (String alphabet : ALPHABETS) {
                    values.add(json.textNode(fill(alphabet, field.minLength())));
                    values.add(json.textNode(fill(alphabet, field.maxLength())));
                }
            }
            case CODE -> field.permittedValues().forEach(code -> values.add(json.textNode(code)));
            case INTEGER -> {
                values.add(json.numberNode(field.min()));
                values.add(json.numberNode(field.max()));
                values.add(json.numberNode(field.min() + 1));
                values.add(json.numberNode(field.max() - 1));
                values.add(json.numberNode((field.min() + field.max()) / 2));
            }
            case FLAG -> {
                values.add(json.textNode("Y"));
                values.add(json.textNode("N"));
            }
            case DATE -> {
                values.add(json.textNode(PERIOD.atDay(1).toString()));
                values.add(json.textNode(PERIOD.atEndOfMonth().toString()));
            }
        }
        if (!field.required()) {
            values.add(json.nullNode());
        }
        return values;
    }

    /** {@code alphabet} repeated to exactly {@code length} chars (a surrogate pair is never split). */
    private static String fill(String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            s.append(alphabet);
        }
        String text = s.substring(0, length);
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text = text.substring(0, length - 1) + "x";
        }
        return text;
    }

    /** Fields unique within a submission get the candidate's number at their start. */
    private static void unique(DatasetSpecification spec, ObjectNode r, int i) {
        for (FieldSpec field : spec.fields()) {
            if (field.unique() && r.get(field.name()).isTextual()) {
                String value = r.get(field.name()).asText();
                String number = Integer.toString(i);
                String rest = value.length() > number.length() ? value.substring(number.length()) : "";
                if (!rest.isEmpty() && Character.isLowSurrogate(rest.charAt(0))) {
                    rest = "x" + rest.substring(1);
                }
                r.put(field.name(), number + rest);
            }
        }
    }
}
