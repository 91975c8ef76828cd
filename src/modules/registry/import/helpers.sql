-- The SQL that helpers.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in helpers.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- resolveHelpers
UPDATE import_household ih
SET
  helper_resolution = x.resolution,
  helper_id = x.helper_id
FROM
  (
    SELECT
      ih.county_code,
      ih.household_no,
      CASE
        WHEN r.helper_name IS NULL THEN NULL
        WHEN cur.helper_id IS NOT NULL
        OR n.helpers = 1 THEN 'existing'
        WHEN n.helpers IS NULL THEN 'new'
        ELSE 'ambiguous'
      END AS resolution,
      CASE
        WHEN r.helper_name IS NULL THEN NULL
        WHEN cur.helper_id IS NOT NULL THEN cur.helper_id
        WHEN n.helpers = 1 THEN n.only_id
      END AS helper_id
    FROM
      import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id
      AND r.county_code = ih.county_code
      AND r.household_no = ih.household_no
      AND r.relation = 'head'
      LEFT JOIN LATERAL (
        SELECT
          hp.helper_id
        FROM
          help_pairing hp
        WHERE
          ih.household_id IS NOT NULL
          AND hp.county_code = ih.county_code
          AND hp.household_id = ih.household_id
          AND hp.end_date IS NULL
          AND hp.helper_name = r.helper_name
        LIMIT
          1
      ) cur ON TRUE
      LEFT JOIN LATERAL (
        SELECT
          count(*) AS helpers,
          min(h.id) AS only_id
        FROM
          helper h
        WHERE
          h.county_code = ih.county_code
          AND h.name = r.helper_name
        HAVING
          count(*) > 0
      ) n ON TRUE
    WHERE
      ih.batch_id = $1
      AND ih.outcome <> 'rejected'
  ) x
WHERE
  ih.batch_id = $2
  AND ih.county_code = x.county_code
  AND ih.household_no = x.household_no;

-- countHelperResolutions
SELECT
  count(*) FILTER (
    WHERE
      ih.helper_resolution = 'existing'
  ) AS existing,
  count(*) FILTER (
    WHERE
      ih.helper_resolution = 'new'
  ) AS new,
  count(*) FILTER (
    WHERE
      ih.helper_resolution = 'ambiguous'
  ) AS ambiguous,
  count(DISTINCT (ih.county_code, r.helper_name)) FILTER (
    WHERE
      ih.helper_resolution = 'new'
  ) AS created
FROM
  import_household ih
  JOIN import_row r ON r.batch_id = ih.batch_id
  AND r.county_code = ih.county_code
  AND r.household_no = ih.household_no
  AND r.relation = 'head'
WHERE
  ih.batch_id = $1
  AND ih.helper_resolution IS NOT NULL;

-- listHelperResolutions
SELECT
  r.row_number,
  ih.household_no,
  r.helper_name,
  ih.helper_resolution AS resolution,
  ih.helper_id,
  (
    SELECT
      count(*)
    FROM
      helper h
    WHERE
      h.county_code = ih.county_code
      AND h.name = r.helper_name
  )::int AS candidates
FROM
  import_household ih
  JOIN import_row r ON r.batch_id = ih.batch_id
  AND r.county_code = ih.county_code
  AND r.household_no = ih.household_no
  AND r.relation = 'head'
WHERE
  ih.batch_id = $1
  AND ih.helper_resolution IS NOT NULL
  AND (
    $2::text IS NULL
    OR ih.helper_resolution = $3::text
  )
  AND r.row_number > $4
ORDER BY
  r.row_number
LIMIT
  $5;

-- createImportedHelpers: an import
WITH
  names AS (
    SELECT DISTINCT
      ih.county_code,
      r.helper_name AS name
    FROM
      import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id
      AND r.county_code = ih.county_code
      AND r.household_no = ih.household_no
      AND r.relation = 'head'
    WHERE
      ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
      AND ih.helper_resolution = 'new'
  ),
  ins AS (
    INSERT INTO
      helper (county_code, name)
    SELECT
      county_code,
      name
    FROM
      names
    RETURNING
      county_code,
      id,
      name
  )
INSERT INTO
  audit_log (
    actor_id,
    actor_name,
    scope_code,
    entity,
    entity_id,
    action,
    before,
    after,
    ip
  )
SELECT
  $2,
  $3,
  ins.county_code,
  'helper',
  ins.id::text,
  $4,
  NULL,
  jsonb_build_object('name', ins.name, 'importBatch', $5::bigint),
  $6
FROM
  ins;

UPDATE import_household ih
SET
  helper_id = h.id
FROM
  import_row r,
  helper h
WHERE
  ih.batch_id = $1
  AND ih.helper_resolution = 'new'
  AND ih.outcome IN ('new', 'updated')
  AND r.batch_id = ih.batch_id
  AND r.county_code = ih.county_code
  AND r.household_no = ih.household_no
  AND r.relation = 'head'
  AND h.county_code = ih.county_code
  AND h.name = r.helper_name;

-- createImportedHelpers: a form's save
WITH
  names AS (
    SELECT DISTINCT
      ih.county_code,
      r.helper_name AS name
    FROM
      import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id
      AND r.county_code = ih.county_code
      AND r.household_no = ih.household_no
      AND r.relation = 'head'
    WHERE
      ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
      AND ih.helper_resolution = 'new'
  ),
  ins AS (
    INSERT INTO
      helper (county_code, name)
    SELECT
      county_code,
      name
    FROM
      names
    RETURNING
      county_code,
      id,
      name
  )
INSERT INTO
  audit_log (
    actor_id,
    actor_name,
    scope_code,
    entity,
    entity_id,
    action,
    before,
    after,
    ip
  )
SELECT
  $2,
  $3,
  ins.county_code,
  'helper',
  ins.id::text,
  $4,
  NULL,
  jsonb_build_object('name', ins.name),
  $5
FROM
  ins;

UPDATE import_household ih
SET
  helper_id = h.id
FROM
  import_row r,
  helper h
WHERE
  ih.batch_id = $1
  AND ih.helper_resolution = 'new'
  AND ih.outcome IN ('new', 'updated')
  AND r.batch_id = ih.batch_id
  AND r.county_code = ih.county_code
  AND r.household_no = ih.household_no
  AND r.relation = 'head'
  AND h.county_code = ih.county_code
  AND h.name = r.helper_name;
