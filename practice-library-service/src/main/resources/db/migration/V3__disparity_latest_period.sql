-- Recommendations follow an area's latest picture: a change event for an earlier period (an old
-- month resubmitted) no longer replaces the disparities of a later one. period_rank orders the
-- periods an event can name (DisparityPeriod): by the month they end in, then a rolling twelve
-- months before a financial year before a single month ending the same month (more data, a
-- steadier picture). Rows kept from before have no rank: the next event replaces them.
ALTER TABLE indicator_disparity ADD COLUMN period_rank text NOT NULL DEFAULT '';
