package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * The events of topic {@code mhe.submissions.v1} (schema owned here; version in the topic name):
 * {@code SubmissionBatch} carries validated records, {@code SubmissionCommitted} closes a
 * submission with the counts a consumer must have seen.
 */
public final class SubmissionEvents {

    public static final String BATCH_TYPE = "uk.nhs.mhe.SubmissionBatch";
    public static final String COMMITTED_TYPE = "uk.nhs.mhe.SubmissionCommitted";

    /** Submission metadata shared by both events. */
    public record Header(UUID submissionId, int version, String dataset, String provider, String period,
            int batchCount, long recordCount, String sha256, Instant acceptedAt) {

        public String key() {
            return dataset + "|" + provider + "|" + period;
        }
    }

    private final ObjectMapper mapper;

    public SubmissionEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@code SubmissionBatch}; {@code gzippedRecords} is the JSON array stored in the outbox. */
    public byte[] batch(Header h, int batchSeq, byte[] gzippedRecords) {
        return write(g -> {
            common(g, h);
            g.writeNumberField("batchSeq", batchSeq);
            g.writeNumberField("batchCount", h.batchCount());
            g.writeFieldName("records");
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzippedRecords))) {
                g.writeRawValue(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
    }

    /** A {@code SubmissionCommitted}. */
    public byte[] committed(Header h) {
        return write(g -> {
            common(g, h);
            g.writeNumberField("batchCount", h.batchCount());
            g.writeNumberField("recordCount", h.recordCount());
            g.writeStringField("sha256", h.sha256());
            g.writeStringField("acceptedAt", h.acceptedAt().toString());
        });
    }

    private static void common(JsonGenerator g, Header h) throws IOException {
        g.writeStringField("submissionId", h.submissionId().toString());
        g.writeNumberField("version", h.version());
        g.writeStringField("dataset", h.dataset());
        g.writeStringField("provider", h.provider());
        g.writeStringField("period", h.period());
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
