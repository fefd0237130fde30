-- The public view now rounds counts randomly to base 5 under the deployment's key, and counts a
-- DSR stratum of 1–9 as 0 (see DisclosureControl): the public DSRs stored by V5 came from strata
-- rounded to the nearest 5, so every period is recalculated once.
INSERT INTO recalculation_request (dataset, period, priority)
SELECT dataset, period, CASE WHEN period LIKE 'FY%' THEN 1 WHEN period LIKE 'R12-%' THEN 2 ELSE 0 END
FROM period_cell_state;
