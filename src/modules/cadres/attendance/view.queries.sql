-- The SQL that view.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in view.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateFlag
SELECT
  village_code
FROM
  cadre_flag
WHERE
  id = $1;

-- listAttendance: first page
SELECT
  a.county_code,
  a.posting_id::text AS posting_id,
  pe.name,
  pe.id_masked,
  p.role,
  a.village_code,
  v.name AS village_name,
  a.days_in_post,
  a.days_in_village,
  a.nights,
  a.official_days,
  a.leave_days,
  a.required_days,
  a.compliant,
  a.checkins,
  a.open_flags AS flags,
  a.open_absences
FROM
  (
    SELECT
      *
    FROM
      cadre_attendance_month a
    WHERE
      a.month = '2026-11-01'::date
      AND "a"."county_code" = $1
    ORDER BY
      a.month,
      a.county_code,
      a.posting_id
    LIMIT
      51
  ) a
  JOIN cadre_posting p ON p.county_code = a.county_code
  AND p.id = a.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = a.village_code
ORDER BY
  a.county_code,
  a.posting_id;

-- listAttendance: filtered, next page
SELECT
  a.county_code,
  a.posting_id::text AS posting_id,
  pe.name,
  pe.id_masked,
  p.role,
  a.village_code,
  v.name AS village_name,
  a.days_in_post,
  a.days_in_village,
  a.nights,
  a.official_days,
  a.leave_days,
  a.required_days,
  a.compliant,
  a.checkins,
  a.open_flags AS flags,
  a.open_absences
FROM
  (
    SELECT
      *
    FROM
      cadre_attendance_month a
    WHERE
      a.month = '2026-11-01'::date
      AND "a"."county_code" >= '21'
      AND "a"."county_code" < '21￿'
      AND NOT a.compliant
      AND a.open_flags <> '{}'
      AND (a.county_code, a.posting_id) > ($1, $2)
    ORDER BY
      a.month,
      a.county_code,
      a.posting_id
    LIMIT
      51
  ) a
  JOIN cadre_posting p ON p.county_code = a.county_code
  AND p.id = a.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = a.village_code
ORDER BY
  a.county_code,
  a.posting_id;

-- computedAt
SELECT
  min(s.computed_at) AS at
FROM
  (
    SELECT
      a.computed_at
    FROM
      cadre_attendance_month a
    WHERE
      "a"."county_code" = $1
      AND a.month = '2026-11-01'::date
    OFFSET
      0
  ) s;

-- attendanceOf
SELECT
  county_code,
  posting_id::text AS posting_id,
  village_code,
  days_in_post,
  days_in_village,
  nights,
  official_days,
  leave_days,
  required_days,
  compliant,
  checkins,
  computed_at
FROM
  cadre_attendance_month
WHERE
  county_code = $1
  AND posting_id = $2
  AND MONTH = $3::date;

-- flagsOfPosting
SELECT
  county_code,
  id::text AS id,
  posting_id::text AS posting_id,
  to_char(MONTH, 'YYYY-MM') AS MONTH,
  village_code,
  code,
  subject,
  reason_zh,
  reason_en,
  evidence,
  state,
  version,
  opened_at,
  decided_by_name,
  decided_at,
  note,
  absence_id::text AS absence_id,
  outcome
FROM
  cadre_flag
WHERE
  county_code = $1
  AND posting_id = $2
  AND MONTH = $3::date
ORDER BY
  code = 'absence_candidate',
  subject,
  code;

-- flagsOfRegion
SELECT
  county_code,
  id::text AS id,
  posting_id::text AS posting_id,
  to_char(MONTH, 'YYYY-MM') AS MONTH,
  village_code,
  code,
  subject,
  reason_zh,
  reason_en,
  evidence,
  state,
  version,
  opened_at,
  decided_by_name,
  decided_at,
  note,
  absence_id::text AS absence_id,
  outcome
FROM
  cadre_flag f
WHERE
  "f"."county_code" = $1
  AND f.month = $2::date
ORDER BY
  f.county_code,
  f.posting_id,
  f.code = 'absence_candidate',
  f.subject,
  f.code;

-- flagById
SELECT
  county_code,
  id::text AS id,
  posting_id::text AS posting_id,
  to_char(MONTH, 'YYYY-MM') AS MONTH,
  village_code,
  code,
  subject,
  reason_zh,
  reason_en,
  evidence,
  state,
  version,
  opened_at,
  decided_by_name,
  decided_at,
  note,
  absence_id::text AS absence_id,
  outcome
FROM
  cadre_flag
WHERE
  id = $1;

-- replacementGrounds
SELECT
  county_code,
  id::text AS id,
  posting_id::text AS posting_id,
  to_char(MONTH, 'YYYY-MM') AS MONTH,
  village_code,
  code,
  subject,
  reason_zh,
  reason_en,
  evidence,
  state,
  version,
  opened_at,
  decided_by_name,
  decided_at,
  note,
  absence_id::text AS absence_id,
  outcome
FROM
  cadre_flag
WHERE
  county_code = $1
  AND posting_id = $2
  AND outcome = 'replacement'
ORDER BY
  MONTH DESC,
  code;

-- decideFlag
UPDATE cadre_flag
SET
  state = $1,
  version = version + 1,
  decided_by = $2,
  decided_by_name = $3,
  decided_at = now(),
  note = $4,
  outcome = $5
WHERE
  county_code = $6
  AND id = $7
  AND version = $8
  AND state = 'open'
RETURNING
  id::text AS id;

-- refreshOpenFlags
UPDATE cadre_attendance_month a
SET
  open_flags = coalesce(
    (
      SELECT
        array_agg(
          DISTINCT x.code COLLATE "C"
          ORDER BY
            x.code COLLATE "C"
        )
      FROM
        cadre_flag x
      WHERE
        x.county_code = a.county_code
        AND x.posting_id = a.posting_id
        AND x.month = a.month
        AND x.state = 'open'
        AND x.code <> 'absence_candidate'
    ),
    '{}'
  ),
  open_absences = (
    SELECT
      count(*)
    FROM
      cadre_flag x
    WHERE
      x.county_code = a.county_code
      AND x.posting_id = a.posting_id
      AND x.month = a.month
      AND x.state = 'open'
      AND x.code = 'absence_candidate'
  )
WHERE
  a.county_code = $1
  AND a.posting_id = $2
  AND a.month = $3::date;

-- setFlagAbsence
UPDATE cadre_flag
SET
  absence_id = $1
WHERE
  county_code = $2
  AND id = $3;

-- absenceDayFor
SELECT
  to_char(d, 'YYYY-MM-DD') AS DAY
FROM
  cadre_posting p,
  generate_series(
    greatest(p.start_date, $1::date),
    least(coalesce(p.end_date, $2::date), $3::date),
    interval '1 day'
  ) d
WHERE
  p.county_code = $4
  AND p.id = $5
  AND NOT EXISTS (
    SELECT
      1
    FROM
      cadre_absence a
    WHERE
      a.county_code = p.county_code
      AND a.posting_id = p.id
      AND a.day = d::date
  )
ORDER BY
  to_char(d, 'YYYY-MM-DD') = ANY ($6::TEXT[]) DESC,
  to_char(d, 'YYYY-MM-DD') = ANY ($7::TEXT[]),
  extract(
    isodow
    FROM
      d
  ) > 5,
  d
LIMIT
  1;
