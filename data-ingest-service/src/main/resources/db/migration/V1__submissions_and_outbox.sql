-- A submission is one provider's dataset for one month. Accepted ones get the next version of
-- their (dataset, provider, period); a rejected one keeps only its validation report.
CREATE TABLE submission (
    id              uuid        PRIMARY KEY,
    dataset         text        NOT NULL,
    provider        text        NOT NULL,
    period          text        NOT NULL,
    version         integer,
    status          text        NOT NULL,
    received_at     timestamptz NOT NULL,
    accepted_at     timestamptz,
    published_at    timestamptz,
    client_id       text,
    content_type    text,
    records         bigint      NOT NULL DEFAULT 0,
    rejected_records bigint     NOT NULL DEFAULT 0,
    error_count     bigint      NOT NULL DEFAULT 0,
    batch_count     integer     NOT NULL DEFAULT 0,
    sha256          text,
    data_quality    jsonb,
    CONSTRAINT submission_version_unique UNIQUE (dataset, provider, period, version)
);
CREATE INDEX submission_key ON submission (provider, dataset, period);

-- Row-level findings of a submission's validation, kept for its report.
CREATE TABLE submission_error (
    submission_id uuid    NOT NULL REFERENCES submission (id),
    seq           integer NOT NULL,
    row_number    bigint,
    field         text,
    code          text    NOT NULL,
    message       text    NOT NULL,
    PRIMARY KEY (submission_id, seq)
);

-- Transactional outbox: written in the submission's transaction, relayed to Kafka in id order,
-- marked published only after the broker acknowledged. BATCH rows hold gzip'd JSON arrays of
-- validated records; the COMMIT row closes the submission.
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    submission_id uuid        NOT NULL REFERENCES submission (id),
    kind          text        NOT NULL CHECK (kind IN ('BATCH', 'COMMIT')),
    batch_seq     integer,
    payload       bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
