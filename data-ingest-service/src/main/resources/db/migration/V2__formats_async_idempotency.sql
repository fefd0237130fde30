-- Issue 3: how a submission was made (format, invalid-row policy), async progress and idempotency.
ALTER TABLE submission ADD COLUMN format text;
ALTER TABLE submission ADD COLUMN invalid_rows text NOT NULL DEFAULT 'reject';
ALTER TABLE submission ADD COLUMN spool_path text;
ALTER TABLE submission ADD COLUMN async_options text;

-- Progress of an async submission while it validates, written outside the submission's own
-- transaction (that one holds the submission row until it commits).
CREATE TABLE submission_progress (
    submission_id uuid        PRIMARY KEY REFERENCES submission (id),
    records_read  bigint      NOT NULL DEFAULT 0,
    bytes_read    bigint      NOT NULL DEFAULT 0,
    bytes_total   bigint,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Idempotency-Key: per calling client, the fingerprint of the first request (its body's
-- sha256 and its parameters) and the answer it got.
CREATE TABLE idempotency_key (
    client_id      text        NOT NULL,
    key            text        NOT NULL,
    request_sha256 text        NOT NULL,
    submission_id  uuid        NOT NULL REFERENCES submission (id),
    http_status    integer     NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, key)
);
