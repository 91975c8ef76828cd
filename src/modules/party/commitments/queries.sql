-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateCommitment
SELECT
  "region_code"
FROM
  "party_commitment"
WHERE
  "id" = $1;

-- memberOf
SELECT
  "m"."county_code",
  "m"."id",
  "o"."region_code",
  "m"."left_on"
FROM
  "party_member" AS "m"
  INNER JOIN "party_org" AS "o" ON "o"."county_code" = "m"."county_code"
  AND "o"."id" = "m"."org_id"
WHERE
  "m"."id" = $1;

-- listCommitments: a county, a year
SELECT
  "c"."id",
  "c"."county_code",
  "c"."member_id",
  "c"."region_code",
  "r"."name" AS "region_name",
  "pe"."name",
  "c"."year",
  "c"."content",
  "c"."status",
  "c"."evidence",
  "c"."attachment_ref",
  "c"."review",
  "c"."reviewed_on",
  "c"."review_note",
  "c"."version"
FROM
  "party_commitment" AS "c"
  INNER JOIN "party_member" AS "m" ON "m"."county_code" = "c"."county_code"
  AND "m"."id" = "c"."member_id"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "m"."county_code"
  AND "pe"."id" = "m"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "c"."region_code"
WHERE
  "c"."region_code" LIKE $1
  AND "c"."year" = $2
ORDER BY
  "c"."region_code",
  "c"."id"
LIMIT
  $3;

-- listCommitments: by status
SELECT
  "c"."id",
  "c"."county_code",
  "c"."member_id",
  "c"."region_code",
  "r"."name" AS "region_name",
  "pe"."name",
  "c"."year",
  "c"."content",
  "c"."status",
  "c"."evidence",
  "c"."attachment_ref",
  "c"."review",
  "c"."reviewed_on",
  "c"."review_note",
  "c"."version"
FROM
  "party_commitment" AS "c"
  INNER JOIN "party_member" AS "m" ON "m"."county_code" = "c"."county_code"
  AND "m"."id" = "c"."member_id"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "m"."county_code"
  AND "pe"."id" = "m"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "c"."region_code"
WHERE
  "c"."region_code" LIKE $1
  AND "c"."year" = $2
  AND "c"."status" = $3
ORDER BY
  "c"."region_code",
  "c"."id"
LIMIT
  $4;

-- commitmentById
SELECT
  "c"."id",
  "c"."county_code",
  "c"."member_id",
  "c"."region_code",
  "r"."name" AS "region_name",
  "pe"."name",
  "c"."year",
  "c"."content",
  "c"."status",
  "c"."evidence",
  "c"."attachment_ref",
  "c"."review",
  "c"."reviewed_on",
  "c"."review_note",
  "c"."version"
FROM
  "party_commitment" AS "c"
  INNER JOIN "party_member" AS "m" ON "m"."county_code" = "c"."county_code"
  AND "m"."id" = "c"."member_id"
  INNER JOIN "person" AS "pe" ON "pe"."county_code" = "m"."county_code"
  AND "pe"."id" = "m"."person_id"
  INNER JOIN "region" AS "r" ON "r"."code" = "c"."region_code"
WHERE
  "c"."id" = $1;

-- insertCommitment
INSERT INTO
  "party_commitment" (
    "county_code",
    "member_id",
    "region_code",
    "year",
    "content"
  )
VALUES
  ($1, $2, $3, $4, $5)
RETURNING
  "id";

-- updateCommitment
UPDATE "party_commitment"
SET
  "status" = $1,
  "evidence" = $2,
  "version" = version + 1,
  "updated_at" = now()
WHERE
  "county_code" = $3
  AND "id" = $4
  AND "version" = $5
RETURNING
  "version";

-- markVillageDirty
INSERT INTO
  "rollup_dirty" ("county_code", "village_code")
VALUES
  ($1, $2)
ON CONFLICT DO NOTHING;
