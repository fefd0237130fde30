-- What the indicator service made of a published submission (mhe.submission-outcomes.v1):
-- COUNTED with the time it was counted, or FAILED with the reason it could not be.
ALTER TABLE submission
    ADD COLUMN counted_at     timestamptz,
    ADD COLUMN outcome_reason text;
