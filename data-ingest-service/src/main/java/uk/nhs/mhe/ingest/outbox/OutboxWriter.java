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
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

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
            if (generator == null) {
                buffer = new ByteArrayOutputStream(64 * 1024);
                generator = mapper.getFactory().createGenerator(new GZIPOutputStream(buffer), JsonEncoding.UTF8);
                generator.writeStartArray();
            }
            mapper.writeTree(generator, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
