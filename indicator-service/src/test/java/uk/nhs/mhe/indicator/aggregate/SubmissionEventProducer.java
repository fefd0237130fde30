package uk.nhs.mhe.indicator.aggregate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes submission events to the real test broker the way the ingest relay does (ids, headers, key). */
public final class SubmissionEventProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper = new ObjectMapper();

    public SubmissionEventProducer(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    public void batch(UUID submissionId, int version, String provider, String period, int seq, int batchCount,
            List<Map<String, Object>> records) throws Exception {
        Map<String, Object> event = header(submissionId, version, provider, period);
        event.put("batchSeq", seq);
        event.put("batchCount", batchCount);
        event.put("records", records);
        send(UUID.nameUUIDFromBytes((submissionId + ":batch:" + seq).getBytes(StandardCharsets.UTF_8)),
                "uk.nhs.mhe.SubmissionBatch", provider, period, event);
    }

    public void commit(UUID submissionId, int version, String provider, String period, int batchCount,
            long recordCount) throws Exception {
        Map<String, Object> event = header(submissionId, version, provider, period);
        event.put("batchCount", batchCount);
        event.put("recordCount", recordCount);
        event.put("sha256", "0".repeat(64));
        event.put("acceptedAt", Instant.now().toString());
        send(UUID.nameUUIDFromBytes((submissionId + ":commit").getBytes(StandardCharsets.UTF_8)),
                "uk.nhs.mhe.SubmissionCommitted", provider, period, event);
    }

    /** A whole submission in one batch. */
    public void submission(UUID submissionId, int version, String provider, String period,
            List<Map<String, Object>> records) throws Exception {
        batch(submissionId, version, provider, period, 1, 1, records);
        commit(submissionId, version, provider, period, 1, records.size());
    }

    private static Map<String, Object> header(UUID submissionId, int version, String provider, String period) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("submissionId", submissionId.toString());
        event.put("version", version);
        event.put("dataset", "MHSDS");
        event.put("provider", provider);
        event.put("period", period);
        return event;
    }

    private void send(UUID eventId, String type, String provider, String period, Map<String, Object> event)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("mhe.submissions.v1",
                "MHSDS|" + provider + "|" + period, mapper.writeValueAsBytes(event));
        record.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** Sends raw bytes as an event of the given type and id (for unreadable events). */
    public void raw(UUID eventId, String type, String key, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("mhe.submissions.v1", key, value);
        record.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    /** An MHSDS record with the given residence, ethnicity and detentions. */
    public static Map<String, Object> record(String personId, String icb, String ethnic, int detentions) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("personId", personId);
        r.put("ethnicCategory", ethnic);
        r.put("gender", "2");
        r.put("ageYears", 40);
        r.put("residenceIcb", icb);
        r.put("imdDecile", null);
        r.put("inContact", "Y");
        r.put("detentions", detentions);
        r.put("ctos", 0);
        r.put("restrictiveInterventions", 0);
        return r;
    }

    @Override
    public void close() {
        producer.close();
    }
}
