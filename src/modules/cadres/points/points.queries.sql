-- The SQL that points.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in points.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateVillage
SELECT
  code
FROM
  region
WHERE
  code = $1
  AND level = 5;

-- regionsByCodes
SELECT
  code,
  name,
  level
FROM
  region
WHERE
  code = ANY ($1::TEXT[]);

-- pointsOf
SELECT
  village_code,
  lon,
  lat,
  source,
  given_crs
FROM
  village_point
WHERE
  county_code = ANY ($1::TEXT[])
  AND village_code = ANY ($2::TEXT[])
FOR UPDATE;

-- upsertPoints
INSERT INTO
  village_point (
    county_code,
    village_code,
    lon,
    lat,
    source,
    given_crs,
    updated_at,
    updated_by
  )
SELECT
  left(v, 6),
  v,
  x,
  y,
  s,
  c,
  now(),
  $1::bigint
FROM
  unnest(
    $2::TEXT[],
    $3::float8[],
    $4::float8[],
    $5::TEXT[],
    $6::TEXT[]
  ) AS t (v, x, y, s, c)
ON CONFLICT (county_code, village_code) DO UPDATE
SET
  lon = EXCLUDED.lon,
  lat = EXCLUDED.lat,
  source = EXCLUDED.source,
  given_crs = EXCLUDED.given_crs,
  updated_at = EXCLUDED.updated_at,
  updated_by = EXCLUDED.updated_by;

-- listVillagePoints
SELECT
  v.code,
  v.name,
  t.code AS township_code,
  t.name AS township_name,
  p.lon,
  p.lat,
  p.source,
  p.given_crs,
  p.updated_at,
  u.username AS updated_by
FROM
  region v
  LEFT JOIN region t ON t.code = v.parent_code
  LEFT JOIN village_point p ON p.county_code = left(v.code, 6)
  AND p.village_code = v.code
  LEFT JOIN app_user u ON u.id = p.updated_by
WHERE
  v.level = 5
  AND v.code LIKE $1
  AND v.code > $2
  AND p.village_code IS NULL
ORDER BY
  v.code
LIMIT
  $3;
