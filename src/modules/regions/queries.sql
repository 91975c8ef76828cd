-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- allRegions
SELECT
  code,
  name,
  level,
  parent_code,
  is_poverty_county
FROM
  region
ORDER BY
  code;

-- upsertRegions
INSERT INTO
  "region" (
    "code",
    "name",
    "level",
    "parent_code",
    "is_poverty_county",
    "source"
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
ON CONFLICT ("code") DO UPDATE
SET
  "name" = "excluded"."name",
  "level" = "excluded"."level",
  "parent_code" = "excluded"."parent_code",
  "source" = "excluded"."source";

-- setPovertyCounties
UPDATE "region"
SET
  "is_poverty_county" = $1
WHERE
  "code" LIKE $2;

UPDATE "region"
SET
  "is_poverty_county" = $1
WHERE
  "code" IN ($2);

INSERT INTO
  rollup_dirty (county_code, village_code)
SELECT
  code,
  code || '000000'
FROM
  region
WHERE
  level = 3
  AND code LIKE $1
ON CONFLICT DO NOTHING;

-- findRegion
SELECT
  "code",
  "name",
  "level",
  "parent_code",
  "is_poverty_county"
FROM
  "region"
WHERE
  "code" = $1;

-- findRegions
SELECT
  "code",
  "name",
  "level",
  "parent_code",
  "is_poverty_county"
FROM
  "region"
WHERE
  "code" IN ($1, $2)
ORDER BY
  "code";

-- childrenWithCounts
SELECT
  "r"."code",
  "r"."name",
  "r"."level",
  "r"."parent_code",
  "r"."is_poverty_county",
  (
    SELECT
      count(*) AS "n"
    FROM
      "region" AS "c"
    WHERE
      "c"."parent_code" = "r"."code"
  ) AS "child_count"
FROM
  "region" AS "r"
WHERE
  "r"."parent_code" = $1
ORDER BY
  "r"."code";

-- childCount
SELECT
  count(*) AS "n"
FROM
  "region"
WHERE
  "parent_code" = $1;

-- countByLevel
SELECT
  "level",
  count(*) AS "n"
FROM
  "region"
WHERE
  "code" LIKE $1
  AND "code" != $2
GROUP BY
  "level";

-- povertyCountiesWithin
SELECT
  "code",
  "name",
  "level"
FROM
  "region"
WHERE
  "code" LIKE $1
  AND "is_poverty_county" = $2
ORDER BY
  "code";

-- searchRegions
SELECT
  "code",
  "name",
  "level",
  "parent_code",
  "is_poverty_county"
FROM
  "region"
WHERE
  "code" LIKE $1
  AND (
    "name" LIKE $2
    OR "code" LIKE $3
  )
ORDER BY
  length(code),
  "code"
LIMIT
  $4;

-- regionCount
SELECT
  count(*) AS "n"
FROM
  "region"
WHERE
  "code" LIKE $1;
