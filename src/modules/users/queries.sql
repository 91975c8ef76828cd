-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- insertUser
INSERT INTO
  "app_user" (
    "username",
    "display_name",
    "password_hash",
    "role",
    "scope_code"
  )
VALUES
  ($1, $2, $3, $4, $5)
RETURNING
  *;

-- findUserByUsername
SELECT
  "id",
  "role"
FROM
  "app_user"
WHERE
  "username" = $1;

-- anyUser
SELECT
  "id"
FROM
  "app_user"
WHERE
  "is_demo" = $1
LIMIT
  $2;

-- activeDemoLogins
SELECT
  "username",
  "scope_code"
FROM
  "app_user"
WHERE
  "is_demo" = $1
  AND "disabled" = $2
ORDER BY
  "id";

-- listUsers: first page of a scope
SELECT
  "u".*,
  "r"."name" AS "scope_name"
FROM
  "app_user" AS "u"
  LEFT JOIN "region" AS "r" ON "r"."code" = "u"."scope_code"
WHERE
  "u"."scope_code" LIKE $1
ORDER BY
  "u"."id"
LIMIT
  $2;

-- listUsers: searched, next page
SELECT
  "u".*,
  "r"."name" AS "scope_name"
FROM
  "app_user" AS "u"
  LEFT JOIN "region" AS "r" ON "r"."code" = "u"."scope_code"
WHERE
  "u"."scope_code" LIKE $1
  AND (
    "u"."username" LIKE $2
    OR "u"."display_name" LIKE $3
  )
  AND "u"."id" > $4
ORDER BY
  "u"."id"
LIMIT
  $5;

-- findUserWithScopeName
SELECT
  "u".*,
  "r"."name" AS "scope_name"
FROM
  "app_user" AS "u"
  LEFT JOIN "region" AS "r" ON "r"."code" = "u"."scope_code"
WHERE
  "u"."id" = $1;

-- locateUser
SELECT
  "scope_code"
FROM
  "app_user"
WHERE
  "id" = $1;
