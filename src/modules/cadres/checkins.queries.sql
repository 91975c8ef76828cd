-- The SQL that checkins.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in checkins.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- deviceByThumbprint
SELECT
  id,
  county_code,
  posting_id,
  user_id,
  public_key,
  revoked_at,
  revoke_reason
FROM
  cadre_device
WHERE
  county_code = $1
  AND key_thumbprint = $2;

-- insertDevice
INSERT INTO
  cadre_device (
    county_code,
    posting_id,
    user_id,
    public_key,
    key_thumbprint
  )
VALUES
  ($1, $2, $3, $4::jsonb, $5)
ON CONFLICT (county_code, key_thumbprint) DO NOTHING
RETURNING
  id;

-- devicesByIds
SELECT
  id,
  county_code,
  posting_id,
  user_id,
  public_key,
  revoked_at,
  revoke_reason
FROM
  cadre_device
WHERE
  county_code = $1
  AND id IN ($2, $3);

-- checkinsByClientIds
SELECT
  client_id::text AS client_id,
  signature
FROM
  cadre_checkin
WHERE
  county_code = $1
  AND client_id IN ($2::uuid);

-- insertCheckins
WITH
  inserted AS (
    INSERT INTO
      cadre_checkin (
        county_code,
        posting_id,
        client_id,
        device_id,
        device_time,
        lat,
        lon,
        accuracy_m,
        signature,
        source,
        flags
      )
    VALUES
      (
        $1,
        $2,
        $3::uuid,
        $4,
        $5::timestamptz,
        $6,
        $7,
        $8,
        $9,
        'app',
        $10::TEXT[]
      )
    ON CONFLICT (county_code, client_id) DO NOTHING
    RETURNING
      county_code,
      client_id,
      device_time
  ),
  marked AS (
    INSERT INTO
      cadre_attendance_dirty (county_code, MONTH)
    SELECT DISTINCT
      county_code,
      to_char(
        (device_time AT TIME ZONE 'UTC') + interval '8 hours',
        'YYYY-MM'
      )
    FROM
      inserted
    ON CONFLICT DO NOTHING
  )
SELECT
  client_id::text AS client_id
FROM
  inserted;

-- checkinsOfPosting
SELECT
  id,
  client_id::text AS client_id,
  device_id,
  device_time,
  received_at,
  lat,
  lon,
  accuracy_m,
  source,
  flags
FROM
  cadre_checkin
WHERE
  county_code = $1
  AND posting_id = $2
  AND device_time >= $3::timestamptz
  AND device_time < $4::timestamptz
ORDER BY
  device_time,
  id
LIMIT
  5000;
