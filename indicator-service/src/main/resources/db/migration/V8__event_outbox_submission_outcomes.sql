-- One transactional outbox for every event this service publishes: the indicator changes
-- (mhe.indicator-changes.v1) and, now, each submission's outcome (mhe.submission-outcomes.v1,
-- COUNTED or FAILED), which the ingest service shows to the provider. `stream` names the topic
-- by its role (the topic names are configuration); `event_key` is the Kafka key.
ALTER TABLE indicator_change_outbox RENAME TO event_outbox;
ALTER TABLE event_outbox
    ADD COLUMN stream     text,
    ADD COLUMN event_type text,
    ADD COLUMN event_key  text;
UPDATE event_outbox
   SET stream = 'indicator-changes', event_type = 'uk.nhs.mhe.IndicatorValuesChanged',
       event_key = indicator_id || '|' || area_code;
ALTER TABLE event_outbox
    ALTER COLUMN stream SET NOT NULL,
    ALTER COLUMN event_type SET NOT NULL,
    ALTER COLUMN event_key SET NOT NULL,
    ALTER COLUMN indicator_id DROP NOT NULL,
    ALTER COLUMN area_code DROP NOT NULL,
    ALTER COLUMN period DROP NOT NULL;
ALTER TABLE event_outbox ADD CONSTRAINT event_outbox_stream
    CHECK (stream IN ('indicator-changes', 'submission-outcomes'));

-- Events parked on mhe.submissions.v1.dlq, kept so that readiness and metrics name them after a
-- restart too (the dead-letter topic holds the events themselves).
CREATE TABLE parked_event (
    id            bigserial   PRIMARY KEY,
    event_id      uuid,
    event_type    text,
    event_key     text,
    submission_id uuid,
    reason        text        NOT NULL,
    parked_at     timestamptz NOT NULL DEFAULT now()
);
