-- The SQL that commit.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in commit.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- lockCadres
WITH
  persons AS MATERIALIZED (
    SELECT
      pi.county_code,
      pi.person_id
    FROM
      person_identity pi
    WHERE
      pi.id_hash IN (
        SELECT
          r.id_hash
        FROM
          import_posting_row r
        WHERE
          r.batch_id = $1
      )
  )
SELECT
  k.county_code,
  k.id
FROM
  cadre k
WHERE
  (k.county_code, k.person_id) IN (
    SELECT
      county_code,
      person_id
    FROM
      persons
  );

-- insertUnits
INSERT INTO
  dispatch_unit (name, level, region_code)
SELECT DISTINCT
  r.unit_name,
  r.unit_level,
  left(
    r.village_code,
    CASE r.unit_level
      WHEN 'province' THEN 2
      WHEN 'city' THEN 4
      WHEN 'county' THEN 6
      ELSE 9
    END
  )
FROM
  import_posting_row r
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
  AND r.unit_id IS NULL
ORDER BY
  3,
  1
ON CONFLICT (region_code, name) DO NOTHING
RETURNING
  id,
  name,
  level,
  region_code;

-- insertPersons
WITH
  ins AS (
    INSERT INTO
      person (
        county_code,
        id_hash,
        id_cipher,
        id_masked,
        id_tail_hash,
        name,
        name_pinyin,
        name_initials,
        gender,
        birth_date,
        phone_cipher,
        phone_masked,
        phone_hash
      )
    SELECT
      r.county_code,
      r.id_hash,
      r.id_cipher,
      r.id_masked,
      r.id_tail_hash,
      r.name,
      r.name_pinyin,
      r.name_initials,
      r.gender,
      r.birth_date,
      r.phone_cipher,
      r.phone_masked,
      r.phone_hash
    FROM
      import_posting_row r
    WHERE
      r.batch_id = $1
      AND r.outcome = 'new'
      AND r.person_id IS NULL
    RETURNING
      county_code,
      id,
      id_hash
  ),
  dir AS (
    INSERT INTO
      person_identity (id_hash, county_code, person_id)
    SELECT
      id_hash,
      county_code,
      id
    FROM
      ins
  )
UPDATE import_posting_row r
SET
  person_id = ins.id
FROM
  ins
WHERE
  r.batch_id = $2
  AND r.outcome = 'new'
  AND r.id_hash = ins.id_hash
  AND r.county_code = ins.county_code;

-- updatePhones
UPDATE person pe
SET
  phone_cipher = r.phone_cipher,
  phone_masked = r.phone_masked,
  phone_hash = r.phone_hash,
  updated_at = now()
FROM
  import_posting_row r
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
  AND r.phone_hash IS NOT NULL
  AND pe.county_code = r.county_code
  AND pe.id = r.person_id
  AND pe.phone_hash IS DISTINCT FROM r.phone_hash;

-- upsertCadres
UPDATE import_posting_row r
SET
  unit_id = u.id
FROM
  dispatch_unit u
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
  AND u.region_code = left(
    r.village_code,
    CASE r.unit_level
      WHEN 'province' THEN 2
      WHEN 'city' THEN 4
      WHEN 'county' THEN 6
      ELSE 9
    END
  )
  AND u.name = r.unit_name;

INSERT INTO
  cadre (
    county_code,
    person_id,
    unit_id,
    post,
    party_member,
    updated_at
  )
SELECT
  r.county_code,
  r.person_id,
  r.unit_id,
  r.post,
  r.party_member,
  now()
FROM
  import_posting_row r
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
ON CONFLICT (county_code, person_id) DO UPDATE
SET
  unit_id = excluded.unit_id,
  post = excluded.post,
  party_member = excluded.party_member,
  updated_at = excluded.updated_at
WHERE
  (cadre.unit_id, cadre.post, cadre.party_member) IS DISTINCT FROM (
    excluded.unit_id,
    excluded.post,
    excluded.party_member
  );

-- newRowVillages
SELECT DISTINCT
  village_code
FROM
  import_posting_row
WHERE
  batch_id = $1
  AND outcome = 'new'
ORDER BY
  village_code;

-- insertPostings
UPDATE import_posting_row r
SET
  posting_id = n.id
FROM
  (
    SELECT
      o.row_number,
      nextval(pg_get_serial_sequence('cadre_posting', 'id')) AS id
    FROM
      (
        SELECT
          row_number
        FROM
          import_posting_row
        WHERE
          batch_id = $1
          AND outcome = 'new'
        ORDER BY
          row_number
      ) o
  ) n
WHERE
  r.batch_id = $2
  AND r.row_number = n.row_number;

INSERT INTO
  cadre_posting (
    county_code,
    id,
    cadre_id,
    village_code,
    role,
    unit_id,
    start_date,
    planned_end_date
  )
SELECT
  r.county_code,
  r.posting_id,
  k.id,
  r.village_code,
  r.role,
  r.unit_id,
  r.start_date,
  coalesce(r.end_date, r.start_date + t.days)
FROM
  import_posting_row r
  JOIN cadre k ON k.county_code = r.county_code
  AND k.person_id = r.person_id
  JOIN unnest($1::TEXT[], $2::INT[]) AS t (village_code, days) ON t.village_code = r.village_code
WHERE
  r.batch_id = $3
  AND r.outcome = 'new'
ORDER BY
  r.row_number;

SELECT
  r.row_number,
  p.county_code,
  p.id,
  p.village_code,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
  r.name,
  r.id_masked,
  r.phone_masked,
  r.role,
  r.unit_name
FROM
  import_posting_row r
  JOIN cadre_posting p ON p.county_code = r.county_code
  AND p.id = r.posting_id
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
ORDER BY
  r.row_number;

-- confirmPostings
UPDATE cadre_posting p
SET
  confirmed_on = p.start_date,
  updated_at = now()
FROM
  unnest($1::TEXT[], $2::BIGINT[]) AS k (county_code, id)
WHERE
  p.county_code = k.county_code
  AND p.id = k.id;
