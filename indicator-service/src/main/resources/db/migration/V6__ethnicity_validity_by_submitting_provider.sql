-- ethnicity-validity is now measured by submitting provider (catalogue "areaBasis"): England,
-- regions and ICBs add up the records of the providers ODS places under them, not those of the
-- patients resident there. The cells kept per period already hold each provider's counts, so
-- they stay; the values stored were summed by residence, so every existing MHSDS period (months
-- with a current submission, their financial years and the twelve months ending at each) is
-- requested for recalculation, months first, as a submission requests its periods.
INSERT INTO recalculation_request (dataset, period, priority)
SELECT DISTINCT 'MHSDS', p.period, p.priority
FROM (SELECT DISTINCT period, to_date(period, 'YYYY-MM') AS first_day
      FROM current_submission WHERE dataset = 'MHSDS') m
CROSS JOIN LATERAL (VALUES
    (m.period, 0),
    ('FY' || extract(year FROM m.first_day - interval '3 months')::int || '-'
        || lpad(((extract(year FROM m.first_day - interval '3 months')::int + 1) % 100)::text, 2, '0'), 1),
    ('R12-' || m.period, 2)) AS p(period, priority);
