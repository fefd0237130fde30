-- Transactional inbox: an event id is recorded in the same transaction as its effect, so a
-- redelivered event changes nothing.
CREATE TABLE inbox (
    event_id    uuid        PRIMARY KEY,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Submissions as received from the topic. STAGING until the commit event arrives with counts
-- that match; then CURRENT (it replaced a lower version), or STALE (a higher version was
-- already current). A CURRENT submission becomes SUPERSEDED when a higher version commits.
CREATE TABLE received_submission (
    submission_id    uuid    PRIMARY KEY,
    dataset          text    NOT NULL,
    provider         text    NOT NULL,
    period           text    NOT NULL,
    version          integer NOT NULL,
    batches_received integer NOT NULL DEFAULT 0,
    records_received bigint  NOT NULL DEFAULT 0,
    status           text    NOT NULL,
    committed_at     timestamptz
);

-- The submission whose records count, per dataset, provider and month.
CREATE TABLE current_submission (
    dataset       text    NOT NULL,
    provider      text    NOT NULL,
    period        text    NOT NULL,
    submission_id uuid    NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (dataset, provider, period)
);
CREATE INDEX current_submission_period ON current_submission (dataset, period);

-- Person-level MHSDS records: people measures count distinct person ids across providers and
-- months, so aggregates cannot be summed in advance for them.
CREATE TABLE mhsds_record (
    submission_id             uuid     NOT NULL,
    person_id                 text     NOT NULL,
    ethnic_category           text     NOT NULL,
    gender                    text     NOT NULL,
    age_years                 smallint NOT NULL,
    residence_icb             text     NOT NULL,
    imd_decile                smallint,
    in_contact                boolean  NOT NULL,
    detentions                integer  NOT NULL,
    ctos                      integer  NOT NULL,
    restrictive_interventions integer  NOT NULL
);
CREATE INDEX mhsds_record_submission ON mhsds_record (submission_id);

-- Population by ICB, year and stratum (api.md). With an IMD column each row is one decile's
-- share; without it imd_decile is null.
CREATE TABLE population (
    year            integer  NOT NULL,
    area_code       text     NOT NULL,
    ethnic_category text     NOT NULL,
    age_band        text     NOT NULL,
    sex             smallint NOT NULL,
    imd_decile      smallint,
    population      bigint   NOT NULL
);
CREATE INDEX population_year ON population (year);

-- Calculated indicator values, one row per indicator, area, period, breakdown and group.
CREATE TABLE indicator_value (
    indicator_id  text             NOT NULL,
    area_code     text             NOT NULL,
    period        text             NOT NULL,
    breakdown     text             NOT NULL,
    group_code    text             NOT NULL,
    numerator     bigint           NOT NULL,
    denominator   double precision,
    value         double precision,
    lower95       double precision,
    upper95       double precision,
    lower998      double precision,
    upper998      double precision,
    ratio         double precision,
    ratio_lower95 double precision,
    ratio_upper95 double precision,
    computed_at   timestamptz      NOT NULL,
    PRIMARY KEY (indicator_id, area_code, period, breakdown, group_code)
);
CREATE INDEX indicator_value_period ON indicator_value (indicator_id, period);
