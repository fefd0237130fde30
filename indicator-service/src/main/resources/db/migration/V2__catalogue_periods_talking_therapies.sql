-- The full catalogue: both datasets, periods month / FY / R12, provider areas, ratio or
-- difference to the reference group, and indicator-change events written with the values.

-- Records carry their month and provider so a period's records are read without joins per row.
ALTER TABLE mhsds_record ADD COLUMN period text, ADD COLUMN provider text;
UPDATE mhsds_record r SET period = s.period, provider = s.provider
  FROM received_submission s WHERE s.submission_id = r.submission_id;
ALTER TABLE mhsds_record ALTER COLUMN period SET NOT NULL, ALTER COLUMN provider SET NOT NULL;

-- Talking Therapies referrals (api.md). Flags are booleans; optional ones null when absent.
CREATE TABLE tt_record (
    submission_id           uuid     NOT NULL,
    period                  text     NOT NULL,
    provider                text     NOT NULL,
    referral_id             text     NOT NULL,
    person_id               text     NOT NULL,
    ethnic_category         text     NOT NULL,
    gender                  text     NOT NULL,
    age_years               smallint NOT NULL,
    residence_icb           text     NOT NULL,
    imd_decile              smallint,
    sexual_orientation      text     NOT NULL,
    entered_treatment       boolean  NOT NULL,
    finished_course         boolean  NOT NULL,
    caseness_at_start       boolean,
    caseness_at_end         boolean,
    reliable_improvement    boolean,
    days_to_first_treatment integer
);
CREATE INDEX tt_record_submission ON tt_record (submission_id);

-- Values are derived data: recalculated from the records (or rebuilt from the topic).
DROP TABLE indicator_value;
CREATE TABLE indicator_value (
    indicator_id       text             NOT NULL,
    area_code          text             NOT NULL,
    period             text             NOT NULL,
    period_type        text             NOT NULL,
    breakdown          text             NOT NULL,
    group_code         text             NOT NULL,
    numerator          bigint           NOT NULL,
    denominator        double precision,
    value              double precision,
    lower95            double precision,
    upper95            double precision,
    lower998           double precision,
    upper998           double precision,
    reference_group    text,
    comparison         double precision,
    comparison_lower95 double precision,
    comparison_upper95 double precision,
    computed_at        timestamptz      NOT NULL,
    PRIMARY KEY (indicator_id, area_code, period, breakdown, group_code)
);
CREATE INDEX indicator_value_period ON indicator_value (indicator_id, period);
CREATE INDEX indicator_value_series ON indicator_value (indicator_id, area_code, breakdown, group_code, period_type);

-- mhe.indicator-changes.v1 events, written in the transaction that changed the values and
-- published by a relay (the transactional outbox: no event without its change, none lost).
CREATE TABLE indicator_change_outbox (
    id          bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    indicator_id text       NOT NULL,
    area_code   text        NOT NULL,
    period      text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
