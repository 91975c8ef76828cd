-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- villagesNamed
SELECT
  code
FROM
  region
WHERE
  level = 5
  AND code LIKE $1
  AND "name" LIKE $2
ORDER BY
  code
LIMIT
  $3;

-- matchedMembers: by name
SELECT DISTINCT
  ON (m.county_code, m.household_id) m.county_code,
  m.household_id,
  p.name,
  m.relation,
  $1::text AS via
FROM
  unnest($2::TEXT[], $3::BIGINT[]) AS k (county_code, id)
  JOIN household_member m ON m.county_code = k.county_code
  AND m.household_id = k.id
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  "p"."name" LIKE $4
  AND "m"."county_code" = $5
  AND "p"."county_code" = $6
ORDER BY
  m.county_code,
  m.household_id,
  (m.relation = 'head') DESC,
  p.id;

-- matchedMembers: by pinyin
SELECT DISTINCT
  ON (m.county_code, m.household_id) m.county_code,
  m.household_id,
  p.name,
  m.relation,
  CASE
    WHEN "p"."name_pinyin" LIKE $1 THEN 'pinyin'
    ELSE 'initials'
  END AS via
FROM
  unnest($2::TEXT[], $3::BIGINT[]) AS k (county_code, id)
  JOIN household_member m ON m.county_code = k.county_code
  AND m.household_id = k.id
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  (
    "p"."name_pinyin" LIKE $4
    OR "p"."name_initials" LIKE $5
  )
  AND "m"."county_code" = $6
  AND "p"."county_code" = $7
ORDER BY
  m.county_code,
  m.household_id,
  (m.relation = 'head') DESC,
  p.id;
