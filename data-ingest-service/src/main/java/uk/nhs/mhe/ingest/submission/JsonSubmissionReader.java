package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import uk.nhs.mhe.common.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the JSON envelope {@code {"dataset","provider","period","records":[...]}}: one record
 * in memory at a time. Envelope members normally come first; if {@code records} comes before
 * them, its tokens are buffered until the envelope is known.
 */
final class JsonSubmissionReader {

    private final ObjectMapper mapper;

    JsonSubmissionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(InputStream in, SubmissionSink sink) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            // The caller drains the rest of the body for its checksum.
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("malformed-submission", "Malformed submission",
                        "The body must be a JSON object {\"dataset\", \"provider\", \"period\", \"records\": [...]}");
            }
            Envelope envelope = new Envelope(null, null, null);
            TokenBuffer pending = null;
            boolean sawRecords = false;
            boolean begun = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
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
                        if (envelope.complete()) {
                            sink.begin(envelope);
                            begun = true;
                            streamRecords(p, sink);
                        } else {
                            pending = new TokenBuffer(p);
                            pending.copyCurrentStructure(p);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!begun) {
                sink.begin(envelope);
                if (pending != null) {
                    try (JsonParser buffered = pending.asParser(mapper)) {
                        buffered.nextToken();
                        streamRecords(buffered, sink);
                    }
                }
            }
            sink.end(sawRecords);
        }
    }

    private void streamRecords(JsonParser p, SubmissionSink sink) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            sink.record(mapper.readTree(p));
        }
    }
}
