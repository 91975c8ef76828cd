-- The SQL that fieldlog.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in fieldlog.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- logByClientId
SELECT
  id,
  signature,
  posting_id
FROM
  cadre_work_log
WHERE
  county_code = $1
  AND client_id = $2::uuid;

-- logOfDay
SELECT
  id,
  client_id::text AS client_id
FROM
  cadre_work_log
WHERE
  county_code = $1
  AND posting_id = $2
  AND log_date = $3::date;

-- insertLog
INSERT INTO
  cadre_work_log (
    county_code,
    posting_id,
    client_id,
    device_id,
    log_date,
    body,
    signature
  )
VALUES
  ($1, $2, $3::uuid, $4, $5::date, $6, $7)
ON CONFLICT DO NOTHING
RETURNING
  id;

-- insertPhotos
INSERT INTO
  cadre_log_photo (
    county_code,
    log_id,
    seq,
    sha256,
    mime,
    bytes,
    exif_time,
    exif_lat,
    exif_lon
  )
VALUES
  (
    $1,
    $2,
    $3,
    $4,
    $5,
    $6,
    $7::timestamp,
    $8::float8,
    $9::float8
  );

-- photoHashUsed
SELECT
  EXISTS (
    SELECT
      1
    FROM
      cadre_log_photo
    WHERE
      sha256 = $1
  ) AS used;

-- photoFiles
SELECT DISTINCT
  sha256,
  mime
FROM
  cadre_log_photo
ORDER BY
  sha256;

-- logsOfPosting
SELECT
  id,
  client_id::text AS client_id,
  to_char(log_date, 'YYYY-MM-DD') AS log_date,
  body,
  received_at
FROM
  cadre_work_log
WHERE
  county_code = $1
  AND posting_id = $2
  AND log_date BETWEEN $3::date AND $4::date
ORDER BY
  log_date DESC
LIMIT
  400;

-- photosOfLogs
SELECT
  log_id,
  seq,
  sha256,
  mime,
  bytes,
  to_char(exif_time, 'YYYY-MM-DD"T"HH24:MI:SS') AS exif_time,
  exif_lat,
  exif_lon
FROM
  cadre_log_photo
WHERE
  county_code = $1
  AND log_id IN ($2)
ORDER BY
  log_id,
  seq;

-- photoOfPosting
SELECT
  ph.sha256,
  ph.mime
FROM
  cadre_log_photo ph
  JOIN cadre_work_log l ON l.county_code = ph.county_code
  AND l.id = ph.log_id
WHERE
  ph.county_code = $1
  AND l.posting_id = $2
  AND ph.log_id = $3
  AND ph.seq = $4;

-- villageHouseholds
SELECT
  h.id,
  h.household_no,
  pe.name AS head_name,
  pe.name_pinyin AS head_pinyin,
  pe.name_initials AS head_initials
FROM
  household h
  LEFT JOIN person pe ON pe.county_code = h.county_code
  AND pe.id = h.head_person_id
WHERE
  h.county_code = $1
  AND h.village_code = $2
ORDER BY
  h.household_no
LIMIT
  5000;

-- householdPlace
SELECT
  village_code,
  household_no
FROM
  household
WHERE
  county_code = $1
  AND id = $2;

-- visitByClientId
SELECT
  id,
  posting_id,
  household_id,
  to_char(visit_date, 'YYYY-MM-DD') AS visit_date,
  note
FROM
  cadre_visit
WHERE
  county_code = $1
  AND client_id = $2::uuid;

-- insertVisit
INSERT INTO
  cadre_visit (
    county_code,
    posting_id,
    client_id,
    household_id,
    visit_date,
    note,
    log_id,
    created_by
  )
VALUES
  ($1, $2, $3::uuid, $4, $5::date, $6, $7, $8)
ON CONFLICT (county_code, client_id) DO NOTHING
RETURNING
  id;

-- visitsOfPosting
SELECT
  v.id,
  v.client_id::text AS client_id,
  v.household_id,
  h.household_no,
  pe.name AS head_name,
  to_char(v.visit_date, 'YYYY-MM-DD') AS visit_date,
  v.note,
  v.log_id
FROM
  cadre_visit v
  JOIN household h ON h.county_code = v.county_code
  AND h.id = v.household_id
  LEFT JOIN person pe ON pe.county_code = h.county_code
  AND pe.id = h.head_person_id
WHERE
  v.county_code = $1
  AND v.posting_id = $2
  AND v.visit_date BETWEEN $3::date AND $4::date
ORDER BY
  v.visit_date DESC,
  v.id DESC
LIMIT
  1000;
