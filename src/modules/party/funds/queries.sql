-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locatePayment
SELECT
  "village_code"
FROM
  "party_fund_payment"
WHERE
  "id" = $1;

-- listPayments: a county, first page
SELECT
  "p"."county_code",
  "p"."id",
  "p"."village_code",
  "r"."name" AS "village_name",
  "p"."paid_on",
  "p"."amount_fen",
  "p"."purpose",
  "p"."source",
  "p"."note",
  "p"."batch_id",
  "p"."version",
  "p"."reverses_id",
  "p"."corrects_id",
  "p"."corrected_on",
  "p"."correction_reason",
  (
    SELECT
      x.id
    FROM
      party_fund_payment x
    WHERE
      x.county_code = p.county_code
      AND x.reverses_id = p.id
  ) AS "reversed_by"
FROM
  "party_fund_payment" AS "p"
  INNER JOIN "region" AS "r" ON "r"."code" = "p"."village_code"
WHERE
  "p"."village_code" LIKE $1
  AND "p"."paid_on" >= $2
  AND "p"."paid_on" <= $3
ORDER BY
  "p"."paid_on" DESC,
  "p"."id" DESC
LIMIT
  $4;

-- listPayments: after a cursor
SELECT
  "p"."county_code",
  "p"."id",
  "p"."village_code",
  "r"."name" AS "village_name",
  "p"."paid_on",
  "p"."amount_fen",
  "p"."purpose",
  "p"."source",
  "p"."note",
  "p"."batch_id",
  "p"."version",
  "p"."reverses_id",
  "p"."corrects_id",
  "p"."corrected_on",
  "p"."correction_reason",
  (
    SELECT
      x.id
    FROM
      party_fund_payment x
    WHERE
      x.county_code = p.county_code
      AND x.reverses_id = p.id
  ) AS "reversed_by"
FROM
  "party_fund_payment" AS "p"
  INNER JOIN "region" AS "r" ON "r"."code" = "p"."village_code"
WHERE
  "p"."village_code" LIKE $1
  AND "p"."paid_on" >= $2
  AND "p"."paid_on" <= $3
  AND (
    "p"."paid_on" < $4
    OR (
      "p"."paid_on" = $5
      AND "p"."id" < $6
    )
  )
ORDER BY
  "p"."paid_on" DESC,
  "p"."id" DESC
LIMIT
  $7;

-- paymentById
SELECT
  "p"."county_code",
  "p"."id",
  "p"."village_code",
  "r"."name" AS "village_name",
  "p"."paid_on",
  "p"."amount_fen",
  "p"."purpose",
  "p"."source",
  "p"."note",
  "p"."batch_id",
  "p"."version",
  "p"."reverses_id",
  "p"."corrects_id",
  "p"."corrected_on",
  "p"."correction_reason",
  (
    SELECT
      x.id
    FROM
      party_fund_payment x
    WHERE
      x.county_code = p.county_code
      AND x.reverses_id = p.id
  ) AS "reversed_by"
FROM
  "party_fund_payment" AS "p"
  INNER JOIN "region" AS "r" ON "r"."code" = "p"."village_code"
WHERE
  "p"."id" = $1;

-- insertPayment
INSERT INTO
  "party_fund_payment" (
    "county_code",
    "village_code",
    "paid_on",
    "amount_fen",
    "purpose",
    "source",
    "note"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT DO NOTHING
RETURNING
  "id";

-- lockPayment
SELECT
  "id",
  "version"
FROM
  "party_fund_payment"
WHERE
  "county_code" = $1
  AND "id" = $2
FOR UPDATE;

-- insertReversal
INSERT INTO
  "party_fund_payment" (
    "county_code",
    "village_code",
    "paid_on",
    "amount_fen",
    "purpose",
    "source",
    "note",
    "reverses_id",
    "corrected_on",
    "correction_reason"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT ("county_code", "reverses_id")
WHERE
  "reverses_id" IS NOT NULL DO NOTHING
RETURNING
  "id";

-- insertCorrection
INSERT INTO
  "party_fund_payment" (
    "county_code",
    "village_code",
    "paid_on",
    "amount_fen",
    "purpose",
    "source",
    "note",
    "corrects_id"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT DO NOTHING
RETURNING
  "id";

-- paidByChild: a county by township
WITH
  v AS (
    SELECT
      county_code,
      region_code AS village_code
    FROM
      party_org
    WHERE
      region_code LIKE $1
      AND length(region_code) = 12
      AND dissolved_on IS NULL
    UNION
    SELECT
      county_code,
      village_code
    FROM
      poor_village
    WHERE
      village_code LIKE $2
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_fund_payment
    WHERE
      village_code LIKE $3
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_collective_income
    WHERE
      village_code LIKE $4
  ),
  p AS (
    SELECT
      village_code,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'operation'
        ),
        0
      ) AS op,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'party_building'
        ),
        0
      ) AS pb,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'other'
        ),
        0
      ) AS other
    FROM
      party_fund_payment
    WHERE
      village_code LIKE $5
      AND paid_on BETWEEN make_date($6::int, 1, 1) AND make_date($7::int, 12, 31)
    GROUP BY
      village_code
  )
SELECT
  left(v.village_code, $8) AS code,
  r.name,
  count(*)::int AS villages,
  coalesce(sum(p.op), 0)::bigint AS operation,
  coalesce(sum(p.pb), 0)::bigint AS party_building,
  coalesce(sum(p.other), 0)::bigint AS other,
  count(*) FILTER (
    WHERE
      coalesce(p.op, 0) < $9::bigint
      OR coalesce(p.pb, 0) < $10::bigint
  )::int AS short
FROM
  v
  LEFT JOIN p ON p.village_code = v.village_code
  JOIN region r ON r.code = left(v.village_code, $11)
GROUP BY
  1,
  2
ORDER BY
  1;

-- paidByChild: a village
WITH
  v AS (
    SELECT
      county_code,
      region_code AS village_code
    FROM
      party_org
    WHERE
      region_code LIKE $1
      AND length(region_code) = 12
      AND dissolved_on IS NULL
    UNION
    SELECT
      county_code,
      village_code
    FROM
      poor_village
    WHERE
      village_code LIKE $2
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_fund_payment
    WHERE
      village_code LIKE $3
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_collective_income
    WHERE
      village_code LIKE $4
  ),
  p AS (
    SELECT
      village_code,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'operation'
        ),
        0
      ) AS op,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'party_building'
        ),
        0
      ) AS pb,
      coalesce(
        sum(amount_fen) FILTER (
          WHERE
            purpose = 'other'
        ),
        0
      ) AS other
    FROM
      party_fund_payment
    WHERE
      village_code LIKE $5
      AND paid_on BETWEEN make_date($6::int, 1, 1) AND make_date($7::int, 12, 31)
    GROUP BY
      village_code
  )
SELECT
  left(v.village_code, $8) AS code,
  r.name,
  count(*)::int AS villages,
  coalesce(sum(p.op), 0)::bigint AS operation,
  coalesce(sum(p.pb), 0)::bigint AS party_building,
  coalesce(sum(p.other), 0)::bigint AS other,
  count(*) FILTER (
    WHERE
      coalesce(p.op, 0) < $9::bigint
      OR coalesce(p.pb, 0) < $10::bigint
  )::int AS short
FROM
  v
  LEFT JOIN p ON p.village_code = v.village_code
  JOIN region r ON r.code = left(v.village_code, $11)
GROUP BY
  1,
  2
ORDER BY
  1;

-- incomeOf
SELECT
  *
FROM
  "party_collective_income"
WHERE
  "county_code" = $1
  AND "village_code" = $2
  AND "year" = $3;

-- listIncomes
WITH
  v AS (
    SELECT
      county_code,
      region_code AS village_code
    FROM
      party_org
    WHERE
      region_code LIKE $1
      AND length(region_code) = 12
      AND dissolved_on IS NULL
    UNION
    SELECT
      county_code,
      village_code
    FROM
      poor_village
    WHERE
      village_code LIKE $2
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_fund_payment
    WHERE
      village_code LIKE $3
    UNION
    SELECT
      county_code,
      village_code
    FROM
      party_collective_income
    WHERE
      village_code LIKE $4
  )
SELECT
  v.village_code,
  r.name AS village_name,
  i.amount_fen,
  i.sources,
  i.version
FROM
  v
  JOIN region r ON r.code = v.village_code
  LEFT JOIN party_collective_income i ON i.county_code = v.county_code
  AND i.village_code = v.village_code
  AND i.year = $5
ORDER BY
  (coalesce(i.amount_fen, 0) > 0),
  v.village_code
LIMIT
  $6;

-- upsertIncome: new
INSERT INTO
  "party_collective_income" (
    "county_code",
    "village_code",
    "year",
    "amount_fen",
    "sources"
  )
VALUES
  ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING
RETURNING
  "version";

-- upsertIncome: from the version read
UPDATE "party_collective_income"
SET
  "amount_fen" = $1,
  "sources" = $2,
  "version" = version + 1,
  "updated_at" = now()
WHERE
  "county_code" = $3
  AND "village_code" = $4
  AND "year" = $5
  AND "version" = $6
RETURNING
  "version";
