package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.outbox.OutboxRelay;
import uk.nhs.mhe.ingest.outbox.OutboxWriter;
import uk.nhs.mhe.ingest.validation.RecordValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Receives one submission: streams and validates it, and in ONE database transaction writes the
 * submission row and its validated records as outbox batches. Any finding rolls the whole
 * transaction back, after which only the validation report is kept: a rejected submission
 * stores no records and publishes nothing.
 */
@ApplicationScoped
public class SubmissionIntake {

    /** Findings kept per submission for its report; all are counted. */
    static final int MAX_STORED_ERRORS = 10_000;
    public static final String ADMIN_ROLE = "ingest-admin";

    private final AgroalDataSource dataSource;
    private final SubmissionStore store;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final int batchSize;
    private final Clock clock;
    private final Counter acceptedRecords;
    private final Counter rejectedSubmissions;

    public SubmissionIntake(AgroalDataSource dataSource, SubmissionStore store, ObjectMapper mapper, OutboxRelay relay,
            @ConfigProperty(name = "mhe.outbox.batch-size") int batchSize, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.mapper = mapper;
        this.relay = relay;
        this.batchSize = batchSize;
        this.clock = Clock.systemUTC();
        this.acceptedRecords = registry.counter("mhe.ingest.records.accepted");
        this.rejectedSubmissions = registry.counter("mhe.ingest.submissions.rejected");
    }

    /** Outcome: the stored submission and, when rejected, the findings to show inline. */
    public record Outcome(SubmissionView submission, List<FieldError> errors) {
        public boolean accepted() {
            return submission.status() != SubmissionStatus.REJECTED;
        }
    }

    public Outcome receive(InputStream body, String contentType, Caller caller) {
        UUID id = UUID.randomUUID();
        Instant receivedAt = clock.instant();
        MessageDigest sha256 = sha256();
        DigestInputStream digesting = new DigestInputStream(body, sha256);
        Run run = new Run(id, receivedAt, caller, contentType, digesting);
        try {
            QuarkusTransaction.requiringNew().timeout(1800).run(run::execute);
        } catch (RejectedSubmission rejected) {
            drain(digesting);
            String sha = HexFormat.of().formatHex(sha256.digest());
            QuarkusTransaction.requiringNew().run(() -> keepReport(id, receivedAt, caller, contentType, rejected, sha));
            rejectedSubmissions.increment();
            SubmissionView view = store.find(id).orElseThrow();
            return new Outcome(view, rejected.errors);
        }
        acceptedRecords.increment(run.writer.records());
        relay.wakeUp();
        return new Outcome(store.find(id).orElseThrow(), List.of());
    }

    private void keepReport(UUID id, Instant receivedAt, Caller caller, String contentType, RejectedSubmission r,
            String sha) {
        try (Connection c = dataSource.getConnection()) {
            store.insert(c, id, r.envelope, null, SubmissionStatus.REJECTED, receivedAt, caller.name(), contentType);
            store.markRejected(c, id, r.records, r.rejectedRecords, r.errorCount, sha,
                    r.quality == null ? null : json(r.quality.fields()), r.errors);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep the validation report of " + id, e);
        }
    }

    /** The work of one submission inside its transaction. */
    private final class Run implements SubmissionSink {
        private final UUID id;
        private final Instant receivedAt;
        private final Caller caller;
        private final String contentType;
        private final DigestInputStream body;
        private final List<FieldError> errors = new ArrayList<>();
        private Connection connection;
        private Envelope envelope;
        private RecordValidator validator;
        private OutboxWriter writer;
        private long rows;
        private long rejectedRows;
        private long errorCount;

        Run(UUID id, Instant receivedAt, Caller caller, String contentType, DigestInputStream body) {
            this.id = id;
            this.receivedAt = receivedAt;
            this.caller = caller;
            this.contentType = contentType;
            this.body = body;
        }

        void execute() {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                new JsonSubmissionReader(mapper).read(body, this);
                drain(body);
                if (errorCount > 0) {
                    throw rejection();
                }
                int batches = writer.commit();
                String sha = HexFormat.of().formatHex(body.getMessageDigest().digest());
                store.markAccepted(c, id, rows, batches, sha, json(validator.quality().fields()));
            } catch (JsonProcessingException e) {
                throw new ProblemException(Problem.of("malformed-json", "Malformed JSON", 400,
                        "The body is not valid JSON after " + rows + " records: " + e.getOriginalMessage()
                                + " (line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr() + ")"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store submission " + id, e);
            }
        }

        @Override
        public void begin(Envelope received) {
            envelope = received;
            authorise(received);
            List<FieldError> envelopeErrors = new EnvelopeValidator(YearMonth.now(clock)).validate(received);
            if (!envelopeErrors.isEmpty()) {
                errors.addAll(envelopeErrors);
                errorCount = envelopeErrors.size();
                throw rejection();
            }
            DatasetSpecification spec = Datasets.find(received.dataset()).orElseThrow();
            validator = new RecordValidator(spec);
            try {
                int version = store.lockAndNextVersion(connection, received);
                store.insert(connection, id, received, version, SubmissionStatus.VALIDATING, receivedAt, caller.name(),
                        contentType);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store submission " + id, e);
            }
            writer = new OutboxWriter(connection, mapper, id, batchSize);
        }

        @Override
        public void record(JsonNode record) {
            rows++;
            int before = errors.size();
            ObjectNode valid = validator.validate(rows, record, errors);
            if (valid == null) {
                rejectedRows++;
                errorCount += errors.size() - before;
                if (errors.size() > MAX_STORED_ERRORS) {
                    errors.subList(MAX_STORED_ERRORS, errors.size()).clear();
                }
            } else if (errorCount == 0) {
                // Once any row failed the submission will be rolled back: stop writing batches.
                try {
                    writer.add(valid);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot store submission " + id, e);
                }
            }
        }

        @Override
        public void end(boolean sawRecords) {
            if (!sawRecords) {
                errors.add(FieldError.envelope("records", "REQUIRED", "records is required: a JSON array of records"));
                errorCount++;
            }
        }

        private void authorise(Envelope received) {
            if (caller.hasRole(ADMIN_ROLE) || received.provider() == null) {
                return;
            }
            if (!received.provider().equals(caller.organisation().orElse(null))) {
                throw ProblemException.forbidden("A provider system may submit only for its own organisation ("
                        + caller.organisation().orElse("none in token") + "), not for " + received.provider());
            }
        }

        private RejectedSubmission rejection() {
            return new RejectedSubmission(envelope, List.copyOf(errors), errorCount, rows, rejectedRows,
                    validator == null ? null : validator.quality());
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
