-- The SQL that pay.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in pay.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locatePay
SELECT
  "village_code"
FROM
  "party_cadre_pay"
WHERE
  "id" = $1;

-- listPay: a county
SELECT
  "cp"."id",
  "cp"."county_code",
  "cp"."village_code",
  "r"."name" AS "village_name",
  "pe"."name",
  "pe"."id_masked",
  "cp"."post",
  "cp"."month",
  "cp"."amount_due_fen",
  "cp"."due_on",
  "cp"."paid_on",
  "cp"."version",
  (
    cp.paid_on IS NULL
    AND cp.due_on < $1::date
  )
  OR cp.paid_on > cp.due_on AS "late"
FROM
  "party_cadre_pay" AS "cp"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "cp"."county_code"
  AND "pe"."id" = "cp"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "cp"."village_code"
WHERE
  "cp"."village_code" LIKE $2
  AND "cp"."month" >= $3
  AND "cp"."month" <= $4
ORDER BY
  (
    cp.paid_on IS NULL
    AND cp.due_on < $5::date
  )
  OR cp.paid_on > cp.due_on DESC,
  "cp"."month" DESC,
  "cp"."village_code",
  "cp"."id"
LIMIT
  $6;

-- listPay: late only
SELECT
  "cp"."id",
  "cp"."county_code",
  "cp"."village_code",
  "r"."name" AS "village_name",
  "pe"."name",
  "pe"."id_masked",
  "cp"."post",
  "cp"."month",
  "cp"."amount_due_fen",
  "cp"."due_on",
  "cp"."paid_on",
  "cp"."version",
  (
    cp.paid_on IS NULL
    AND cp.due_on < $1::date
  )
  OR cp.paid_on > cp.due_on AS "late"
FROM
  "party_cadre_pay" AS "cp"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "cp"."county_code"
  AND "pe"."id" = "cp"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "cp"."village_code"
WHERE
  "cp"."village_code" LIKE $2
  AND "cp"."month" >= $3
  AND "cp"."month" <= $4
  AND (
    cp.paid_on IS NULL
    AND cp.due_on < $5::date
  )
  OR cp.paid_on > cp.due_on
ORDER BY
  (
    cp.paid_on IS NULL
    AND cp.due_on < $6::date
  )
  OR cp.paid_on > cp.due_on DESC,
  "cp"."month" DESC,
  "cp"."village_code",
  "cp"."id"
LIMIT
  $7;

-- insertPay
INSERT INTO
  "party_cadre_pay" (
    "county_code",
    "village_code",
    "person_id",
    "post",
    "month",
    "amount_due_fen",
    "due_on",
    "paid_on"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT DO NOTHING
RETURNING
  "id";

-- payById
SELECT
  *
FROM
  "party_cadre_pay"
WHERE
  "id" = $1;

-- setPaid
UPDATE "party_cadre_pay"
SET
  "paid_on" = $1,
  "version" = version + 1,
  "updated_at" = now()
WHERE
  "county_code" = $2
  AND "id" = $3
  AND "version" = $4
RETURNING
  "version";
