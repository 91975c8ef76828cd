-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateOrg
SELECT
  region_code
FROM
  party_org
WHERE
  id = $1;

-- listOrgs: a county, first page
SELECT
  o.county_code,
  o.id,
  o.region_code,
  r.name AS region_name,
  pr.name AS parent_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  o.dissolved_on::text AS dissolved_on,
  o.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
  )::int AS members,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
      AND m.wealth_leader
  )::int AS wealth_leaders,
  sp.name AS secretary_name,
  st.person_id AS secretary_person_id,
  st.one_shoulder,
  st.start_date::text AS secretary_since,
  EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  ) AS weak
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code
  AND st.org_id = o.id
  AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code
  AND sp.id = st.person_id
WHERE
  "o"."county_code" = $1
  AND "o"."region_code" LIKE $2
  AND o.dissolved_on IS NULL
ORDER BY
  o.region_code,
  o.id
LIMIT
  $3;

-- listOrgs: a city, weak ones of a kind, after a cursor
SELECT
  o.county_code,
  o.id,
  o.region_code,
  r.name AS region_name,
  pr.name AS parent_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  o.dissolved_on::text AS dissolved_on,
  o.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
  )::int AS members,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
      AND m.wealth_leader
  )::int AS wealth_leaders,
  sp.name AS secretary_name,
  st.person_id AS secretary_person_id,
  st.one_shoulder,
  st.start_date::text AS secretary_since,
  EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  ) AS weak
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code
  AND st.org_id = o.id
  AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code
  AND sp.id = st.person_id
WHERE
  "o"."region_code" LIKE $1
  AND o.dissolved_on IS NULL
  AND o.kind = $2
  AND EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  )
  AND (o.region_code, o.id) > ($3, $4)
ORDER BY
  o.region_code,
  o.id
LIMIT
  $5;

-- listOrgs: a township, normal, dissolved
SELECT
  o.county_code,
  o.id,
  o.region_code,
  r.name AS region_name,
  pr.name AS parent_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  o.dissolved_on::text AS dissolved_on,
  o.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
  )::int AS members,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
      AND m.wealth_leader
  )::int AS wealth_leaders,
  sp.name AS secretary_name,
  st.person_id AS secretary_person_id,
  st.one_shoulder,
  st.start_date::text AS secretary_since,
  EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  ) AS weak
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code
  AND st.org_id = o.id
  AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code
  AND sp.id = st.person_id
WHERE
  "o"."county_code" = $1
  AND "o"."region_code" LIKE $2
  AND o.dissolved_on IS NOT NULL
  AND NOT EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  )
ORDER BY
  o.region_code,
  o.id
LIMIT
  $3;

-- orgById
SELECT
  o.county_code,
  o.id,
  o.region_code,
  r.name AS region_name,
  pr.name AS parent_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  o.dissolved_on::text AS dissolved_on,
  o.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
  )::int AS members,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
      AND m.wealth_leader
  )::int AS wealth_leaders,
  sp.name AS secretary_name,
  st.person_id AS secretary_person_id,
  st.one_shoulder,
  st.start_date::text AS secretary_since,
  EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  ) AS weak
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code
  AND st.org_id = o.id
  AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code
  AND sp.id = st.person_id
WHERE
  o.id = $1;

-- currentOrgOf
SELECT
  o.county_code,
  o.id,
  o.region_code,
  r.name AS region_name,
  pr.name AS parent_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  o.dissolved_on::text AS dissolved_on,
  o.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
  )::int AS members,
  (
    SELECT
      count(*)
    FROM
      party_member m
    WHERE
      m.county_code = o.county_code
      AND m.org_id = o.id
      AND m.left_on IS NULL
      AND m.wealth_leader
  )::int AS wealth_leaders,
  sp.name AS secretary_name,
  st.person_id AS secretary_person_id,
  st.one_shoulder,
  st.start_date::text AS secretary_since,
  EXISTS (
    SELECT
      1
    FROM
      procedure_case c
    WHERE
      c.county_code = o.county_code
      AND c.procedure = 'party_rectification'
      AND c.region_code = o.region_code
      AND c.state IN ('identified', 'planned', 'rectifying')
  ) AS weak
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN region pr ON pr.code = r.parent_code
  LEFT JOIN party_secretary_term st ON st.county_code = o.county_code
  AND st.org_id = o.id
  AND st.end_date IS NULL
  LEFT JOIN person sp ON sp.county_code = st.county_code
  AND sp.id = st.person_id
WHERE
  o.county_code = $1
  AND o.region_code = $2
  AND o.dissolved_on IS NULL;

-- lockOrg
SELECT
  id,
  updated_at::text AS updated_at,
  dissolved_on::text AS dissolved_on
FROM
  party_org
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- insertOrg
INSERT INTO
  party_org (
    county_code,
    region_code,
    name,
    kind,
    established_on
  )
VALUES
  ($1, $2, $3, $4, $5)
RETURNING
  id;

-- updateOrg
UPDATE party_org
SET
  name = $1,
  kind = $2,
  established_on = $3,
  updated_at = statement_timestamp()
WHERE
  county_code = $4
  AND id = $5;

-- dissolveOrg
UPDATE party_org
SET
  dissolved_on = $1,
  updated_at = statement_timestamp()
WHERE
  county_code = $2
  AND id = $3;

-- secretaryTerms
SELECT
  t.id,
  t.person_id,
  p.name,
  p.id_masked,
  p.gender,
  extract(
    YEAR
    FROM
      p.birth_date
  )::int AS birth_year,
  t.one_shoulder,
  t.start_date::text AS start_date,
  t.end_date::text AS end_date,
  t.end_reason,
  t.end_note
FROM
  party_secretary_term t
  JOIN person p ON p.county_code = t.county_code
  AND p.id = t.person_id
WHERE
  t.county_code = $1
  AND t.org_id = $2
ORDER BY
  t.end_date IS NULL DESC,
  t.start_date DESC,
  t.id DESC;

-- currentTerm
SELECT
  id,
  person_id,
  start_date::text AS start_date
FROM
  party_secretary_term
WHERE
  county_code = $1
  AND org_id = $2
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
  ($1, $2, $3, $4, $5)
RETURNING
  id;

-- endTerm
UPDATE party_secretary_term
SET
  end_date = $1,
  end_reason = $2,
  end_note = $3
WHERE
  county_code = $4
  AND id = $5;

-- touchOrg
UPDATE party_org
SET
  updated_at = statement_timestamp()
WHERE
  county_code = $1
  AND id = $2;

-- regionOf
SELECT
  code,
  name,
  level
FROM
  region
WHERE
  code = $1;
