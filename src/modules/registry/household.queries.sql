-- The SQL that household.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in household.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- incomes
SELECT
  "year",
  "per_capita",
  "wages",
  "business",
  "business_costs",
  "property",
  "transfers",
  "persons"
FROM
  "household_income"
WHERE
  "county_code" = $1
  AND "household_id" = $2
ORDER BY
  "year";

-- statusHistory
SELECT
  "status",
  "previous_status",
  "changed_on",
  "reason"
FROM
  "household_status_history"
WHERE
  "county_code" = $1
  AND "household_id" = $2
ORDER BY
  "id";

-- pairings
SELECT
  "hp"."id",
  "hp"."helper_id",
  "he"."name" AS "helper_name",
  "he"."work_unit",
  coalesce(he.phone_masked, hp.helper_phone_masked) AS "helper_phone_masked",
  "hp"."start_date",
  "hp"."end_date"
FROM
  "help_pairing" AS "hp"
  INNER JOIN "helper" AS "he" ON "he"."county_code" = "hp"."county_code"
  AND "he"."id" = "hp"."helper_id"
WHERE
  "hp"."county_code" = $1
  AND "hp"."household_id" = $2
ORDER BY
  "hp"."id";

-- visits
SELECT
  v.id,
  to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date,
  pe.name AS cadre_name,
  v.note
FROM
  cadre_visit v
  JOIN cadre_posting p ON p.county_code = v.county_code
  AND p.id = v.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
WHERE
  v.county_code = $1
  AND v.household_id = $2
ORDER BY
  v.visit_date DESC,
  v.id DESC
LIMIT
  200;

-- projects: by year (the page)
SELECT
  "id",
  "type",
  "year",
  "amount",
  "state"
FROM
  "household_project"
WHERE
  "county_code" = $1
  AND "household_id" = $2
ORDER BY
  "year";

-- projects: as entered (the form)
SELECT
  "id",
  "type",
  "year",
  "amount",
  "state"
FROM
  "household_project"
WHERE
  "county_code" = $1
  AND "household_id" = $2
ORDER BY
  "id";

-- householdGuarantees
SELECT
  "county_code",
  "id",
  "village_code",
  "guarantee_food",
  "guarantee_clothing",
  "guarantee_education",
  "guarantee_medical",
  "guarantee_housing"
FROM
  "household"
WHERE
  "county_code" = $1
  AND "household_no" = $2;

-- setGuarantees
UPDATE "household"
SET
  "guarantee_food" = $1,
  "guarantee_clothing" = $2,
  "guarantee_education" = $3,
  "guarantee_medical" = $4,
  "guarantee_housing" = $5,
  "updated_at" = $6
WHERE
  "county_code" = $7
  AND "id" = $8;

-- deleteIncomes
DELETE FROM "household_income"
WHERE
  "county_code" = $1
  AND "household_id" = $2
  AND "year" IN ($3, $4);

-- upsertIncome
INSERT INTO
  "household_income" (
    "county_code",
    "household_id",
    "year",
    "per_capita",
    "wages",
    "business",
    "business_costs",
    "property",
    "transfers",
    "persons"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT ("county_code", "household_id", "year") DO UPDATE
SET
  "per_capita" = $11,
  "wages" = $12,
  "business" = $13,
  "business_costs" = $14,
  "property" = $15,
  "transfers" = $16,
  "persons" = $17;

-- insertProject
INSERT INTO
  "household_project" (
    "county_code",
    "household_id",
    "type",
    "year",
    "amount",
    "state"
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
RETURNING
  "id";

-- updateProject
UPDATE "household_project"
SET
  "type" = $1,
  "year" = $2,
  "amount" = $3,
  "state" = $4
WHERE
  "county_code" = $5
  AND "id" = $6;

-- deleteProjects
DELETE FROM "household_project"
WHERE
  "county_code" = $1
  AND "household_id" = $2
  AND "id" IN ($3, $4);

-- currentPairing
SELECT
  "id",
  "helper_id",
  "helper_phone_masked",
  "helper_phone_cipher"
FROM
  "help_pairing"
WHERE
  "county_code" = $1
  AND "household_id" = $2
  AND "end_date" IS NULL
ORDER BY
  "start_date" DESC,
  "id" DESC;

-- setHelperPhone
UPDATE "help_pairing"
SET
  "helper_phone_cipher" = $1,
  "helper_phone_masked" = $2
WHERE
  "county_code" = $3
  AND "id" = $4;

UPDATE "helper"
SET
  "phone_cipher" = $1,
  "phone_masked" = $2,
  "phone_hash" = $3,
  "updated_at" = now()
WHERE
  "county_code" = $4
  AND "id" = $5;

-- placeOfVillage
SELECT
  v.name AS village,
  t.name AS township,
  c.name AS county
FROM
  region v
  JOIN region t ON t.code = v.parent_code
  JOIN region c ON c.code = t.parent_code
WHERE
  v.code = $1;

-- personIdentity
SELECT
  "id",
  "name",
  "id_cipher",
  "id_masked"
FROM
  "person"
WHERE
  "id" = $1;

-- householdKey
SELECT
  "county_code",
  "household_no"
FROM
  "household"
WHERE
  "id" = $1;

-- memberIdCipher
SELECT
  "p"."id_cipher"
FROM
  "household_member" AS "hm"
  INNER JOIN "person" AS "p" ON "p"."county_code" = "hm"."county_code"
  AND "p"."id" = "hm"."person_id"
WHERE
  "hm"."county_code" = $1
  AND "hm"."household_id" = $2
  AND "hm"."person_id" = $3;

-- householdByNumber
SELECT
  "id",
  "village_code"
FROM
  "household"
WHERE
  "county_code" = $1
  AND "household_no" = $2;

-- poorVillages: all
SELECT
  pv.village_code,
  v.name AS village_name,
  t.name AS township_name,
  c.name AS county_name,
  pv.year_listed,
  pv.planned_exit_year,
  pv.exit_year,
  pv.rural_population,
  (
    SELECT
      count(*)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
  ) AS households,
  (
    SELECT
      coalesce(sum(h.member_count), 0)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
      AND h.status IN ('poor', 'returned')
  ) AS poor_persons
FROM
  poor_village pv
  JOIN region v ON v.code = pv.village_code
  JOIN region t ON t.code = v.parent_code
  JOIN region c ON c.code = t.parent_code
WHERE
  pv.village_code LIKE $1
ORDER BY
  pv.village_code
LIMIT
  5000;

-- poorVillages: exited
SELECT
  pv.village_code,
  v.name AS village_name,
  t.name AS township_name,
  c.name AS county_name,
  pv.year_listed,
  pv.planned_exit_year,
  pv.exit_year,
  pv.rural_population,
  (
    SELECT
      count(*)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
  ) AS households,
  (
    SELECT
      coalesce(sum(h.member_count), 0)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
      AND h.status IN ('poor', 'returned')
  ) AS poor_persons
FROM
  poor_village pv
  JOIN region v ON v.code = pv.village_code
  JOIN region t ON t.code = v.parent_code
  JOIN region c ON c.code = t.parent_code
WHERE
  pv.village_code LIKE $1
  AND pv.exit_year IS NOT NULL
ORDER BY
  pv.village_code
LIMIT
  5000;

-- poorVillages: not exited
SELECT
  pv.village_code,
  v.name AS village_name,
  t.name AS township_name,
  c.name AS county_name,
  pv.year_listed,
  pv.planned_exit_year,
  pv.exit_year,
  pv.rural_population,
  (
    SELECT
      count(*)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
  ) AS households,
  (
    SELECT
      coalesce(sum(h.member_count), 0)
    FROM
      household h
    WHERE
      h.county_code = pv.county_code
      AND h.village_code = pv.village_code
      AND h.status IN ('poor', 'returned')
  ) AS poor_persons
FROM
  poor_village pv
  JOIN region v ON v.code = pv.village_code
  JOIN region t ON t.code = v.parent_code
  JOIN region c ON c.code = t.parent_code
WHERE
  pv.village_code LIKE $1
  AND pv.exit_year IS NULL
ORDER BY
  pv.village_code
LIMIT
  5000;
