package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.FieldSpec;
import uk.nhs.mhe.ingest.validation.ErrorCode;
import uk.nhs.mhe.ingest.validation.RawRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams CSV ({@code text/csv}, RFC 4180: quoted cells may hold commas, quotes and line breaks;
 * CRLF or LF; UTF-8 with or without a byte-order mark) with a header row of field names, in any
 * order; the envelope comes from the query parameters. An empty cell is an unknown value; numbers
 * are parsed from their text. Row 1 is the first line after the header.
 */
final class CsvSubmissionReader {

    // The caller drains the rest of the body for its checksum: the parser must not close it.
    private static final CsvFactory FACTORY = (CsvFactory) new CsvFactory()
            .disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);

    void read(InputStream raw, Envelope envelope, SubmissionSink sink) throws IOException {
        DatasetSpecification spec = sink.begin(envelope);
        InputStream in = skipBom(raw);
        try (CsvParser p = FACTORY.createParser(in)) {
            p.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            p.disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("malformed-csv", "Malformed CSV",
                        "The CSV is empty: the first line must be a header row of field names " + spec.fieldsByName().keySet());
            }
            List<String> header = new ArrayList<>();
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                header.add(p.getText());
            }
            int[] columns = columns(header, spec, sink);
            RawRecord record = new RawRecord(spec, true);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                record.clear();
                int cell = 0;
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    if (cell < columns.length) {
                        record.text(columns[cell], p.getText());
                    }
                    cell++;
                }
                if (cell != columns.length) {
                    record.rowProblem(ErrorCode.COLUMN_COUNT,
                            "The row has " + cell + " cell(s); the header has " + columns.length);
                }
                sink.record(record);
            }
        }
        sink.end(true);
    }

    /** Maps each header column to its field, rejecting the file when the header is wrong. */
    private static int[] columns(List<String> header, DatasetSpecification spec, SubmissionSink sink) {
        Map<String, FieldSpec> fields = spec.fieldsByName();
        List<FieldError> problems = new ArrayList<>();
        int[] columns = new int[header.size()];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim();
            columns[c] = spec.indexOf(name);
            if (columns[c] < 0) {
                problems.add(FieldError.envelope(name, "UNKNOWN_COLUMN", "Column " + (c + 1) + " '" + name
                        + "' is not a field of " + spec.id() + "; fields are " + fields.keySet()));
            } else if (!seen.add(name)) {
                problems.add(FieldError.envelope(name, "DUPLICATE_COLUMN", "Column '" + name + "' appears twice in the header"));
            }
        }
        for (FieldSpec f : spec.fields()) {
            if (f.required() && !seen.contains(f.name())) {
                problems.add(FieldError.envelope(f.name(), "MISSING_COLUMN", "The header has no column '" + f.name()
                        + "', which " + spec.id() + " requires"));
            }
        }
        if (!problems.isEmpty()) {
            sink.rejectFile(problems);
        }
        return columns;
    }

    private static InputStream skipBom(InputStream in) throws IOException {
        PushbackInputStream pb = new PushbackInputStream(in, 3);
        byte[] head = new byte[3];
        int n = pb.readNBytes(head, 0, 3);
        if (!(n == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF)) {
            pb.unread(head, 0, n);
        }
        return pb;
    }
}
