package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.validation.RawRecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Streams NDJSON ({@code application/x-ndjson}): one JSON object per line, the envelope from the
 * query parameters. Blank lines are ignored; row numbers count records, not lines.
 */
final class NdjsonSubmissionReader {

    private final ObjectMapper mapper;

    NdjsonSubmissionReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(InputStream in, Envelope envelope, SubmissionSink sink) throws IOException {
        DatasetSpecification spec = sink.begin(envelope);
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            // A field given twice is ambiguous (which one counts?): refused, not last-one-wins.
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            RawRecord record = new RawRecord(spec, false);
            Map<String, Integer> index = JsonSubmissionReader.fieldIndex(spec);
            while (p.nextToken() != null) {
                JsonSubmissionReader.readRecord(p, record, index);
                sink.record(record);
            }
        }
        sink.end(true);
    }
}
