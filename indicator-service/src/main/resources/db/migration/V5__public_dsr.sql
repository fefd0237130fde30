-- The DSR the public view shows, calculated from the strata's counts rounded to the nearest 5
-- (disclosure control: every public figure comes from protected counts; see DisclosureControl).
-- Null for crude rates and proportions, whose public figures follow from the public counts.
ALTER TABLE indicator_value
    ADD COLUMN public_dsr_observed   bigint,
    ADD COLUMN public_dsr_multiplier double precision,
    ADD COLUMN public_dsr_value      double precision,
    ADD COLUMN public_dsr_variance   double precision,
    ADD COLUMN public_dsr_lower95    double precision,
    ADD COLUMN public_dsr_upper95    double precision,
    ADD COLUMN public_dsr_lower998   double precision,
    ADD COLUMN public_dsr_upper998   double precision;

-- Values stored before this version have no public DSR: recalculate every period once.
INSERT INTO recalculation_request (dataset, period, priority)
SELECT dataset, period, CASE WHEN period LIKE 'FY%' THEN 1 WHEN period LIKE 'R12-%' THEN 2 ELSE 0 END
FROM period_cell_state;
