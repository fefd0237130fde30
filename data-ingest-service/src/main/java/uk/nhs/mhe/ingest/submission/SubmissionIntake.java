package uk.nhs.mhe.ingest.submission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.mhe.common.problem.FieldError;
import uk.nhs.mhe.common.problem.Problem;
import uk.nhs.mhe.common.problem.ProblemException;
import uk.nhs.mhe.common.security.Caller;
import uk.nhs.mhe.ingest.dataset.DatasetSpecification;
import uk.nhs.mhe.ingest.dataset.Datasets;
import uk.nhs.mhe.ingest.outbox.OutboxRelay;
import uk.nhs.mhe.ingest.outbox.OutboxWriter;
import uk.nhs.mhe.ingest.validation.DataQuality;
import uk.nhs.mhe.ingest.validation.RawRecord;
import uk.nhs.mhe.ingest.validation.RecordValidator;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives one submission: streams and validates it, and in ONE database transaction writes the
 * submission row and its validated records as outbox batches. By default any finding rolls the
 * whole transaction back, after which only the validation report is kept: a rejected submission
 * stores no records and publishes nothing. With {@code invalidRows=skip} the valid rows are
 * accepted and the others reported; a dry run validates and reports without storing anything.
 * Async submissions ({@code Prefer: respond-async}) are spooled to a file and run on a worker.
 */
@ApplicationScoped
public class SubmissionIntake {

    /** Findings kept per submission for its report; all are counted. */
    static final int MAX_STORED_ERRORS = 10_000;
    /** Findings returned inline with a 400 or a dry run; the full report is paged at {@code /errors}. */
    static final int INLINE_ERRORS = 100;
    public static final String ADMIN_ROLE = "ingest-admin";

    private final AgroalDataSource dataSource;
    private final SubmissionStore store;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final int batchSize;
    private final long maxBodyBytes;
    private final long maxRecords;
    private final Spool spool;
    private final int maxGzipRatio;
    private final Semaphore validations;
    private final ExecutorService workers;
    private volatile boolean stopping;
    private final Clock clock;
    private final Counter acceptedRecords;
    private final Counter recordsRead;
    private final Counter rejectedSubmissions;
    private final AtomicLong lastRecordsPerSecond = new AtomicLong();

    public SubmissionIntake(AgroalDataSource dataSource, SubmissionStore store, ObjectMapper mapper, OutboxRelay relay,
            @ConfigProperty(name = "mhe.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "mhe.ingest.max-body-size", defaultValue = "4G") MemorySize maxBody,
            @ConfigProperty(name = "mhe.ingest.max-records", defaultValue = "50000000") long maxRecords,
            @ConfigProperty(name = "mhe.ingest.max-gzip-ratio") int maxGzipRatio,
            @ConfigProperty(name = "mhe.ingest.max-concurrent-validations") int maxConcurrentValidations,
            @ConfigProperty(name = "mhe.ingest.async-workers", defaultValue = "2") int asyncWorkers,
            Spool spool, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.mapper = mapper;
        this.relay = relay;
        this.batchSize = batchSize;
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxRecords = maxRecords;
        this.spool = spool;
        this.maxGzipRatio = maxGzipRatio;
        // Validation holds a connection and a transaction: fewer at once than the pool's 16, so
        // that reads, the outbox relay and the async workers always find one.
        this.validations = new Semaphore(maxConcurrentValidations, true);
        this.workers = Executors.newFixedThreadPool(asyncWorkers, r -> {
            Thread t = new Thread(r, "ingest-async");
            t.setDaemon(true);
            return t;
        });
        this.clock = Clock.systemUTC();
        this.acceptedRecords = registry.counter("mhe.ingest.records.accepted");
        this.recordsRead = Counter.builder("mhe.ingest.records.read")
                .description("Records read from submissions (rate() of it is records/s)").register(registry);
        this.rejectedSubmissions = registry.counter("mhe.ingest.submissions.rejected");
        Gauge.builder("mhe.ingest.last.records.per.second", lastRecordsPerSecond, AtomicLong::get)
                .description("Throughput of the last submission processed, records per second").register(registry);
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Outcome: the stored submission, the findings to show inline, the HTTP status to answer with. */
    public record Outcome(SubmissionView submission, List<FieldError> errors, int httpStatus, DryRunReport dryRun) {
        public boolean accepted() {
            return submission != null && submission.status() != SubmissionStatus.REJECTED;
        }
    }

    /** The result of {@code ?dryRun=true}: what would have happened; nothing was stored. */
    public record DryRunReport(boolean dryRun, boolean wouldBeAccepted, String dataset, String provider, String period,
            String invalidRows, long records, long rejectedRecords, long errorCount,
            Map<String, DataQuality.FieldCounts> dataQuality, List<FieldError> errors) {
    }

    /**
     * Receives a submission in the request: validated and stored (or rejected) before answering.
     * The body is spooled to disk first, so however slowly it arrives it holds no database
     * connection; validation then reads the file under one of {@code max-concurrent-validations}
     * permits (429 with Retry-After if none frees within a minute).
     */
    public Outcome receive(InputStream body, SubmissionRequest request, Caller caller) {
        try (Spool.Upload upload = spool.begin(caller)) {
            Optional<Outcome> replay = replay(body, request, caller);
            if (replay.isPresent()) {
                return replay.get();
            }
            UUID id = UUID.randomUUID();
            Instant receivedAt = clock.instant();
            Path file = upload.write(decode(body, request), id);
            try (InputStream in = Files.newInputStream(file)) {
                if (!validations.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw Spool.tooMany("busy", "Service busy", "Every validation slot is in use; try again shortly");
                }
                try {
                    return process(id, receivedAt, in, request, caller, false, null);
                } finally {
                    validations.release();
                }
            } catch (IdempotencyRace race) {
                // Another request with this key committed while this one ran: this one rolled back.
                return replayOf(request, caller, race.fingerprint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to validate", e);
            } finally {
                spool.release(file);
            }
        }
    }

    /**
     * A concurrent first use of an Idempotency-Key lost the race to record it. Its transaction
     * rolled back (nothing of it was stored or published); the caller gets the answer of the
     * request that won, as for any replay.
     */
    static final class IdempotencyRace extends RuntimeException {
        final String fingerprint;

        IdempotencyRace(String fingerprint) {
            super("Idempotency-Key recorded by a concurrent request", null, false, false);
            this.fingerprint = fingerprint;
        }
    }

    /** Spools the body, records the submission as RECEIVED and validates it on a worker. */
    public Outcome receiveAsync(InputStream body, SubmissionRequest request, Caller caller) {
        Optional<Outcome> replay = replay(body, request, caller);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (request.query() != null && request.query().provider() != null) {
            authorise(caller, request.query());
        }
        UUID id = UUID.randomUUID();
        Instant receivedAt = clock.instant();
        MessageDigest sha = sha256();
        Path file;
        try (Spool.Upload upload = spool.begin(caller)) {
            file = upload.write(new DigestInputStream(decode(body, request), sha), id);
        }
        if (request.query() == null && request.format() == SubmissionFormat.JSON && !caller.hasRole(ADMIN_ROLE)) {
            // A provider system may submit only for its own organisation: answer 403 now, as the
            // synchronous path does, rather than 202 and a rejection later.
            try {
                authorise(caller, new Envelope(null, providerNamedIn(file), null));
            } catch (RuntimeException e) {
                spool.release(file);
                throw e;
            }
        }
        SubmissionRequest decoded = request.decoded();
        String fingerprint = fingerprint(request, HexFormat.of().formatHex(sha.digest()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("request", decoded);
        options.put("caller", Map.of("name", String.valueOf(caller.name()), "roles", caller.roles(),
                "organisation", caller.organisation().orElse("")));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A JSON body names its provider inside; until a worker reads it, a provider system's
        // submission is filed under its own organisation (the only one it may submit for).
        Envelope envelope = request.query() != null ? request.query()
                : new Envelope(null, caller.hasRole(ADMIN_ROLE) ? null : caller.organisation().orElse(null), null);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                store.insertReceived(id, envelope, receivedAt, caller.name(), request.contentType(),
                        request.format().name(), request.invalidRows(), file.toString(), json(options), size);
                if (request.idempotencyKey() != null) {
                    try (Connection c = dataSource.getConnection()) {
                        if (!store.rememberIdempotent(c, caller.name(), request.idempotencyKey(), fingerprint, id, 202)) {
                            throw new IdempotencyRace(fingerprint);
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        } catch (IdempotencyRace race) {
            spool.release(file);
            return replayOf(request, caller, race.fingerprint);
        } catch (RuntimeException e) {
            spool.release(file);
            throw e;
        }
        workers.submit(() -> runAsync(id));
        return new Outcome(store.find(id).orElseThrow(), List.of(), 202, null);
    }

    void onStart(@Observes StartupEvent event) {
        // Async submissions a previous process accepted but did not finish: their spool files remain.
        for (UUID id : store.unfinishedAsync()) {
            workers.submit(() -> runAsync(id));
        }
    }

    /**
     * Graceful shutdown: running async submissions get {@value #SHUTDOWN_GRACE_SECONDS} s to
     * finish; any still running then is interrupted and left as it was (RECEIVED or VALIDATING,
     * its spool file kept, its transaction rolled back), so the next start resumes it. None is
     * rejected because the service stopped.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final int SHUTDOWN_GRACE_SECONDS = 20;

    private void runAsync(UUID id) {
        Optional<String[]> job = store.asyncJob(id);
        if (job.isEmpty() || job.get()[0] == null) {
            return;
        }
        Path file = Path.of(job.get()[0]);
        boolean resumeLater = false;
        try {
            Map<?, ?> options = mapper.readValue(job.get()[1], Map.class);
            SubmissionRequest request = mapper.convertValue(options.get("request"), SubmissionRequest.class);
            Map<?, ?> c = (Map<?, ?>) options.get("caller");
            String organisation = (String) c.get("organisation");
            @SuppressWarnings("unchecked")
            Caller caller = new Caller((String) c.get("name"), Set.copyOf((List<String>) c.get("roles")),
                    organisation == null || organisation.isEmpty() ? Optional.empty() : Optional.of(organisation),
                    Optional.empty());
            store.setStatus(id, SubmissionStatus.VALIDATING);
            try (InputStream in = Files.newInputStream(file)) {
                process(id, Instant.parse(job.get()[3]), in, request, caller, true, null);
            } catch (ProblemException e) {
                // Malformed body, forbidden provider, too many records...: the submission is
                // rejected with that problem as its one finding.
                failAsync(id, request, caller, job.get()[3], e.problem().type().substring(Problem.TYPE_PREFIX.length()),
                        e.problem().detail());
            }
        } catch (Exception e) {
            if (stopping) {
                // Interrupted by the shutdown: its transaction rolled back; the next start resumes it.
                resumeLater = true;
                Log.infof("Async submission %s left for the next start to resume (%s)", id, e.toString());
                return;
            }
            Log.errorf(e, "Async submission %s failed", id);
            failAsync(id, null, null, null, "internal-error", "The service failed while validating; the failure is logged");
        } finally {
            if (!resumeLater) {
                spool.release(file);
            }
        }
    }

    private void failAsync(UUID id, SubmissionRequest request, Caller caller, String receivedAt, String code, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                store.markRejected(c, id, 0, 0, 1, null, null, List.of(new FieldError(null, null, code, message)));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        rejectedSubmissions.increment();
    }

    /** When the request repeats an {@code Idempotency-Key}: the first answer, or 422 for a different request. */
    private Optional<Outcome> replay(InputStream body, SubmissionRequest request, Caller caller) {
        if (request.idempotencyKey() == null) {
            return Optional.empty();
        }
        Optional<SubmissionStore.IdempotentRequest> first = store.idempotent(caller.name(), request.idempotencyKey());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        drain(new DigestInputStream(decode(body, request), sha));
        return Optional.of(outcomeOf(first.get(), fingerprint(request, HexFormat.of().formatHex(sha.digest()))));
    }

    private Outcome replayOf(SubmissionRequest request, Caller caller, String fingerprint) {
        return outcomeOf(store.idempotent(caller.name(), request.idempotencyKey()).orElseThrow(), fingerprint);
    }

    /** The answer to a repeated request: the first one's, when it is the same request. */
    private Outcome outcomeOf(SubmissionStore.IdempotentRequest first, String fingerprint) {
        if (!fingerprint.equals(first.requestSha256())) {
            throw new ProblemException(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422,
                    "This Idempotency-Key was first used for a different request (another body or other parameters); "
                            + "use a new key for a new submission").with("submissionId", first.submissionId()));
        }
        UUID id = first.submissionId();
        SubmissionView view = store.find(id).orElseThrow();
        return new Outcome(view, store.errors(id, 0, INLINE_ERRORS), first.httpStatus(), null);
    }

    private InputStream decode(InputStream body, SubmissionRequest request) {
        InputStream in = request.gzip() ? BodyStreams.gunzip(body, maxGzipRatio) : body;
        return new BodyStreams.Limited(in, maxBodyBytes);
    }

    private static String fingerprint(SubmissionRequest r, String bodySha) {
        Envelope q = r.query() == null ? new Envelope(null, null, null) : r.query();
        String canonical = String.join("\n", r.format().name(), String.valueOf(q.dataset()), String.valueOf(q.provider()),
                String.valueOf(q.period()), r.invalidRows(), Boolean.toString(r.dryRun()), bodySha);
        return HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private Outcome process(UUID id, Instant receivedAt, InputStream decoded, SubmissionRequest request, Caller caller,
            boolean async, Void unused) {
        MessageDigest sha256 = sha256();
        BodyStreams.Limited counted = new BodyStreams.Limited(decoded, Long.MAX_VALUE);
        DigestInputStream digesting = new DigestInputStream(counted, sha256);
        Run run = new Run(id, receivedAt, caller, request, digesting, counted, async);
        long started = System.nanoTime();
        try {
            QuarkusTransaction.requiringNew().timeout(1800).run(run::execute);
        } catch (RejectedSubmission rejected) {
            drain(digesting);
            String sha = HexFormat.of().formatHex(sha256.digest());
            recordsRead.increment(run.rows);
            if (request.dryRun()) {
                return dryRun(request, rejected.envelope, rejected.records, rejected.rejectedRecords, rejected.errorCount,
                        rejected.quality, rejected.errors, false);
            }
            String fingerprint = fingerprint(request, sha);
            QuarkusTransaction.requiringNew().run(() -> keepReport(id, receivedAt, caller, request, rejected, sha,
                    async ? null : fingerprint));
            rejectedSubmissions.increment();
            SubmissionView view = store.find(id).orElseThrow();
            return new Outcome(view, rejected.errors, 400, null);
        } finally {
            run.close();
        }
        recordsRead.increment(run.rows);
        long elapsed = Math.max(1, System.nanoTime() - started);
        lastRecordsPerSecond.set(run.rows * 1_000_000_000L / elapsed);
        if (request.dryRun()) {
            return dryRun(request, run.envelope, run.rows, run.rejectedRows, run.errorCount, run.validator.quality(),
                    run.errors, true);
        }
        acceptedRecords.increment(run.rows - run.rejectedRows);
        relay.wakeUp();
        return new Outcome(store.find(id).orElseThrow(), run.errors, async ? 202 : 201, null);
    }

    private Outcome dryRun(SubmissionRequest request, Envelope envelope, long records, long rejectedRecords, long errorCount,
            DataQuality quality, List<FieldError> errors, boolean wouldBeAccepted) {
        Envelope e = envelope == null ? new Envelope(null, null, null) : envelope;
        return new Outcome(null, errors, 200, new DryRunReport(true, wouldBeAccepted, e.dataset(), e.provider(), e.period(),
                request.invalidRows(), records, rejectedRecords, errorCount, quality == null ? null : quality.fields(),
                errors.stream().limit(INLINE_ERRORS).toList()));
    }

    private void keepReport(UUID id, Instant receivedAt, Caller caller, SubmissionRequest request, RejectedSubmission r,
            String sha, String fingerprint) {
        try (Connection c = dataSource.getConnection()) {
            Envelope envelope = r.envelope == null ? new Envelope(null, null, null) : r.envelope;
            store.insert(c, id, envelope, null, SubmissionStatus.REJECTED, receivedAt, caller.name(), request.contentType(),
                    request.format().name(), request.invalidRows());
            store.markRejected(c, id, r.records, r.rejectedRecords, r.errorCount, sha,
                    r.quality == null ? null : json(r.quality.fields()), r.errors);
            if (fingerprint != null && request.idempotencyKey() != null
                    && !store.rememberIdempotent(c, caller.name(), request.idempotencyKey(), fingerprint, id, 400)) {
                throw new IdempotencyRace(fingerprint);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep the validation report of " + id, e);
        }
    }

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    /**
     * The {@code provider} of a spooled JSON envelope, read with a streaming parser that skips
     * the records, or null when it is missing or the body is not readable JSON (validation then
     * reports that with the row and field, as for any other submission).
     */
    static String providerNamedIn(Path spool) {
        try (JsonParser p = JSON_FACTORY.createParser(spool.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("provider".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }


    private static void authorise(Caller caller, Envelope received) {
        if (caller.hasRole(ADMIN_ROLE) || received.provider() == null || received.provider().isEmpty()) {
            return;
        }
        if (!received.provider().equals(caller.organisation().orElse(null))) {
            throw ProblemException.forbidden("A provider system may submit only for its own organisation ("
                    + caller.organisation().orElse("none in token") + "), not for " + received.provider());
        }
    }

    /** The work of one submission inside its transaction. */
    private final class Run implements SubmissionSink, AutoCloseable {
        private final UUID id;
        private final Instant receivedAt;
        private final Caller caller;
        private final SubmissionRequest request;
        private final DigestInputStream body;
        private final BodyStreams.Limited counted;
        private final boolean async;
        private final List<FieldError> errors = new ArrayList<>();
        private Connection connection;
        private Envelope envelope;
        private RecordValidator validator;
        private OutboxWriter writer;
        private long rows;
        private long rejectedRows;
        private long errorCount;
        private long lastProgress = System.nanoTime();

        Run(UUID id, Instant receivedAt, Caller caller, SubmissionRequest request, DigestInputStream body,
                BodyStreams.Limited counted, boolean async) {
            this.id = id;
            this.receivedAt = receivedAt;
            this.caller = caller;
            this.request = request;
            this.body = body;
            this.counted = counted;
            this.async = async;
        }

        void execute() {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                Envelope query = request.query() == null ? new Envelope(null, null, null) : request.query();
                switch (request.format()) {
                    case JSON -> new JsonSubmissionReader(mapper).read(body, this);
                    case NDJSON -> new NdjsonSubmissionReader(mapper).read(body, query, this);
                    case CSV -> new CsvSubmissionReader().read(body, query, this);
                }
                drain(body);
                if (errorCount > 0 && (!request.skipInvalid() || rows == rejectedRows)) {
                    throw rejection();
                }
                if (request.dryRun()) {
                    return;
                }
                int batches = writer.commit();
                String sha = HexFormat.of().formatHex(body.getMessageDigest().digest());
                store.markAccepted(c, id, rows, rejectedRows, errorCount, batches, sha,
                        json(validator.quality().fields()), errors);
                if (!async && request.idempotencyKey() != null) {
                    String fingerprint = fingerprint(request, sha);
                    if (!store.rememberIdempotent(c, caller.name(), request.idempotencyKey(), fingerprint, id, 201)) {
                        throw new IdempotencyRace(fingerprint);
                    }
                }
            } catch (JsonProcessingException e) {
                // A stream constraint (nesting too deep, a number too long) carries no location.
                throw malformed(e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
            } catch (CharConversionException e) {
                throw malformed("the body is not valid UTF-8: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot store submission " + id, e);
            }
        }

        private ProblemException malformed(String detail) {
            SubmissionFormat f = request.format();
            return new ProblemException(Problem.of(f.malformedType, f.malformedTitle, 400,
                    "The body is not valid " + f.name() + " after " + rows + " records: " + detail
                            + "; nothing was stored"));
        }

        @Override
        public DatasetSpecification begin(Envelope received) {
            envelope = received;
            authorise(caller, received);
            List<FieldError> envelopeErrors = new EnvelopeValidator(YearMonth.now(clock)).validate(received);
            if (!envelopeErrors.isEmpty()) {
                errors.addAll(envelopeErrors);
                errorCount = envelopeErrors.size();
                throw rejection();
            }
            DatasetSpecification spec = Datasets.find(received.dataset()).orElseThrow();
            validator = new RecordValidator(spec, YearMonth.parse(received.period()));
            if (!request.dryRun()) {
                try {
                    int version = store.lockAndNextVersion(connection, received);
                    store.insert(connection, id, received, version, SubmissionStatus.VALIDATING, receivedAt, caller.name(),
                            request.contentType(), request.format().name(), request.invalidRows());
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot store submission " + id, e);
                }
                writer = new OutboxWriter(connection, mapper, id, batchSize);
            }
            return spec;
        }

        @Override
        public void record(RawRecord record) {
            rows++;
            if (rows > maxRecords) {
                throw new ProblemException(Problem.of("too-many-records", "Too many records", 413,
                        "A submission may hold at most " + maxRecords + " records; nothing was stored")
                        .with("maxRecords", maxRecords));
            }
            int before = errors.size();
            if (!validator.validate(rows, record, errors)) {
                rejectedRows++;
                errorCount += errors.size() - before;
                if (errors.size() > MAX_STORED_ERRORS) {
                    errors.subList(MAX_STORED_ERRORS, errors.size()).clear();
                }
            } else if (writer != null && (errorCount == 0 || request.skipInvalid())) {
                // Once any row failed a rejecting submission will be rolled back: stop writing batches.
                try {
                    writer.add(record);
                } catch (SQLException e) {
                    throw new IllegalStateException("Cannot store submission " + id, e);
                }
            }
            if (async && (rows & 0xFFF) == 0 && System.nanoTime() - lastProgress > 200_000_000L) {
                lastProgress = System.nanoTime();
                long read = rows;
                long bytes = counted.count();
                QuarkusTransaction.requiringNew().run(() -> store.progress(id, read, bytes));
            }
        }

        @Override
        public void rejectFile(List<FieldError> fileErrors) {
            errors.addAll(fileErrors);
            errorCount += fileErrors.size();
            throw rejection();
        }

        @Override
        public void end(boolean sawRecords) {
            if (!sawRecords) {
                errors.add(FieldError.envelope("records", "REQUIRED", "records is required: a JSON array of records"));
                errorCount++;
            }
        }

        private RejectedSubmission rejection() {
            return new RejectedSubmission(envelope, List.copyOf(errors), errorCount, rows, rejectedRows,
                    validator == null ? null : validator.quality());
        }

        @Override
        public void close() {
            if (validator != null) {
                validator.close();
            }
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
            in.transferTo(OutputStream.nullOutputStream());
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
