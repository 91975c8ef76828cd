-- The SQL that list.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in list.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- listHouseholds: a county, first page (prepared)
SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  (
    SELECT
      h.county_code,
      h.id
    FROM
      household h
    WHERE
      "h"."county_code" = $5
    ORDER BY
      h.county_code,
      h.id
    LIMIT
      $6
  ) k
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  h.county_code,
  h.id;

-- listHouseholds: a village, status filter, next page in the county
SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  (
    SELECT
      h.county_code,
      h.id
    FROM
      household h
    WHERE
      "h"."county_code" = $5
      AND h.village_code LIKE $6
      AND h.status = $7
      AND "h"."id" > $8
    ORDER BY
      h.county_code,
      h.id
    LIMIT
      $9
  ) k
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $10::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $11
ORDER BY
  h.county_code,
  h.id;

-- listHouseholds: a city, cause and category, next page across counties
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" BETWEEN $1 AND $2
  AND h.cause = $3
  AND h.category = $4
  AND ("h"."county_code", "h"."id") > ($5, $6)
ORDER BY
  h.county_code,
  h.id
LIMIT
  $7;

-- listHouseholds: gap: no helper
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" BETWEEN $1 AND $2
  AND h.status IN ('poor', 'returned')
  AND NOT EXISTS (
    SELECT
      1
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND hp.household_id = "h"."id"
      AND hp.end_date IS NULL
  )
ORDER BY
  h.county_code,
  h.id
LIMIT
  $3;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: gap: no project
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.status IN ('poor', 'returned')
  AND NOT EXISTS (
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
ORDER BY
  h.county_code,
  h.id
LIMIT
  $3;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: gap: no deadline
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.status IN ('poor', 'returned')
  AND h.planned_exit_year IS NULL
ORDER BY
  h.county_code,
  h.id
LIMIT
  $2;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: gap: deadline passed
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.status IN ('poor', 'returned')
  AND h.planned_exit_year < $2
ORDER BY
  h.county_code,
  h.id
LIMIT
  $3;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: search only, by name, in a county (keys from the members)
SELECT DISTINCT
  m.county_code,
  m.household_id AS id
FROM
  household_member m
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  "m"."county_code" = $1
  AND "p"."name" LIKE $2
ORDER BY
  m.county_code,
  m.household_id
LIMIT
  $3;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: search only, by pinyin, in a city, next page
SELECT DISTINCT
  m.county_code,
  m.household_id AS id
FROM
  household_member m
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  "m"."county_code" BETWEEN $1 AND $2
  AND (
    "p"."name_pinyin" LIKE $3
    OR "p"."name_initials" LIKE $4
  )
  AND ("m"."county_code", "m"."household_id") > ($5, $6)
ORDER BY
  m.county_code,
  m.household_id
LIMIT
  $7;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: search by ID hash with a status filter (EXISTS on the members)
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.village_code LIKE $2
  AND h.status = $3
  AND EXISTS (
    SELECT
      1
    FROM
      household_member m
      JOIN person p ON p.county_code = m.county_code
      AND p.id = m.person_id
    WHERE
      "m"."county_code" = "h"."county_code"
      AND "m"."county_code" = $4::text
      AND m.household_id = h.id
      AND p.id_hash = $5
  )
ORDER BY
  h.county_code,
  h.id
LIMIT
  $6;

-- listHouseholds: several statuses, planned exit year, income band
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.status IN ($2, $3)
  AND h.planned_exit_year = $4
  AND EXISTS (
    SELECT
      1
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $5::text
      AND i.household_id = h.id
      AND i.year = $6
      AND i.per_capita >= $7
      AND i.per_capita < $8
  )
ORDER BY
  h.county_code,
  h.id
LIMIT
  $9;

-- listHouseholds: no planned exit year, by household number
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.planned_exit_year IS NULL
  AND "h"."household_no" LIKE $2
ORDER BY
  h.county_code,
  h.id
LIMIT
  $3;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: search by a village name or the last four ID characters
SELECT
  county_code,
  id
FROM
  (
    (
      SELECT DISTINCT
        m.county_code,
        m.household_id AS id
      FROM
        household_member m
        JOIN person p ON p.county_code = m.county_code
        AND p.id = m.person_id
      WHERE
        "m"."county_code" = $1
        AND p.id_tail_hash = $2
      ORDER BY
        m.county_code,
        m.household_id
      LIMIT
        $3
    )
    UNION
    (
      SELECT
        h.county_code,
        h.id
      FROM
        household h
      WHERE
        "h"."county_code" = $4
        AND h.village_code IN ($5)
      ORDER BY
        h.county_code,
        h.id
      LIMIT
        $6
    )
  ) k
ORDER BY
  county_code,
  id
LIMIT
  $7;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- listHouseholds: the province, walked from the first county holding households (one county, then the counties after it)
SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" = $1
  AND h.status = $2
ORDER BY
  h.county_code,
  h.id
LIMIT
  $3;

SELECT
  h.county_code,
  h.id
FROM
  household h
WHERE
  "h"."county_code" BETWEEN $1 AND $2
  AND h.status = $3
  AND ("h"."county_code", "h"."id") > ($4, $5)
ORDER BY
  h.county_code,
  h.id
LIMIT
  $6;

SELECT
  h.id,
  h.county_code,
  h.household_no,
  h.village_code,
  p.name AS head_name,
  p.id_masked AS head_id_masked,
  h.member_count,
  h.category,
  h.cause,
  h.status,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  (
    SELECT
      per_capita
    FROM
      household_income i
    WHERE
      "i"."county_code" = "h"."county_code"
      AND "i"."county_code" = $1::text
      AND i.household_id = h.id
      AND i.year = $2
  ) AS income,
  (
    SELECT
      helper_name
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND "hp"."county_code" = $3::text
      AND hp.household_id = h.id
      AND hp.end_date IS NULL
    ORDER BY
      hp.start_date DESC,
      hp.id DESC
    LIMIT
      1
  ) AS helper_name,
  EXISTS (
    SELECT
      1
    FROM
      household_project pr
    WHERE
      "pr"."county_code" = "h"."county_code"
      AND "pr"."county_code" = $4::text
      AND pr.household_id = "h"."id"
      AND pr.state <> 'cancelled'
  ) AS has_project
FROM
  unnest($5::TEXT[], $6::BIGINT[]) WITH ORDINALITY AS k (county_code, id, n)
  JOIN household h ON h.county_code = k.county_code
  AND h.id = k.id
  LEFT JOIN person p ON "p"."county_code" = "h"."county_code"
  AND "p"."county_code" = $7::text
  AND p.id = h.head_person_id
WHERE
  "h"."county_code" = $8
ORDER BY
  k.n;

-- householdCounties
SELECT DISTINCT
  county_code
FROM
  household;

-- estimateHouseholds
EXPLAIN (FORMAT JSON)
SELECT
  1
FROM
  household h
WHERE
  "h"."county_code" BETWEEN $1 AND $2
  AND h.status IN ('poor', 'returned')
  AND NOT EXISTS (
    SELECT
      1
    FROM
      help_pairing hp
    WHERE
      "hp"."county_code" = "h"."county_code"
      AND hp.household_id = "h"."id"
      AND hp.end_date IS NULL
  );

-- countHouseholds: a city, every row (Citus)
SELECT
  count(*) AS n
FROM
  household h
WHERE
  "h"."county_code" BETWEEN $1 AND $2;

-- countHouseholds: a county
SELECT
  count(*) AS n
FROM
  (
    SELECT
      1
    FROM
      household h
    WHERE
      "h"."county_code" = $1
    LIMIT
      $2
  ) x;

-- countHouseholds: a city with a gap
SELECT
  count(*) AS n
FROM
  (
    SELECT
      1
    FROM
      household h
    WHERE
      "h"."county_code" BETWEEN $1 AND $2
      AND h.status IN ('poor', 'returned')
      AND NOT EXISTS (
        SELECT
          1
        FROM
          help_pairing hp
        WHERE
          "hp"."county_code" = "h"."county_code"
          AND hp.household_id = "h"."id"
          AND hp.end_date IS NULL
      )
    LIMIT
      $3
  ) x;
