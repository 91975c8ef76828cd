-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateRectification
SELECT
  village_code
FROM
  party_rectification
WHERE
  id = $1;

-- listRectifications: a county, first page
SELECT
  r.county_code,
  r.id,
  r.village_code,
  v.name AS village_name,
  t.name AS township_name,
  r.org_id,
  r.year,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_posting_id,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  c.id AS case_id,
  c.state,
  c.version,
  (
    SELECT
      p.content
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
    ORDER BY
      p.entry_date DESC,
      p.id DESC
    LIMIT
      1
  ) AS last_progress
FROM
  (
    SELECT
      r.county_code,
      r.id
    FROM
      party_rectification r
    WHERE
      r.county_code = $1
      AND r.village_code LIKE $2
    ORDER BY
      r.county_code,
      r.id
    LIMIT
      51
  ) page
  JOIN party_rectification r ON r.county_code = page.county_code
  AND r.id = page.id
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = 'party_rectification'
  AND c.subject_id = r.id
ORDER BY
  r.county_code,
  r.id;

-- listRectifications: a township, a state and a year, after a cursor
SELECT
  r.county_code,
  r.id,
  r.village_code,
  v.name AS village_name,
  t.name AS township_name,
  r.org_id,
  r.year,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_posting_id,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  c.id AS case_id,
  c.state,
  c.version,
  (
    SELECT
      p.content
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
    ORDER BY
      p.entry_date DESC,
      p.id DESC
    LIMIT
      1
  ) AS last_progress
FROM
  (
    SELECT
      r.county_code,
      r.id
    FROM
      party_rectification r
    WHERE
      r.county_code = $1
      AND r.village_code LIKE $2
      AND r.year = $3
      AND EXISTS (
        SELECT
          1
        FROM
          procedure_case c
        WHERE
          c.county_code = r.county_code
          AND c.procedure = 'party_rectification'
          AND c.subject_id = r.id
          AND c.state = $4
      )
      AND (r.county_code, r.id) > ($5, $6)
    ORDER BY
      r.county_code,
      r.id
    LIMIT
      51
  ) page
  JOIN party_rectification r ON r.county_code = page.county_code
  AND r.id = page.id
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = 'party_rectification'
  AND c.subject_id = r.id
ORDER BY
  r.county_code,
  r.id;

-- listRectifications: a city, overdue
SELECT
  r.county_code,
  r.id,
  r.village_code,
  v.name AS village_name,
  t.name AS township_name,
  r.org_id,
  r.year,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_posting_id,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  c.id AS case_id,
  c.state,
  c.version,
  (
    SELECT
      p.content
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
    ORDER BY
      p.entry_date DESC,
      p.id DESC
    LIMIT
      1
  ) AS last_progress
FROM
  (
    SELECT
      r.county_code,
      r.id
    FROM
      party_rectification r
    WHERE
      r.village_code LIKE '2113%'
      AND r.deadline < $1::date
      AND EXISTS (
        SELECT
          1
        FROM
          procedure_case c
        WHERE
          c.county_code = r.county_code
          AND c.procedure = 'party_rectification'
          AND c.subject_id = r.id
          AND c.state IN ('identified', 'planned', 'rectifying')
      )
    ORDER BY
      r.county_code,
      r.id
    LIMIT
      51
  ) page
  JOIN party_rectification r ON r.county_code = page.county_code
  AND r.id = page.id
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = 'party_rectification'
  AND c.subject_id = r.id
ORDER BY
  r.county_code,
  r.id;

-- rectificationById
SELECT
  r.county_code,
  r.id,
  r.village_code,
  v.name AS village_name,
  t.name AS township_name,
  r.org_id,
  r.year,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_posting_id,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  c.id AS case_id,
  c.state,
  c.version,
  (
    SELECT
      p.content
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
    ORDER BY
      p.entry_date DESC,
      p.id DESC
    LIMIT
      1
  ) AS last_progress
FROM
  party_rectification r
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = 'party_rectification'
  AND c.subject_id = r.id
WHERE
  r.id = $1;

-- lockRectification
SELECT
  id
FROM
  party_rectification
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- orgOfVillage
SELECT
  id,
  name
FROM
  party_org
WHERE
  county_code = $1
  AND region_code = $2
  AND dissolved_on IS NULL;

-- currentFirstSecretary
SELECT
  p.id AS posting_id,
  pe.name
FROM
  cadre_posting p
  JOIN cadre c ON c.county_code = p.county_code
  AND c.id = p.cadre_id
  JOIN person pe ON pe.county_code = c.county_code
  AND pe.id = c.person_id
WHERE
  p.county_code = $1
  AND p.village_code = $2
  AND p.role = 'first_secretary'
  AND p.confirmed_on IS NOT NULL
  AND p.end_date IS NULL
ORDER BY
  p.start_date DESC,
  p.id DESC
LIMIT
  1;

-- lockCaseKey
SELECT
  pg_advisory_xact_lock(hashtext ('party_rectification'), hashtext ($1));

-- yearCaseOf
SELECT
  id
FROM
  party_rectification
WHERE
  county_code = $1
  AND village_code = $2
  AND YEAR = $3;

-- insertRectification
INSERT INTO
  party_rectification (
    county_code,
    village_code,
    org_id,
    YEAR,
    causes,
    problems
  )
VALUES
  ($1, $2, $3, $4, $5::TEXT[], $6)
RETURNING
  id;

-- updatePlan
UPDATE party_rectification
SET
  causes = $1::TEXT[],
  problems = $2,
  plan = $3,
  county_leader = $4,
  township_member = $5,
  first_secretary_posting_id = $6,
  first_secretary_name = $7,
  deadline = $8::date,
  updated_at = now()
WHERE
  county_code = $9
  AND id = $10;

-- setOutcomeDates
UPDATE party_rectification
SET
  closed_on = $1::date,
  consolidated_on = $2::date,
  updated_at = now()
WHERE
  county_code = $3
  AND id = $4;

-- insertProgress
INSERT INTO
  party_rectification_progress (
    county_code,
    case_id,
    entry_date,
    content,
    actor_name
  )
VALUES
  ($1, $2, $3::date, $4, $5)
RETURNING
  id;

-- progressOf
SELECT
  id,
  to_char(entry_date, 'YYYY-MM-DD') AS entry_date,
  content,
  actor_name
FROM
  party_rectification_progress
WHERE
  county_code = $1
  AND case_id = $2
ORDER BY
  entry_date,
  id;

-- casesOfVillage
SELECT
  r.county_code,
  r.id,
  r.village_code,
  v.name AS village_name,
  t.name AS township_name,
  r.org_id,
  r.year,
  r.causes,
  r.problems,
  r.plan,
  r.county_leader,
  r.township_member,
  r.first_secretary_posting_id,
  r.first_secretary_name,
  to_char(r.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(r.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  c.id AS case_id,
  c.state,
  c.version,
  (
    SELECT
      p.content
    FROM
      party_rectification_progress p
    WHERE
      p.county_code = r.county_code
      AND p.case_id = r.id
    ORDER BY
      p.entry_date DESC,
      p.id DESC
    LIMIT
      1
  ) AS last_progress
FROM
  party_rectification r
  JOIN region v ON v.code = r.village_code
  JOIN region t ON t.code = left(r.village_code, 9)
  JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = 'party_rectification'
  AND c.subject_id = r.id
WHERE
  r.county_code = $1
  AND r.village_code = $2
ORDER BY
  r.year DESC,
  r.id DESC;
