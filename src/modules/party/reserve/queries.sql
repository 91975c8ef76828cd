-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateReserve
SELECT
  "village_code"
FROM
  "party_reserve_cadre"
WHERE
  "id" = $1;

-- listReserves
SELECT
  "rc"."id",
  "rc"."county_code",
  "rc"."village_code",
  "r"."name" AS "village_name",
  "pe"."name",
  "pe"."id_masked",
  "pe"."gender",
  "rc"."since",
  "rc"."source",
  "rc"."education",
  "rc"."left_on",
  "rc"."left_reason",
  "rc"."left_note",
  (
    SELECT
      coalesce(sum("t"."hours"), $1) AS "h"
    FROM
      "party_reserve_training" AS "t"
    WHERE
      "t"."county_code" = "rc"."county_code"
      AND "t"."reserve_id" = "rc"."id"
  ) AS "hours"
FROM
  "party_reserve_cadre" AS "rc"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "rc"."county_code"
  AND "pe"."id" = "rc"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "rc"."village_code"
WHERE
  "rc"."village_code" LIKE $2
ORDER BY
  "rc"."left_on" NULLS FIRST,
  "rc"."village_code",
  "rc"."id"
LIMIT
  $3;

-- insertReserve
INSERT INTO
  "party_reserve_cadre" (
    "county_code",
    "village_code",
    "person_id",
    "since",
    "source",
    "education"
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING
RETURNING
  "id";

-- reserveById
SELECT
  *
FROM
  "party_reserve_cadre"
WHERE
  "id" = $1;

-- trainings
SELECT
  "id",
  "trained_on",
  "course",
  "hours",
  "organiser"
FROM
  "party_reserve_training"
WHERE
  "county_code" = $1
  AND "reserve_id" = $2
ORDER BY
  "trained_on" DESC,
  "id" DESC;

-- insertTraining
INSERT INTO
  "party_reserve_training" (
    "county_code",
    "reserve_id",
    "trained_on",
    "course",
    "hours",
    "organiser"
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
RETURNING
  "id";

-- lockReserve
SELECT
  "since",
  "left_on"
FROM
  "party_reserve_cadre"
WHERE
  "county_code" = $1
  AND "id" = $2
FOR UPDATE;

-- endReserve
UPDATE "party_reserve_cadre"
SET
  "left_on" = $1,
  "left_reason" = $2,
  "left_note" = $3
WHERE
  "county_code" = $4
  AND "id" = $5
  AND "left_on" IS NULL
RETURNING
  "id";
