-- The attendance list (出勤统计) reads each posting's open flags from its month row instead of aggregating cadre_flag
-- per row and per request (issue 11, performance: list p95 ≤ 50 ms at scale 1). The month computation writes them with
-- the figures; deciding a flag rewrites its posting's month row (docs/decisions/0016-attendance.md, "The list").
ALTER TABLE cadre_attendance_month
  -- Codes of the open month flags (挂名 / 走读 / forged), sorted; '{}' when none.
  ADD COLUMN open_flags text[] NOT NULL DEFAULT '{}',
  -- Open absence candidates of the month.
  ADD COLUMN open_absences integer NOT NULL DEFAULT 0;

UPDATE cadre_attendance_month a SET open_flags = f.codes, open_absences = f.absences
FROM (
  SELECT county_code, posting_id, month,
         coalesce(array_agg(DISTINCT code COLLATE "C" ORDER BY code COLLATE "C") FILTER (WHERE code <> 'absence_candidate'), '{}') AS codes,
         (count(*) FILTER (WHERE code = 'absence_candidate'))::int AS absences
  FROM cadre_flag WHERE state = 'open' GROUP BY county_code, posting_id, month
) f
WHERE f.county_code = a.county_code AND f.posting_id = a.posting_id AND f.month = a.month;

-- The list's filters walk only the rows they show, in the keyset order (month, county, posting).
CREATE INDEX cadre_attendance_month_flagged_idx ON cadre_attendance_month (month, county_code, posting_id)
  WHERE open_flags <> '{}';
CREATE INDEX cadre_attendance_month_below_idx ON cadre_attendance_month (month, county_code, posting_id)
  WHERE NOT compliant;

-- The month computation reads a region's month of flags (decided ones, and the open ones it may remove) without
-- scanning the other months.
CREATE INDEX cadre_flag_month_idx ON cadre_flag (month, county_code, state);
