-- The SQL that bars.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in bars.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- barsOf
SELECT
  code,
  ordinal,
  label_zh,
  label_en,
  active
FROM
  party_nomination_bar
WHERE
  province_code = $1
ORDER BY
  ordinal,
  code;

-- saveBars
UPDATE party_nomination_bar
SET
  active = FALSE,
  updated_at = now()
WHERE
  province_code = $1;

INSERT INTO
  party_nomination_bar (
    province_code,
    code,
    ordinal,
    label_zh,
    label_en,
    active,
    updated_at
  )
SELECT
  $1,
  *,
  now()
FROM
  unnest(
    $2::TEXT[],
    $3::INT[],
    $4::TEXT[],
    $5::TEXT[],
    $6::BOOLEAN[]
  )
ON CONFLICT (province_code, code) DO UPDATE
SET
  ordinal = excluded.ordinal,
  label_zh = excluded.label_zh,
  label_en = excluded.label_en,
  active = excluded.active,
  updated_at = excluded.updated_at;

-- ensureBars
INSERT INTO
  party_nomination_bar (
    province_code,
    code,
    ordinal,
    label_zh,
    label_en,
    active,
    updated_at
  )
SELECT
  $1,
  *,
  now()
FROM
  unnest(
    $2::TEXT[],
    $3::INT[],
    $4::TEXT[],
    $5::TEXT[],
    $6::BOOLEAN[]
  )
WHERE
  NOT EXISTS (
    SELECT
      1
    FROM
      party_nomination_bar
    WHERE
      province_code = $7
  )
ON CONFLICT DO NOTHING;

-- insertNomination
INSERT INTO
  party_nomination (
    county_code,
    village_code,
    person_id,
    checked_on,
    checks,
    nominated,
    note,
    created_by
  )
VALUES
  ($1, $2, $3, $4::date, $5::jsonb, $6, $7, $8)
RETURNING
  id;

-- nominationsOfVillage
SELECT
  n.id,
  p.name,
  p.id_masked,
  to_char(n.checked_on, 'YYYY-MM-DD') AS checked_on,
  n.checks,
  n.nominated,
  n.note,
  n.created_by
FROM
  party_nomination n
  JOIN person p ON p.county_code = n.county_code
  AND p.id = n.person_id
WHERE
  n.county_code = $1
  AND n.village_code = $2
ORDER BY
  n.id DESC
LIMIT
  200;
