-- Periods waiting to be recalculated, written in the transaction that changed their data (a
-- submission made current, a population year replaced). A worker recalculates a period and
-- deletes the requests it covered in one transaction, so a request is never lost and many
-- commits of the same month (a national month from every provider) cost one recalculation.
CREATE TABLE recalculation_request (
    id           bigserial   PRIMARY KEY,
    dataset      text        NOT NULL,
    period       text        NOT NULL,
    priority     smallint    NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX recalculation_request_period ON recalculation_request (dataset, period);

-- When each population year was last replaced: recalculations keep a year's population in
-- memory and reload it only when this changes (on any instance).
CREATE TABLE population_upload (
    year        integer     PRIMARY KEY,
    replaced_at timestamptz NOT NULL
);

-- The periods each indicator has values for, so a query's "latest period" and "available
-- periods" need not scan the indicator's values.
CREATE TABLE indicator_period (
    indicator_id text NOT NULL,
    period       text NOT NULL,
    period_type  text NOT NULL,
    PRIMARY KEY (indicator_id, period)
);
INSERT INTO indicator_period SELECT DISTINCT indicator_id, period, period_type FROM indicator_value;

-- Failed attempts at a period: a period that keeps failing goes to the back of the queue and,
-- after five attempts, is left for an operator (logged and counted) instead of blocking the rest.
ALTER TABLE recalculation_request ADD COLUMN attempts integer NOT NULL DEFAULT 0;
