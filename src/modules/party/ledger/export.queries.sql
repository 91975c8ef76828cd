-- The SQL that export.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in export.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- exportPage: a county, first page
SELECT
  r.county_code,
  r.id,
  ci.name AS city_name,
  c.name AS county_name,
  t.name AS township_name,
  v.name AS village_name,
  r.village_code,
  coalesce(
    o.name,
    (
      SELECT
        o2.name
      FROM
        party_org o2
      WHERE
        o2.county_code = r.county_code
        AND o2.region_code = r.village_code
        AND o2.dissolved_on IS NULL
    )
  ) AS org_name,
  r.year,
  (
    SELECT
      to_char(s.effective_date, 'YYYY-MM-DD')
    FROM
      procedure_step s
    WHERE
      s.county_code = pc.county_code
      AND s.case_id = pc.id
      AND s.seq = 1
  ) AS identified_on,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  r.note,
  pc.state,
  (
    SELECT
      string_agg(
        to_char(p.entry_date, 'YYYY-MM-DD') || ' ' || p.content,
        E'
'
        ORDER BY
          p.entry_date,
          p.id
      )
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
  ) AS progress
FROM
  party_rectification r
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN region c ON c.code = r.county_code
  LEFT JOIN region ci ON ci.code = c.parent_code
  AND ci.level = 2
  LEFT JOIN party_org o ON o.county_code = r.county_code
  AND o.id = r.org_id
  JOIN procedure_case pc ON pc.county_code = r.county_code
  AND pc.procedure = $1
  AND pc.subject_id = r.id
WHERE
  r.village_code LIKE $2
  AND (r.county_code, r.id) > ($3, $4)
ORDER BY
  r.county_code,
  r.id
LIMIT
  $5;

-- exportPage: a township, a year, after a key
SELECT
  r.county_code,
  r.id,
  ci.name AS city_name,
  c.name AS county_name,
  t.name AS township_name,
  v.name AS village_name,
  r.village_code,
  coalesce(
    o.name,
    (
      SELECT
        o2.name
      FROM
        party_org o2
      WHERE
        o2.county_code = r.county_code
        AND o2.region_code = r.village_code
        AND o2.dissolved_on IS NULL
    )
  ) AS org_name,
  r.year,
  (
    SELECT
      to_char(s.effective_date, 'YYYY-MM-DD')
    FROM
      procedure_step s
    WHERE
      s.county_code = pc.county_code
      AND s.case_id = pc.id
      AND s.seq = 1
  ) AS identified_on,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  r.note,
  pc.state,
  (
    SELECT
      string_agg(
        to_char(p.entry_date, 'YYYY-MM-DD') || ' ' || p.content,
        E'
'
        ORDER BY
          p.entry_date,
          p.id
      )
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
  ) AS progress
FROM
  party_rectification r
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN region c ON c.code = r.county_code
  LEFT JOIN region ci ON ci.code = c.parent_code
  AND ci.level = 2
  LEFT JOIN party_org o ON o.county_code = r.county_code
  AND o.id = r.org_id
  JOIN procedure_case pc ON pc.county_code = r.county_code
  AND pc.procedure = $1
  AND pc.subject_id = r.id
WHERE
  r.village_code LIKE $2
  AND r.year = $3
  AND (r.county_code, r.id) > ($4, $5)
ORDER BY
  r.county_code,
  r.id
LIMIT
  $6;
