-- The SQL that dirty.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in dirty.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- markMonths
INSERT INTO
  cadre_attendance_dirty (county_code, MONTH)
SELECT
  *
FROM
  unnest($1::TEXT[], $2::TEXT[])
ON CONFLICT DO NOTHING;

-- takeDueMarks
WITH
  due AS MATERIALIZED (
    SELECT
      county_code,
      MONTH
    FROM
      cadre_attendance_dirty
    WHERE
      marked_at < now() - make_interval(secs => $1)
    ORDER BY
      marked_at
    LIMIT
      $2
  )
DELETE FROM cadre_attendance_dirty d
WHERE
  (d.county_code, d.month) IN (
    SELECT
      county_code,
      MONTH
    FROM
      due
  )
RETURNING
  d.county_code,
  d.month;

-- countMarks: all
SELECT
  count(*)::int AS n
FROM
  cadre_attendance_dirty;

-- countMarks: before a month
SELECT
  count(*)::int AS n
FROM
  cadre_attendance_dirty
WHERE
  MONTH < $1;
