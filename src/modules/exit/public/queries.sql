-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- regionOf
SELECT
  r.code,
  r.name,
  r.level,
  t.name AS township_name,
  c.name AS county_name
FROM
  region r
  LEFT JOIN region t ON t.code = left(r.code, 9)
  LEFT JOIN region c ON c.code = left(r.code, 6)
WHERE
  r.code = $1;

-- inNotice
SELECT
  e.id,
  p.name AS head_name,
  h.member_count,
  e.year,
  to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from,
  to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until
FROM
  exit_household e
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
  JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
WHERE
  e.county_code = $1
  AND e.village_code = $2
  AND c.state = 'notice'
ORDER BY
  e.notice_from,
  e.id
LIMIT
  200;

-- announcedCount
SELECT
  count(*)::int AS n
FROM
  exit_household e
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  e.county_code = $1
  AND e.village_code = $2
  AND e.year = $3
  AND c.state IN ('announced', 'closed');

-- noticeVillages
SELECT DISTINCT
  e.village_code
FROM
  exit_household e
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  c.state = 'notice'
ORDER BY
  1
LIMIT
  $1;
