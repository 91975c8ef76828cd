-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- hasDemoUsers
SELECT
  "id"
FROM
  "app_user"
WHERE
  "is_demo" = $1
LIMIT
  $2;

-- ping
SELECT
  1;
