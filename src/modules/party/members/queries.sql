-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateMember
SELECT
  o.region_code
FROM
  party_member m
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
WHERE
  m.id = $1;

-- locatePairing
SELECT
  h.village_code
FROM
  party_pairing pp
  JOIN household h ON h.county_code = pp.county_code
  AND h.id = pp.household_id
WHERE
  pp.id = $1;

-- listMembers: a county, first page
SELECT
  m.county_code,
  m.id,
  m.org_id,
  o.name AS org_name,
  o.region_code,
  r.name AS region_name,
  m.person_id,
  p.name,
  p.id_masked,
  p.gender,
  extract(
    YEAR
    FROM
      p.birth_date
  )::int AS birth_year,
  p.phone_masked,
  m.joined_on::text AS joined_on,
  m.standing,
  m.post,
  m.duty,
  m.wealth_leader,
  m.wealth_industry,
  m.left_on::text AS left_on,
  m.left_reason,
  m.left_note,
  m.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_pairing pp
    WHERE
      pp.county_code = m.county_code
      AND pp.member_id = m.id
      AND pp.end_date IS NULL
  )::int AS pairings
FROM
  (
    SELECT
      k.county_code,
      k.id
    FROM
      party_member k
    WHERE
      k.left_on IS NULL
      AND k.county_code = $1
    ORDER BY
      k.county_code,
      k.org_id,
      k.id
    LIMIT
      51
  ) page
  JOIN party_member m ON m.county_code = page.county_code
  AND m.id = page.id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
ORDER BY
  m.county_code,
  m.org_id,
  m.id;

-- listMembers: an organisation, wealth leaders by name, after a cursor
SELECT
  m.county_code,
  m.id,
  m.org_id,
  o.name AS org_name,
  o.region_code,
  r.name AS region_name,
  m.person_id,
  p.name,
  p.id_masked,
  p.gender,
  extract(
    YEAR
    FROM
      p.birth_date
  )::int AS birth_year,
  p.phone_masked,
  m.joined_on::text AS joined_on,
  m.standing,
  m.post,
  m.duty,
  m.wealth_leader,
  m.wealth_industry,
  m.left_on::text AS left_on,
  m.left_reason,
  m.left_note,
  m.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_pairing pp
    WHERE
      pp.county_code = m.county_code
      AND pp.member_id = m.id
      AND pp.end_date IS NULL
  )::int AS pairings
FROM
  (
    SELECT
      k.county_code,
      k.id
    FROM
      party_member k
    WHERE
      k.left_on IS NULL
      AND k.county_code = $1
      AND k.org_id = $2
      AND k.wealth_leader
      AND (k.county_code, k.org_id, k.id) > ($3, $4, $5)
      AND k.name LIKE $6
    ORDER BY
      k.county_code,
      k.org_id,
      k.id
    LIMIT
      51
  ) page
  JOIN party_member m ON m.county_code = page.county_code
  AND m.id = page.id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
ORDER BY
  m.county_code,
  m.org_id,
  m.id;

-- listMembers: a city, members who left
SELECT
  m.county_code,
  m.id,
  m.org_id,
  o.name AS org_name,
  o.region_code,
  r.name AS region_name,
  m.person_id,
  p.name,
  p.id_masked,
  p.gender,
  extract(
    YEAR
    FROM
      p.birth_date
  )::int AS birth_year,
  p.phone_masked,
  m.joined_on::text AS joined_on,
  m.standing,
  m.post,
  m.duty,
  m.wealth_leader,
  m.wealth_industry,
  m.left_on::text AS left_on,
  m.left_reason,
  m.left_note,
  m.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_pairing pp
    WHERE
      pp.county_code = m.county_code
      AND pp.member_id = m.id
      AND pp.end_date IS NULL
  )::int AS pairings
FROM
  (
    SELECT
      k.county_code,
      k.id
    FROM
      party_member k
    WHERE
      k.left_on IS NOT NULL
      AND k.county_code LIKE '2113%'
    ORDER BY
      k.county_code,
      k.org_id,
      k.id
    LIMIT
      51
  ) page
  JOIN party_member m ON m.county_code = page.county_code
  AND m.id = page.id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
ORDER BY
  m.county_code,
  m.org_id,
  m.id;

-- memberById
SELECT
  m.county_code,
  m.id,
  m.org_id,
  o.name AS org_name,
  o.region_code,
  r.name AS region_name,
  m.person_id,
  p.name,
  p.id_masked,
  p.gender,
  extract(
    YEAR
    FROM
      p.birth_date
  )::int AS birth_year,
  p.phone_masked,
  m.joined_on::text AS joined_on,
  m.standing,
  m.post,
  m.duty,
  m.wealth_leader,
  m.wealth_industry,
  m.left_on::text AS left_on,
  m.left_reason,
  m.left_note,
  m.updated_at::text AS updated_at,
  (
    SELECT
      count(*)
    FROM
      party_pairing pp
    WHERE
      pp.county_code = m.county_code
      AND pp.member_id = m.id
      AND pp.end_date IS NULL
  )::int AS pairings
FROM
  party_member m
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  m.id = $1;

-- currentMembership
SELECT
  m.id,
  o.name AS org_name
FROM
  party_member m
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
WHERE
  m.county_code = $1
  AND m.person_id = $2
  AND m.left_on IS NULL;

-- lockMember
SELECT
  id,
  updated_at::text AS updated_at,
  left_on::text AS left_on
FROM
  party_member
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- insertMember
INSERT INTO
  party_member (
    county_code,
    org_id,
    person_id,
    joined_on,
    standing,
    post,
    duty,
    wealth_leader,
    wealth_industry
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING
  id;

-- updateMember
UPDATE party_member
SET
  standing = $1,
  post = $2,
  duty = $3,
  wealth_leader = $4,
  wealth_industry = $5,
  updated_at = statement_timestamp()
WHERE
  county_code = $6
  AND id = $7;

-- endMember
UPDATE party_member
SET
  left_on = $1,
  left_reason = $2,
  left_note = $3,
  updated_at = statement_timestamp()
WHERE
  county_code = $4
  AND id = $5;

-- endPairingsOfMember
UPDATE party_pairing
SET
  end_date = greatest(start_date, $1::date)
WHERE
  county_code = $2
  AND member_id = $3
  AND end_date IS NULL;

-- movePairings
WITH
  ended AS (
    UPDATE party_pairing
    SET
      end_date = greatest(start_date, $1::date)
    WHERE
      county_code = $2
      AND member_id = $3
      AND end_date IS NULL
    RETURNING
      household_id
  )
INSERT INTO
  party_pairing (county_code, member_id, household_id, start_date)
SELECT
  $4,
  $5,
  household_id,
  $6::date + 1
FROM
  ended;

-- pairingsOfMember
SELECT
  pp.county_code,
  pp.id,
  pp.member_id,
  p.name AS member_name,
  m.wealth_leader,
  m.wealth_industry,
  o.name AS org_name,
  pp.household_id,
  h.household_no,
  h.village_code,
  r.name AS village_name,
  hp.name AS head_name,
  h.status AS household_status,
  pp.start_date::text AS start_date,
  pp.end_date::text AS end_date
FROM
  party_pairing pp
  JOIN party_member m ON m.county_code = pp.county_code
  AND m.id = pp.member_id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
  JOIN household h ON h.county_code = pp.county_code
  AND h.id = pp.household_id
  JOIN region r ON r.code = h.village_code
  LEFT JOIN person hp ON hp.county_code = h.county_code
  AND hp.id = h.head_person_id
WHERE
  pp.county_code = $1
  AND pp.member_id = $2
ORDER BY
  pp.end_date IS NULL DESC,
  pp.start_date DESC,
  pp.id DESC;

-- pairingsOfHousehold
SELECT
  pp.county_code,
  pp.id,
  pp.member_id,
  p.name AS member_name,
  m.wealth_leader,
  m.wealth_industry,
  o.name AS org_name,
  pp.household_id,
  h.household_no,
  h.village_code,
  r.name AS village_name,
  hp.name AS head_name,
  h.status AS household_status,
  pp.start_date::text AS start_date,
  pp.end_date::text AS end_date
FROM
  party_pairing pp
  JOIN party_member m ON m.county_code = pp.county_code
  AND m.id = pp.member_id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
  JOIN household h ON h.county_code = pp.county_code
  AND h.id = pp.household_id
  JOIN region r ON r.code = h.village_code
  LEFT JOIN person hp ON hp.county_code = h.county_code
  AND hp.id = h.head_person_id
WHERE
  pp.county_code = $1
  AND pp.household_id = $2
ORDER BY
  pp.end_date IS NULL DESC,
  pp.start_date DESC,
  pp.id DESC;

-- pairingById
SELECT
  pp.county_code,
  pp.id,
  pp.member_id,
  p.name AS member_name,
  m.wealth_leader,
  m.wealth_industry,
  o.name AS org_name,
  pp.household_id,
  h.household_no,
  h.village_code,
  r.name AS village_name,
  hp.name AS head_name,
  h.status AS household_status,
  pp.start_date::text AS start_date,
  pp.end_date::text AS end_date
FROM
  party_pairing pp
  JOIN party_member m ON m.county_code = pp.county_code
  AND m.id = pp.member_id
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
  JOIN household h ON h.county_code = pp.county_code
  AND h.id = pp.household_id
  JOIN region r ON r.code = h.village_code
  LEFT JOIN person hp ON hp.county_code = h.county_code
  AND hp.id = h.head_person_id
WHERE
  pp.id = $1;

-- householdOf
SELECT
  county_code,
  village_code
FROM
  household
WHERE
  id = $1;

-- openPairing
SELECT
  id
FROM
  party_pairing
WHERE
  county_code = $1
  AND member_id = $2
  AND household_id = $3
  AND end_date IS NULL;

-- insertPairing
INSERT INTO
  party_pairing (county_code, member_id, household_id, start_date)
VALUES
  ($1, $2, $3, $4)
RETURNING
  id;

-- endPairing
UPDATE party_pairing
SET
  end_date = $1
WHERE
  county_code = $2
  AND id = $3
  AND end_date IS NULL;
