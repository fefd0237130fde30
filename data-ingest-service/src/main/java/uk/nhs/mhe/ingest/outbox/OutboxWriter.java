package uk.nhs.mhe.ingest.outbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import uk.nhs.mhe.ingest.dataset.FieldSpec;
import uk.nhs.mhe.ingest.validation.RawRecord;

/**
 * Writes one submission's validated records into the outbox as it streams: every
 * {@code batchSize} records become one gzip'd BATCH row, then {@link #commit} adds the COMMIT row.
 * Runs inside the submission's transaction, so either all rows exist or none.
 */
public final class OutboxWriter {

    private final Connection connection;
    private final ObjectMapper mapper;
    private final UUID submissionId;
    private final int batchSize;

    private ByteArrayOutputStream buffer;
    private JsonGenerator generator;
    private int inBatch;
    private int batches;
    private long records;

    public OutboxWriter(Connection connection, ObjectMapper mapper, UUID submissionId, int batchSize) {
        this.connection = connection;
        this.mapper = mapper;
        this.submissionId = submissionId;
        this.batchSize = batchSize;
    }

    /** Deterministic event ids: a row relayed twice carries the same id, so consumers can deduplicate. */
    public static UUID batchEventId(UUID submissionId, int batchSeq) {
        return UUID.nameUUIDFromBytes((submissionId + ":batch:" + batchSeq).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID commitEventId(UUID submissionId) {
        return UUID.nameUUIDFromBytes((submissionId + ":commit").getBytes(StandardCharsets.UTF_8));
    }

    public void add(ObjectNode record) throws SQLException {
        try {
            start();
            mapper.writeTree(generator, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counted();
    }

    /**
     * Adds a validated record straight from its slots, in the specification's field order, with
     * no intermediate tree: the same JSON as {@link #add(ObjectNode)} of the normalised record.
     */
    public void add(RawRecord record) throws SQLException {
        try {
            start();
            List<FieldSpec> fields = record.spec().fields();
            generator.writeStartObject();
            for (int i = 0; i < fields.size(); i++) {
                generator.writeFieldName(fields.get(i).name());
                switch (record.kind(i)) {
                    case RawRecord.NULL -> generator.writeNull();
                    case RawRecord.INTEGER -> generator.writeNumber(record.number(i));
                    default -> generator.writeString(record.text(i));
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counted();
    }

    private void start() throws IOException {
        if (generator == null) {
            buffer = new ByteArrayOutputStream(64 * 1024);
            // Level 1: the outbox is a short-lived buffer; speed matters more than the last few percent.
            generator = mapper.getFactory().createGenerator(new GZIPOutputStream(buffer, 1 << 15) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }, JsonEncoding.UTF8);
            generator.writeStartArray();
        }
    }

    private void counted() throws SQLException {
        inBatch++;
        records++;
        if (inBatch == batchSize) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (generator == null) {
            return;
        }
        try {
            generator.writeEndArray();
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int seq = ++batches;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO outbox (event_id, submission_id, kind, batch_seq, payload) VALUES (?, ?, 'BATCH', ?, ?)")) {
            ps.setObject(1, batchEventId(submissionId, seq));
            ps.setObject(2, submissionId);
            ps.setInt(3, seq);
            ps.setBytes(4, buffer.toByteArray());
            ps.executeUpdate();
        }
        generator = null;
        buffer = null;
        inBatch = 0;
    }

    /** Writes the last partial batch and the COMMIT row; returns the number of batches. */
    public int commit() throws SQLException {
        flush();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO outbox (event_id, submission_id, kind) VALUES (?, ?, 'COMMIT')")) {
            ps.setObject(1, commitEventId(submissionId));
            ps.setObject(2, submissionId);
            ps.executeUpdate();
        }
        return batches;
    }

    public long records() {
        return records;
    }
}
