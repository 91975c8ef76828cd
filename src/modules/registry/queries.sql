-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- villageNames
SELECT
  v.code,
  v.name,
  t.name AS township_name
FROM
  region v
  LEFT JOIN region t ON t.code = v.parent_code
WHERE
  v.code = ANY ($1);

-- coverage
SELECT
  count(*) AS still_poor,
  count(*) FILTER (
    WHERE
      EXISTS (
        SELECT
          1
        FROM
          help_pairing hp
        WHERE
          "hp"."county_code" = "h"."county_code"
          AND "hp"."county_code" = $1::text
          AND hp.household_id = "h"."id"
          AND hp.end_date IS NULL
      )
  ) AS with_helper,
  count(*) FILTER (
    WHERE
      EXISTS (
        SELECT
          1
        FROM
          household_project pr
        WHERE
          "pr"."county_code" = "h"."county_code"
          AND "pr"."county_code" = $2::text
          AND pr.household_id = "h"."id"
          AND pr.state <> 'cancelled'
      )
  ) AS with_project,
  count(*) FILTER (
    WHERE
      h.planned_exit_year IS NOT NULL
  ) AS with_deadline,
  count(*) FILTER (
    WHERE
      h.planned_exit_year < $3
  ) AS deadline_passed
FROM
  household h
WHERE
  "h"."county_code" = $4
  AND h.status IN ('poor', 'returned');

-- householdById
SELECT
  *
FROM
  household h
WHERE
  h.id = $1;

-- members
SELECT
  p.id AS person_id,
  p.name,
  p.id_masked,
  p.gender,
  p.birth_date,
  p.ethnicity,
  p.phone_masked,
  m.relation,
  m.education,
  m.schooling,
  m.health,
  m.labour,
  m.work,
  m.medical_insurance
FROM
  household_member m
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  m.county_code = $1
  AND m.household_id = $2
ORDER BY
  (m.relation = 'head') DESC,
  p.birth_date;

-- locateHousehold
SELECT
  village_code
FROM
  household
WHERE
  id = $1;

-- locatePerson
SELECT
  coalesce(h.village_code, p.county_code) AS code
FROM
  person p
  LEFT JOIN household_member m ON m.county_code = p.county_code
  AND m.person_id = p.id
  LEFT JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
WHERE
  p.id = $1;

-- locatePoorVillage
SELECT
  village_code
FROM
  poor_village
WHERE
  county_code = $1
  AND village_code = $2;

-- locateImport
SELECT
  scope_code
FROM
  import_batch
WHERE
  id = $1
  AND kind = $2;

-- anyHousehold
SELECT
  1 AS x
FROM
  household
LIMIT
  1;

-- recentImports
SELECT
  *
FROM
  "import_batch"
WHERE
  "kind" = $1
  AND "scope_code" LIKE $2
  AND filename !~ '^(form|edit:[0-9]+)$'
ORDER BY
  "id" DESC
LIMIT
  $3;

-- householdIdsOfVillage
SELECT
  h.id
FROM
  household h
WHERE
  h.county_code = $1
  AND h.village_code = $2
ORDER BY
  h.household_no,
  h.id;

-- countPersons
SELECT
  count(*) AS n
FROM
  household h
  JOIN household_member m ON m.county_code = h.county_code
  AND m.household_id = h.id
WHERE
  "h"."county_code" = $1
  AND h.status = $2;
