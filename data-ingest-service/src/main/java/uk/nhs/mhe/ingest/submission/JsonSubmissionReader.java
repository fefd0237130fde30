package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.validation.RawRecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams the JSON envelope {@code {"dataset","provider","period","records":[...]}}: one record
 * at a time, parsed token by token straight into a reused {@link RawRecord} (no tree per record).
 * Envelope members normally come first; if {@code records} comes before them, its tokens are
 * buffered until the envelope is known.
 */
final class JsonSubmissionReader {

    private final ObjectMapper mapper;

    JsonSubmissionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(InputStream in, SubmissionSink sink) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            // A field given twice is ambiguous (which one counts?): refused, not last-one-wins.
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("malformed-submission", "Malformed submission",
                        "The body must be a JSON object {\"dataset\", \"provider\", \"period\", \"records\": [...]}");
            }
            Envelope envelope = new Envelope(null, null, null);
            TokenBuffer pending = null;
            boolean sawRecords = false;
            boolean begun = false;
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "dataset", "provider", "period" -> {
                        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                            envelope = envelope.with(name, p.getValueAsString());
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "records" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw ProblemException.badRequest("malformed-submission", "Malformed submission",
                                    "records must be a JSON array of objects");
                        }
                        sawRecords = true;
                        if (envelope.complete() && !begun) {
                            DatasetSpecification spec = sink.begin(envelope);
                            begun = true;
                            streamRecords(p, spec, sink);
                        } else {
                            pending = new TokenBuffer(p);
                            pending.copyCurrentStructure(p);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The body ends before the envelope object closes");
            }
            if (p.nextToken() != null) {
                throw ProblemException.badRequest("malformed-json", "Malformed JSON",
                        "Unexpected content after the envelope object (line " + p.currentLocation().getLineNr() + ")");
            }
            if (!begun) {
                DatasetSpecification spec = sink.begin(envelope);
                if (pending != null) {
                    try (JsonParser buffered = pending.asParser(mapper)) {
                        buffered.nextToken();
                        streamRecords(buffered, spec, sink);
                    }
                }
            }
            sink.end(sawRecords);
        }
    }

    private static void streamRecords(JsonParser p, DatasetSpecification spec, SubmissionSink sink) throws IOException {
        RawRecord record = new RawRecord(spec, false);
        Map<String, Integer> index = fieldIndex(spec);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            readRecord(p, record, index);
            sink.record(record);
        }
    }

    static Map<String, Integer> fieldIndex(DatasetSpecification spec) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            index.put(spec.fields().get(i).name(), i);
        }
        return index;
    }

    /** Reads the value at the parser's current token (a record) into {@code record}. */
    static void readRecord(JsonParser p, RawRecord record, Map<String, Integer> index) throws IOException {
        record.clear();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            record.notAnObject();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Integer i = index.get(name);
            if (i == null) {
                p.skipChildren();
                record.unknownField(name);
                continue;
            }
            switch (t) {
                case VALUE_STRING -> record.text(i, p.getText());
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
                        record.integer(i, p.getLongValue());
                    } else {
                        record.other(i, RawRecord.NUMBER, p.getText());
                    }
                }
                case VALUE_NUMBER_FLOAT -> record.other(i, RawRecord.NUMBER, p.getText());
                case VALUE_TRUE, VALUE_FALSE -> record.other(i, RawRecord.BOOLEAN, p.getText());
                case VALUE_NULL -> record.other(i, RawRecord.NULL, null);
                default -> {
                    p.skipChildren();
                    record.other(i, RawRecord.STRUCTURE, null);
                }
            }
        }
    }
}
