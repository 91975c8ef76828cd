-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- findUserByName
SELECT
  *
FROM
  "app_user"
WHERE
  "username" = $1;

-- findUserById
SELECT
  *
FROM
  "app_user"
WHERE
  "id" = $1;

-- updateUser
UPDATE "app_user"
SET
  "failed_logins" = $1,
  "locked_until" = $2
WHERE
  "id" = $3
RETURNING
  *;

-- insertSession
INSERT INTO
  "user_session" (
    "token_hash",
    "user_id",
    "expires_at",
    "ip",
    "user_agent"
  )
VALUES
  ($1, $2, $3, $4, $5);

-- findSession
SELECT
  "u".*,
  "s"."token_hash",
  "s"."last_seen_at",
  "s"."expires_at",
  "s"."created_at" AS "session_created_at"
FROM
  "user_session" AS "s"
  INNER JOIN "app_user" AS "u" ON "u"."id" = "s"."user_id"
WHERE
  "s"."token_hash" = $1;

-- touchSession
UPDATE "user_session"
SET
  "last_seen_at" = $1
WHERE
  "token_hash" = $2;

-- deleteSession
DELETE FROM "user_session"
WHERE
  "token_hash" = $1;

-- deleteUserSessions: all of a user
DELETE FROM "user_session"
WHERE
  "user_id" = $1;

-- deleteUserSessions: all but the current one
DELETE FROM "user_session"
WHERE
  "user_id" = $1
  AND "token_hash" != $2;

-- deleteExpiredSessions
DELETE FROM "user_session"
WHERE
  "expires_at" < $1;

-- throttleState
SELECT
  sum(failures) FILTER (
    WHERE
      last_at >= $1
  ) AS total,
  max(failures) FILTER (
    WHERE
      client = $2
      AND last_at >= $3
  ) AS mine,
  max(locked_until) FILTER (
    WHERE
      client = $4
  ) AS locked_until,
  max(last_at) FILTER (
    WHERE
      client = $5
  ) AS my_last
FROM
  login_throttle
WHERE
  name_hash = $6;

-- reserveAttempt
INSERT INTO
  login_throttle AS t (name_hash, client, user_id, failures, last_at)
VALUES
  ($1, $2, $3, 1, $4)
ON CONFLICT (name_hash, client) DO UPDATE
SET
  failures = CASE
    WHEN t.last_at < $5 THEN 1
    ELSE t.failures + 1
  END,
  last_at = EXCLUDED.last_at,
  user_id = EXCLUDED.user_id,
  locked_until = NULL
WHERE
  t.locked_until IS NULL
  OR t.locked_until <= $6
RETURNING
  failures;

-- lockClient
UPDATE "login_throttle"
SET
  "locked_until" = $1
WHERE
  "name_hash" = $2
  AND "client" = $3;

-- clearAttempts
DELETE FROM "login_throttle"
WHERE
  "name_hash" = $1
  AND "client" = $2;

-- clearUserThrottle
DELETE FROM "login_throttle"
WHERE
  "user_id" = $1;

-- deleteStaleThrottle
DELETE FROM "login_throttle"
WHERE
  "last_at" < $1
  AND (
    "locked_until" IS NULL
    OR "locked_until" <= $2
  );
