-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- lockUnmaskBudget
BEGIN;

SELECT
  pg_advisory_xact_lock($1, $2::int);

COMMIT;

-- insertEvent
INSERT INTO
  "security_event" (
    "kind",
    "actor_id",
    "actor_name",
    "scope_code",
    "details"
  )
VALUES
  ($1, $2, $3, $4, $5);

-- countSince: by actor id
SELECT
  count(*) AS "n"
FROM
  "security_event"
WHERE
  "kind" = $1
  AND "at" >= $2
  AND "actor_id" = $3;

-- countSince: by name (no account)
SELECT
  count(*) AS "n"
FROM
  "security_event"
WHERE
  "kind" = $1
  AND "at" >= $2
  AND "actor_name" = $3;

-- unmaskedPersonsSince
SELECT
  coalesce(
    sum(coalesce((details ->> 'persons')::bigint, 1)),
    0
  ) AS "n"
FROM
  "security_event"
WHERE
  "kind" = $1
  AND "actor_id" = $2
  AND "at" >= $3
  AND coalesce((details ->> 'bulk')::boolean, FALSE) = FALSE;

-- listEvents: a county scope
SELECT
  *
FROM
  "security_event"
WHERE
  "scope_code" LIKE $1
ORDER BY
  "id" DESC
LIMIT
  $2;

-- listEvents: province, with unplaced events, every filter, next page
SELECT
  *
FROM
  "security_event"
WHERE
  (
    "scope_code" LIKE $1
    OR "scope_code" = $2
  )
  AND "kind" = $3
  AND "actor_name" = $4
  AND "at" >= $5
  AND "at" < $6
  AND "id" < $7
ORDER BY
  "id" DESC
LIMIT
  $8;

-- countByKind
SELECT
  "kind",
  count(*) AS "events",
  coalesce(
    sum(
      CASE
        WHEN jsonb_typeof(details -> 'persons') = 'number' THEN (details ->> 'persons')::numeric
        ELSE 1
      END
    ),
    0
  ) AS "persons"
FROM
  "security_event"
WHERE
  "scope_code" LIKE $1
  AND "at" >= $2
GROUP BY
  "kind";

-- distinctKinds
SELECT DISTINCT
  "kind"
FROM
  "security_event"
WHERE
  (
    "scope_code" LIKE $1
    OR "scope_code" = $2
  )
ORDER BY
  "kind";
