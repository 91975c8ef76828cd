-- The SQL that attendance.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in attendance.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- monthPostings: county
SELECT
  p.county_code,
  p.id::text AS id,
  p.village_code,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  vp.lat,
  vp.lon
FROM
  cadre_posting p
  LEFT JOIN village_point vp ON vp.county_code = p.county_code
  AND vp.village_code = p.village_code
WHERE
  "p"."county_code" = $1
  AND p.confirmed_on IS NOT NULL
  AND p.start_date <= $2::date
  AND (
    p.end_date IS NULL
    OR p.end_date >= $3::date
  );

-- monthPostings: province
SELECT
  p.county_code,
  p.id::text AS id,
  p.village_code,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  vp.lat,
  vp.lon
FROM
  cadre_posting p
  LEFT JOIN village_point vp ON vp.county_code = p.county_code
  AND vp.village_code = p.village_code
WHERE
  "p"."county_code" >= '21'
  AND "p"."county_code" < '21￿'
  AND p.confirmed_on IS NOT NULL
  AND p.start_date <= $1::date
  AND (
    p.end_date IS NULL
    OR p.end_date >= $2::date
  );

-- monthDevices: county
SELECT
  d.county_code,
  d.id::text AS id,
  d.posting_id::text AS posting_id
FROM
  cadre_device d
WHERE
  "d"."county_code" = $1;

-- monthDevices: province
SELECT
  d.county_code,
  d.id::text AS id,
  d.posting_id::text AS posting_id
FROM
  cadre_device d
WHERE
  "d"."county_code" >= '21'
  AND "d"."county_code" < '21￿';

-- monthCheckins: county
SELECT
  c.county_code,
  c.posting_id::text AS posting_id,
  c.id::text AS id,
  (
    extract(
      epoch
      FROM
        c.device_time
    ) * 1000
  )::float8 AS at,
  (
    extract(
      epoch
      FROM
        c.received_at
    ) * 1000
  )::float8 AS received_at,
  c.lat,
  c.lon,
  c.accuracy_m,
  c.device_id::text AS device_id,
  NULL::text AS device_posting_id,
  c.foreign_device,
  c.source
FROM
  cadre_checkin c
WHERE
  c.county_code = $1
  AND c.device_time >= $2::timestamptz
  AND c.device_time < $3::timestamptz;

SELECT
  d.county_code,
  d.id::text AS id,
  d.posting_id::text AS posting_id
FROM
  cadre_device d
WHERE
  "d"."county_code" = $1;

-- monthCheckins: province
SELECT
  c.county_code,
  c.posting_id::text AS posting_id,
  c.id::text AS id,
  (
    extract(
      epoch
      FROM
        c.device_time
    ) * 1000
  )::float8 AS at,
  (
    extract(
      epoch
      FROM
        c.received_at
    ) * 1000
  )::float8 AS received_at,
  c.lat,
  c.lon,
  c.accuracy_m,
  c.device_id::text AS device_id,
  NULL::text AS device_posting_id,
  c.foreign_device,
  c.source
FROM
  cadre_checkin c
WHERE
  c.county_code IN (
    SELECT
      r.code
    FROM
      region r
    WHERE
      r.code LIKE $1
      AND length(r.code) = 6
  )
  AND c.device_time >= $2::timestamptz
  AND c.device_time < $3::timestamptz;

SELECT
  d.county_code,
  d.id::text AS id,
  d.posting_id::text AS posting_id
FROM
  cadre_device d
WHERE
  "d"."county_code" >= '21'
  AND "d"."county_code" < '21￿';

-- monthCheckins: village
SELECT
  c.county_code,
  c.posting_id::text AS posting_id,
  c.id::text AS id,
  (
    extract(
      epoch
      FROM
        c.device_time
    ) * 1000
  )::float8 AS at,
  (
    extract(
      epoch
      FROM
        c.received_at
    ) * 1000
  )::float8 AS received_at,
  c.lat,
  c.lon,
  c.accuracy_m,
  c.device_id::text AS device_id,
  NULL::text AS device_posting_id,
  c.foreign_device,
  c.source
FROM
  cadre_checkin c
  JOIN cadre_posting p ON p.county_code = c.county_code
  AND p.id = c.posting_id
WHERE
  c.county_code = $1
  AND p.village_code LIKE $2
  AND c.device_time >= $3::timestamptz
  AND c.device_time < $4::timestamptz;

SELECT
  d.county_code,
  d.id::text AS id,
  d.posting_id::text AS posting_id
FROM
  cadre_device d
WHERE
  "d"."county_code" = $1;

-- monthLeave
SELECT
  l.county_code,
  l.posting_id::text AS posting_id,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  "p"."county_code" = $1
  AND c.state IN ('approved', 'taken')
  AND l.start_date <= $2::date
  AND l.end_date >= $3::date;

-- monthAbsences
SELECT
  a.county_code,
  a.posting_id::text AS posting_id,
  to_char(a.day, 'YYYY-MM-DD') AS DAY
FROM
  cadre_absence a
  JOIN cadre_posting p ON p.county_code = a.county_code
  AND p.id = a.posting_id
WHERE
  "p"."county_code" = $1
  AND a.day BETWEEN $2::date AND $3::date;

-- upsertAttendance
-- (no statement)

-- deleteStaleAttendance
DELETE FROM cadre_attendance_month a
WHERE
  "a"."county_code" = $1
  AND a.month = $2::date
  AND (a.county_code, a.posting_id) NOT IN (
    SELECT
      *
    FROM
      unnest($3::TEXT[], $4::BIGINT[])
  );

-- upsertFlags
-- (no statement)

-- monthDecidedFlags: county
SELECT
  f.county_code,
  f.posting_id::text AS posting_id,
  f.code,
  f.subject
FROM
  cadre_flag f
WHERE
  f.month = $1::date
  AND "f"."county_code" = $2
  AND f.state <> 'open';

-- monthDecidedFlags: province
SELECT
  f.county_code,
  f.posting_id::text AS posting_id,
  f.code,
  f.subject
FROM
  cadre_flag f
WHERE
  f.month = $1::date
  AND "f"."county_code" >= '21'
  AND "f"."county_code" < '21￿'
  AND f.state <> 'open';

-- deleteStaleFlags
DELETE FROM cadre_flag f
WHERE
  "f"."county_code" = $1
  AND f.month = $2::date
  AND f.state = 'open'
  AND (f.county_code, f.posting_id, f.code, f.subject) NOT IN (
    SELECT
      *
    FROM
      unnest($3::TEXT[], $4::BIGINT[], $5::TEXT[], $6::TEXT[])
  );

-- lockMonth: compute
SELECT
  pg_advisory_xact_lock(hashtext ($1));

-- lockMonth: decide
SELECT
  pg_advisory_xact_lock_shared(hashtext ($1));
