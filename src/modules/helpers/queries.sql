-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateHelper
SELECT
  county_code
FROM
  helper
WHERE
  id = $1;

-- listHelpers: a county, first page
SELECT
  h.county_code,
  h.id,
  h.person_id,
  h.name,
  h.work_unit,
  h.phone_masked,
  p.id_masked,
  (
    SELECT
      count(*)
    FROM
      help_pairing hp
    WHERE
      hp.county_code = h.county_code
      AND hp.helper_id = h.id
      AND hp.end_date IS NULL
  )::int AS households,
  (
    SELECT
      cp.id
    FROM
      cadre c
      JOIN cadre_posting cp ON cp.county_code = c.county_code
      AND cp.cadre_id = c.id
    WHERE
      c.county_code = h.county_code
      AND c.person_id = h.person_id
      AND cp.end_date IS NULL
    ORDER BY
      cp.start_date DESC,
      cp.id DESC
    LIMIT
      1
  ) AS cadre_posting_id
FROM
  helper h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.person_id
WHERE
  h.county_code LIKE $1
ORDER BY
  h.county_code,
  h.id
LIMIT
  $2;

-- listHelpers: a city, a name prefix, after a cursor
SELECT
  h.county_code,
  h.id,
  h.person_id,
  h.name,
  h.work_unit,
  h.phone_masked,
  p.id_masked,
  (
    SELECT
      count(*)
    FROM
      help_pairing hp
    WHERE
      hp.county_code = h.county_code
      AND hp.helper_id = h.id
      AND hp.end_date IS NULL
  )::int AS households,
  (
    SELECT
      cp.id
    FROM
      cadre c
      JOIN cadre_posting cp ON cp.county_code = c.county_code
      AND cp.cadre_id = c.id
    WHERE
      c.county_code = h.county_code
      AND c.person_id = h.person_id
      AND cp.end_date IS NULL
    ORDER BY
      cp.start_date DESC,
      cp.id DESC
    LIMIT
      1
  ) AS cadre_posting_id
FROM
  helper h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.person_id
WHERE
  h.county_code LIKE $1
  AND h.name LIKE $2
  AND (h.county_code, h.id) > ($3, $4)
ORDER BY
  h.county_code,
  h.id
LIMIT
  $5;

-- listHelpers: a township: its county
SELECT
  h.county_code,
  h.id,
  h.person_id,
  h.name,
  h.work_unit,
  h.phone_masked,
  p.id_masked,
  (
    SELECT
      count(*)
    FROM
      help_pairing hp
    WHERE
      hp.county_code = h.county_code
      AND hp.helper_id = h.id
      AND hp.end_date IS NULL
  )::int AS households,
  (
    SELECT
      cp.id
    FROM
      cadre c
      JOIN cadre_posting cp ON cp.county_code = c.county_code
      AND cp.cadre_id = c.id
    WHERE
      c.county_code = h.county_code
      AND c.person_id = h.person_id
      AND cp.end_date IS NULL
    ORDER BY
      cp.start_date DESC,
      cp.id DESC
    LIMIT
      1
  ) AS cadre_posting_id
FROM
  helper h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.person_id
WHERE
  h.county_code = $1
ORDER BY
  h.county_code,
  h.id
LIMIT
  $2;

-- helperById
SELECT
  h.county_code,
  h.id,
  h.person_id,
  h.name,
  h.work_unit,
  h.phone_masked,
  p.id_masked,
  (
    SELECT
      count(*)
    FROM
      help_pairing hp
    WHERE
      hp.county_code = h.county_code
      AND hp.helper_id = h.id
      AND hp.end_date IS NULL
  )::int AS households,
  (
    SELECT
      cp.id
    FROM
      cadre c
      JOIN cadre_posting cp ON cp.county_code = c.county_code
      AND cp.cadre_id = c.id
    WHERE
      c.county_code = h.county_code
      AND c.person_id = h.person_id
      AND cp.end_date IS NULL
    ORDER BY
      cp.start_date DESC,
      cp.id DESC
    LIMIT
      1
  ) AS cadre_posting_id,
  h.phone_cipher,
  h.phone_hash
FROM
  helper h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.person_id
WHERE
  h.id = $1;

-- lockHelper
SELECT
  id,
  name
FROM
  helper
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- helperPairings
SELECT
  hp.id AS pairing_id,
  hh.id AS household_id,
  hh.household_no,
  hh.village_code,
  r.name AS village_name,
  p.name AS head_name,
  hh.status,
  hp.start_date,
  hp.end_date
FROM
  help_pairing hp
  JOIN household hh ON hh.county_code = hp.county_code
  AND hh.id = hp.household_id
  JOIN region r ON r.code = hh.village_code
  LEFT JOIN person p ON p.county_code = hh.county_code
  AND p.id = hh.head_person_id
WHERE
  hp.county_code = $1
  AND hp.helper_id = $2
ORDER BY
  hp.end_date IS NOT NULL,
  hp.end_date DESC,
  hp.start_date DESC,
  hp.id DESC
LIMIT
  $3;

-- sameHelper
SELECT
  id
FROM
  helper
WHERE
  county_code = $1
  AND name = $2
  AND phone_hash IS NOT DISTINCT FROM $3
  AND (
    $4::bigint IS NULL
    OR id <> $5::bigint
  )
LIMIT
  1;

-- helperOfPerson
SELECT
  id
FROM
  helper
WHERE
  county_code = $1
  AND person_id = $2;

-- insertHelper
INSERT INTO
  helper (
    county_code,
    person_id,
    name,
    work_unit,
    phone_cipher,
    phone_masked,
    phone_hash
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7)
RETURNING
  id;

-- updateHelper
UPDATE helper
SET
  person_id = $1,
  name = $2,
  work_unit = $3,
  phone_cipher = $4,
  phone_masked = $5,
  phone_hash = $6,
  updated_at = now()
WHERE
  county_code = $7
  AND id = $8;

UPDATE help_pairing
SET
  helper_name = $1
WHERE
  county_code = $2
  AND helper_id = $3
  AND helper_name IS DISTINCT FROM $4;

-- householdsInRegion
SELECT
  county_code,
  id
FROM
  household
WHERE
  id = ANY ($1::BIGINT[])
  AND village_code LIKE $2;

SELECT
  id
FROM
  "household"
WHERE
  county_code = $1
  AND id = ANY ($2::BIGINT[])
ORDER BY
  id
FOR UPDATE;

SELECT
  h.county_code,
  h.id,
  h.village_code,
  cur.helper_id AS current_helper_id,
  cur.helper_name AS current_helper_name
FROM
  household h
  LEFT JOIN LATERAL (
    SELECT
      hp.helper_id,
      hp.helper_name
    FROM
      help_pairing hp
    WHERE
      hp.county_code = h.county_code
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) cur ON TRUE
WHERE
  h.id = ANY ($1::BIGINT[])
  AND h.village_code LIKE $2
ORDER BY
  h.county_code,
  h.id;

-- endPairings
UPDATE help_pairing
SET
  end_date = $1::date
WHERE
  county_code = $2
  AND household_id = ANY ($3::BIGINT[])
  AND end_date IS NULL
  AND helper_id <> $4;

-- insertPairings
INSERT INTO
  help_pairing (
    county_code,
    household_id,
    helper_id,
    helper_name,
    start_date
  )
SELECT
  $1,
  u.id,
  $2,
  $3,
  $4::date
FROM
  unnest($5::BIGINT[]) AS u (id);

-- helpersWithoutPhoneHash
SELECT
  county_code,
  id,
  phone_cipher
FROM
  helper
WHERE
  phone_cipher IS NOT NULL
  AND phone_hash IS NULL
ORDER BY
  county_code,
  id
LIMIT
  $1;

-- setPhoneHashes
UPDATE helper h
SET
  phone_hash = u.hash
FROM
  unnest($1::TEXT[], $2::BIGINT[], $3::TEXT[]) AS u (county_code, id, hash)
WHERE
  h.county_code = u.county_code
  AND h.id = u.id;
