-- The SQL that export.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in export.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- exportPage: a county, first page
SELECT
  h.county_code,
  h.id AS household_id,
  h.village_code,
  h.household_no,
  p.name,
  p.id_cipher,
  p.id_masked,
  m.relation,
  p.gender,
  p.ethnicity,
  m.education,
  m.schooling,
  m.health,
  m.labour,
  m.work,
  m.medical_insurance,
  h.category,
  h.cause,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.status,
  h.income,
  h.helper,
  p.phone_cipher,
  p.phone_masked
FROM
  (
    SELECT
      h.county_code,
      h.id,
      h.village_code,
      h.household_no,
      h.category,
      h.cause,
      h.year_identified,
      h.planned_exit_year,
      h.exit_year,
      h.status,
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
      ) AS helper
    FROM
      household h
    WHERE
      "h"."county_code" = $4
      AND (h.county_code, h.id) > ($5, $6)
    ORDER BY
      h.county_code,
      h.id
    LIMIT
      $7
  ) h
  LEFT JOIN household_member m ON "m"."county_code" = "h"."county_code"
  AND "m"."county_code" = $8::text
  AND m.household_id = h.id
  LEFT JOIN person p ON "p"."county_code" = "m"."county_code"
  AND "p"."county_code" = $9::text
  AND p.id = m.person_id
ORDER BY
  h.county_code,
  h.id,
  (m.relation = 'head') DESC,
  p.birth_date,
  p.id;

-- exportPage: a county with a status filter, next page (exportRows walks a city county by county)
SELECT
  h.county_code,
  h.id AS household_id,
  h.village_code,
  h.household_no,
  p.name,
  p.id_cipher,
  p.id_masked,
  m.relation,
  p.gender,
  p.ethnicity,
  m.education,
  m.schooling,
  m.health,
  m.labour,
  m.work,
  m.medical_insurance,
  h.category,
  h.cause,
  h.year_identified,
  h.planned_exit_year,
  h.exit_year,
  h.status,
  h.income,
  h.helper,
  p.phone_cipher,
  p.phone_masked
FROM
  (
    SELECT
      h.county_code,
      h.id,
      h.village_code,
      h.household_no,
      h.category,
      h.cause,
      h.year_identified,
      h.planned_exit_year,
      h.exit_year,
      h.status,
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
      ) AS helper
    FROM
      household h
    WHERE
      "h"."county_code" = $4
      AND h.status = $5
      AND (h.county_code, h.id) > ($6, $7)
    ORDER BY
      h.county_code,
      h.id
    LIMIT
      $8
  ) h
  LEFT JOIN household_member m ON "m"."county_code" = "h"."county_code"
  AND "m"."county_code" = $9::text
  AND m.household_id = h.id
  LEFT JOIN person p ON "p"."county_code" = "m"."county_code"
  AND "p"."county_code" = $10::text
  AND p.id = m.person_id
ORDER BY
  h.county_code,
  h.id,
  (m.relation = 'head') DESC,
  p.birth_date,
  p.id;

-- regionsAround
SELECT
  code,
  name,
  parent_code
FROM
  region
WHERE
  code LIKE $1
  OR $2 LIKE code || '%';
