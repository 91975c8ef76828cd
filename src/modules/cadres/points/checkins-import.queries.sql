-- The SQL that checkins-import.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in checkins-import.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- cadresByIdHash
SELECT
  pe.county_code,
  pe.id_hash,
  pe.name,
  pe.id_masked,
  c.id AS cadre_id
FROM
  person pe
  JOIN cadre c ON c.county_code = pe.county_code
  AND c.person_id = pe.id
WHERE
  "pe"."county_code" = $1
  AND pe.id_hash = ANY ($2::TEXT[]);

-- confirmedPostings
SELECT
  p.county_code,
  p.id,
  p.cadre_id,
  p.village_code,
  p.start_date::text AS start_date,
  p.end_date::text AS end_date
FROM
  cadre_posting p
  JOIN unnest($1::TEXT[], $2::BIGINT[]) AS k (county_code, cadre_id) ON p.county_code = k.county_code
  AND p.cadre_id = k.cadre_id
WHERE
  p.confirmed_on IS NOT NULL
  AND p.village_code LIKE $3
ORDER BY
  p.county_code,
  p.start_date;

-- storedClientIds
SELECT
  c.client_id::text AS client_id
FROM
  cadre_checkin c
  JOIN unnest($1::TEXT[], $2::UUID[]) AS k (county_code, client_id) ON c.county_code = k.county_code
  AND c.client_id = k.client_id;

-- insertImportedCheckins
WITH
  w AS (
    INSERT INTO
      cadre_checkin (
        county_code,
        posting_id,
        client_id,
        device_time,
        lat,
        lon,
        accuracy_m,
        source,
        foreign_device
      )
    SELECT
      county_code,
      posting_id,
      client_id,
      device_time,
      lat,
      lon,
      accuracy_m,
      'imported',
      foreign_device
    FROM
      unnest(
        $1::TEXT[],
        $2::BIGINT[],
        $3::UUID[],
        $4::TIMESTAMPTZ[],
        $5::float8[],
        $6::float8[],
        $7::float8[],
        $8::TEXT[]
      ) AS t (
        county_code,
        posting_id,
        client_id,
        device_time,
        lat,
        lon,
        accuracy_m,
        foreign_device
      )
    ON CONFLICT (county_code, client_id) DO NOTHING
    RETURNING
      1
  )
SELECT
  count(*)::int AS n
FROM
  w;
