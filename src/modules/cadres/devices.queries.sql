-- The SQL that devices.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in devices.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- devicesOfPosting
WITH
  used AS (
    SELECT
      device_id,
      count(*)::int AS n,
      max(received_at) AS last_at
    FROM
      cadre_checkin
    WHERE
      county_code = $1
      AND posting_id = $2
      AND device_id IS NOT NULL
    GROUP BY
      device_id
  ),
  logged AS (
    SELECT
      device_id,
      count(*)::int AS n,
      max(received_at) AS last_at
    FROM
      cadre_work_log
    WHERE
      county_code = $3
      AND posting_id = $4
    GROUP BY
      device_id
  )
SELECT
  d.id,
  d.posting_id,
  d.key_thumbprint,
  d.registered_at,
  d.revoked_at,
  d.revoke_reason,
  d.revoked_by_name,
  u.username,
  coalesce(used.n, 0) AS checkins,
  coalesce(logged.n, 0) AS logs,
  greatest(used.last_at, logged.last_at) AS last_used
FROM
  cadre_device d
  LEFT JOIN used ON used.device_id = d.id
  LEFT JOIN logged ON logged.device_id = d.id
  LEFT JOIN app_user u ON u.id = d.user_id
WHERE
  d.county_code = $5
  AND (
    d.posting_id = $6
    OR d.id IN (
      SELECT
        device_id
      FROM
        used
    )
    OR d.id IN (
      SELECT
        device_id
      FROM
        logged
    )
  )
ORDER BY
  d.registered_at DESC,
  d.id DESC;

-- revokeDevice
UPDATE cadre_device
SET
  revoked_at = now(),
  revoke_reason = $1,
  revoked_by_name = $2
WHERE
  county_code = $3
  AND id = $4
  AND revoked_at IS NULL
RETURNING
  id,
  posting_id,
  user_id,
  revoked_at;
