-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateScreening
SELECT
  village_code
FROM
  party_screening
WHERE
  id = $1;

-- rounds: a county
SELECT
  r.county_code,
  r.id,
  c.name AS county_name,
  r.year,
  to_char(r.opened_on, 'YYYY-MM-DD') AS opened_on,
  r.note,
  count(s.id)::int AS total,
  count(s.result)::int AS assessed,
  count(*) FILTER (
    WHERE
      s.result = 'incompetent'
  )::int AS unfit,
  count(s.adjusted_on)::int AS adjusted
FROM
  party_screening_round r
  JOIN region c ON c.code = r.county_code
  LEFT JOIN party_screening s ON s.county_code = r.county_code
  AND s.round_id = r.id
  AND s.village_code LIKE $1
WHERE
  r.county_code LIKE $2
GROUP BY
  r.county_code,
  r.id,
  c.name
ORDER BY
  r.year DESC,
  r.county_code
LIMIT
  200;

-- rounds: one round inside a township
SELECT
  r.county_code,
  r.id,
  c.name AS county_name,
  r.year,
  to_char(r.opened_on, 'YYYY-MM-DD') AS opened_on,
  r.note,
  count(s.id)::int AS total,
  count(s.result)::int AS assessed,
  count(*) FILTER (
    WHERE
      s.result = 'incompetent'
  )::int AS unfit,
  count(s.adjusted_on)::int AS adjusted
FROM
  party_screening_round r
  JOIN region c ON c.code = r.county_code
  LEFT JOIN party_screening s ON s.county_code = r.county_code
  AND s.round_id = r.id
  AND s.village_code LIKE $1
WHERE
  r.county_code LIKE $2
  AND r.id = $3
GROUP BY
  r.county_code,
  r.id,
  c.name
ORDER BY
  r.year DESC,
  r.county_code
LIMIT
  200;

-- roundOfYear
SELECT
  id
FROM
  party_screening_round
WHERE
  county_code = $1
  AND YEAR = $2;

-- insertRound
INSERT INTO
  party_screening_round (county_code, YEAR, opened_on, note)
VALUES
  ($1, $2, $3::date, $4)
RETURNING
  id;

-- listSecretaries
WITH
  ins AS (
    INSERT INTO
      party_screening (
        county_code,
        round_id,
        village_code,
        org_id,
        term_id
      )
    SELECT
      o.county_code,
      $1,
      o.region_code,
      o.id,
      t.id
    FROM
      poor_village pv
      JOIN party_org o ON o.county_code = pv.county_code
      AND o.region_code = pv.village_code
      AND o.dissolved_on IS NULL
      JOIN party_secretary_term t ON t.county_code = o.county_code
      AND t.org_id = o.id
      AND t.end_date IS NULL
    WHERE
      pv.county_code = $2
    RETURNING
      1
  )
SELECT
  count(*)::int AS n
FROM
  ins;

-- villagesWithoutSecretary
SELECT
  pv.village_code,
  v.name
FROM
  poor_village pv
  JOIN region v ON v.code = pv.village_code
WHERE
  pv.county_code = $1
  AND NOT EXISTS (
    SELECT
      1
    FROM
      party_org o
      JOIN party_secretary_term t ON t.county_code = o.county_code
      AND t.org_id = o.id
      AND t.end_date IS NULL
    WHERE
      o.county_code = pv.county_code
      AND o.region_code = pv.village_code
      AND o.dissolved_on IS NULL
  )
ORDER BY
  pv.village_code
LIMIT
  500;

-- screeningsOfRound
SELECT
  s.county_code,
  s.id,
  s.round_id,
  r.year,
  s.village_code,
  (
    SELECT
      v.name
    FROM
      region v
    WHERE
      v.code = s.village_code
  ) AS village_name,
  (
    SELECT
      tw.name
    FROM
      region tw
    WHERE
      tw.code = left(s.village_code, 9)
  ) AS township_name,
  s.org_id,
  s.term_id,
  (
    SELECT
      p.name
    FROM
      person p
    WHERE
      p.county_code = t.county_code
      AND p.id = t.person_id
  ) AS secretary,
  t.one_shoulder,
  to_char(t.start_date, 'YYYY-MM-DD') AS term_start,
  s.result,
  s.opinion,
  s.note,
  to_char(s.assessed_on, 'YYYY-MM-DD') AS assessed_on,
  s.assessed_by,
  to_char(s.adjust_by, 'YYYY-MM-DD') AS adjust_by,
  to_char(s.adjusted_on, 'YYYY-MM-DD') AS adjusted_on,
  (
    SELECT
      sp.name
    FROM
      party_secretary_term st
      JOIN person sp ON sp.county_code = st.county_code
      AND sp.id = st.person_id
    WHERE
      st.county_code = s.county_code
      AND st.id = s.successor_term_id
  ) AS successor,
  c.id AS case_id,
  c.state AS case_state
FROM
  party_screening s
  JOIN party_screening_round r ON r.county_code = s.county_code
  AND r.id = s.round_id
  JOIN party_secretary_term t ON t.county_code = s.county_code
  AND t.id = s.term_id
  LEFT JOIN procedure_case c ON c.county_code = s.county_code
  AND c.procedure = $1
  AND c.subject_id = s.id
WHERE
  s.county_code = $2
  AND s.round_id = $3
  AND s.village_code LIKE $4
ORDER BY
  s.village_code
LIMIT
  2000;

-- screeningById
SELECT
  s.county_code,
  s.id,
  s.round_id,
  r.year,
  s.village_code,
  (
    SELECT
      v.name
    FROM
      region v
    WHERE
      v.code = s.village_code
  ) AS village_name,
  (
    SELECT
      tw.name
    FROM
      region tw
    WHERE
      tw.code = left(s.village_code, 9)
  ) AS township_name,
  s.org_id,
  s.term_id,
  (
    SELECT
      p.name
    FROM
      person p
    WHERE
      p.county_code = t.county_code
      AND p.id = t.person_id
  ) AS secretary,
  t.one_shoulder,
  to_char(t.start_date, 'YYYY-MM-DD') AS term_start,
  s.result,
  s.opinion,
  s.note,
  to_char(s.assessed_on, 'YYYY-MM-DD') AS assessed_on,
  s.assessed_by,
  to_char(s.adjust_by, 'YYYY-MM-DD') AS adjust_by,
  to_char(s.adjusted_on, 'YYYY-MM-DD') AS adjusted_on,
  (
    SELECT
      sp.name
    FROM
      party_secretary_term st
      JOIN person sp ON sp.county_code = st.county_code
      AND sp.id = st.person_id
    WHERE
      st.county_code = s.county_code
      AND st.id = s.successor_term_id
  ) AS successor,
  c.id AS case_id,
  c.state AS case_state
FROM
  party_screening s
  JOIN party_screening_round r ON r.county_code = s.county_code
  AND r.id = s.round_id
  JOIN party_secretary_term t ON t.county_code = s.county_code
  AND t.id = s.term_id
  LEFT JOIN procedure_case c ON c.county_code = s.county_code
  AND c.procedure = $1
  AND c.subject_id = s.id
WHERE
  s.id = $2;

-- screeningsOfVillage
SELECT
  s.county_code,
  s.id,
  s.round_id,
  r.year,
  s.village_code,
  (
    SELECT
      v.name
    FROM
      region v
    WHERE
      v.code = s.village_code
  ) AS village_name,
  (
    SELECT
      tw.name
    FROM
      region tw
    WHERE
      tw.code = left(s.village_code, 9)
  ) AS township_name,
  s.org_id,
  s.term_id,
  (
    SELECT
      p.name
    FROM
      person p
    WHERE
      p.county_code = t.county_code
      AND p.id = t.person_id
  ) AS secretary,
  t.one_shoulder,
  to_char(t.start_date, 'YYYY-MM-DD') AS term_start,
  s.result,
  s.opinion,
  s.note,
  to_char(s.assessed_on, 'YYYY-MM-DD') AS assessed_on,
  s.assessed_by,
  to_char(s.adjust_by, 'YYYY-MM-DD') AS adjust_by,
  to_char(s.adjusted_on, 'YYYY-MM-DD') AS adjusted_on,
  (
    SELECT
      sp.name
    FROM
      party_secretary_term st
      JOIN person sp ON sp.county_code = st.county_code
      AND sp.id = st.person_id
    WHERE
      st.county_code = s.county_code
      AND st.id = s.successor_term_id
  ) AS successor,
  c.id AS case_id,
  c.state AS case_state
FROM
  party_screening s
  JOIN party_screening_round r ON r.county_code = s.county_code
  AND r.id = s.round_id
  JOIN party_secretary_term t ON t.county_code = s.county_code
  AND t.id = s.term_id
  LEFT JOIN procedure_case c ON c.county_code = s.county_code
  AND c.procedure = $1
  AND c.subject_id = s.id
WHERE
  s.county_code = $2
  AND s.village_code = $3
ORDER BY
  r.year DESC,
  s.id DESC
LIMIT
  50;

-- lockScreening
SELECT
  id
FROM
  party_screening
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- assess
UPDATE party_screening
SET
  result = $1,
  opinion = $2,
  note = $3,
  assessed_on = $4::date,
  assessed_by = $5,
  adjust_by = $6::date,
  updated_at = now()
WHERE
  county_code = $7
  AND id = $8
  AND result IS NULL;

-- setAdjusted
UPDATE party_screening
SET
  successor_term_id = $1,
  adjusted_on = $2::date,
  updated_at = now()
WHERE
  county_code = $3
  AND id = $4;

-- endTerm
UPDATE party_secretary_term
SET
  end_date = $1::date,
  end_reason = $2,
  end_note = $3
WHERE
  county_code = $4
  AND id = $5
  AND end_date IS NULL;

-- insertTerm
INSERT INTO
  party_secretary_term (
    county_code,
    org_id,
    person_id,
    one_shoulder,
    start_date
  )
VALUES
  ($1, $2, $3, $4, $5::date)
RETURNING
  id;

-- secretaryHistory
SELECT
  t.id,
  p.name,
  p.id_masked,
  t.one_shoulder,
  to_char(t.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(t.end_date, 'YYYY-MM-DD') AS end_date,
  t.end_reason
FROM
  party_org o
  JOIN party_secretary_term t ON t.county_code = o.county_code
  AND t.org_id = o.id
  JOIN person p ON p.county_code = t.county_code
  AND p.id = t.person_id
WHERE
  o.county_code = $1
  AND o.region_code = $2
ORDER BY
  t.start_date DESC,
  t.id DESC
LIMIT
  100;
