-- The SQL that helpers.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in helpers.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- resolveHelpers
WITH
  heads AS MATERIALIZED (
    SELECT
      ih.county_code,
      ih.household_no,
      ih.household_id,
      r.helper_name
    FROM
      import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id
      AND r.county_code = ih.county_code
      AND r.household_no = ih.household_no
      AND r.relation = 'head'
    WHERE
      ih.batch_id = $1
      AND ih.outcome <> 'rejected'
  ),
  cur AS MATERIALIZED (
    SELECT
      hp.county_code,
      hp.household_id,
      hp.helper_name,
      min(hp.helper_id) AS helper_id
    FROM
      help_pairing hp
    WHERE
      hp.end_date IS NULL
      AND hp.helper_id IS NOT NULL
      AND (hp.county_code, hp.household_id, hp.helper_name) IN (
        SELECT
          county_code,
          household_id,
          helper_name
        FROM
          heads
        WHERE
          household_id IS NOT NULL
          AND helper_name IS NOT NULL
      )
    GROUP BY
      1,
      2,
      3
  ),
  named AS MATERIALIZED (
    SELECT
      h.county_code,
      h.name,
      count(*) AS helpers,
      min(h.id) AS only_id
    FROM
      helper h
    WHERE
      (h.county_code, h.name) IN (
        SELECT
          county_code,
          helper_name
        FROM
          heads
        WHERE
          helper_name IS NOT NULL
      )
    GROUP BY
      1,
      2
  ),
  x AS (
    SELECT
      hd.county_code,
      hd.household_no,
      CASE
        WHEN hd.helper_name IS NULL THEN NULL
        WHEN cur.helper_id IS NOT NULL
        OR n.helpers = 1 THEN 'existing'
        WHEN n.helpers IS NULL THEN 'new'
        ELSE 'ambiguous'
      END AS resolution,
      CASE
        WHEN hd.helper_name IS NULL THEN NULL
        WHEN cur.helper_id IS NOT NULL THEN cur.helper_id
        WHEN n.helpers = 1 THEN n.only_id
      END AS helper_id
    FROM
      heads hd
      LEFT JOIN cur ON cur.county_code = hd.county_code
      AND cur.household_id = hd.household_id
      AND cur.helper_name = hd.helper_name
      LEFT JOIN named n ON n.county_code = hd.county_code
      AND n.name = hd.helper_name
  )
UPDATE import_household ih
SET
  helper_resolution = x.resolution,
  helper_id = x.helper_id
FROM
  x
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
WITH
  page AS MATERIALIZED (
    SELECT
      r.row_number,
      ih.county_code,
      ih.household_no,
      r.helper_name,
      ih.helper_resolution AS resolution,
      ih.helper_id
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
      $5
  ),
  named AS MATERIALIZED (
    SELECT
      h.county_code,
      h.name,
      count(*)::int AS n
    FROM
      helper h
    WHERE
      (h.county_code, h.name) IN (
        SELECT
          county_code,
          helper_name
        FROM
          page
      )
    GROUP BY
      h.county_code,
      h.name
  )
SELECT
  p.row_number,
  p.household_no,
  p.helper_name,
  p.resolution,
  p.helper_id,
  coalesce(n.n, 0) AS candidates
FROM
  page p
  LEFT JOIN named n ON n.county_code = p.county_code
  AND n.name = p.helper_name
ORDER BY
  p.row_number;

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

WITH
  named AS MATERIALIZED (
    SELECT
      h.county_code,
      h.name,
      h.id
    FROM
      helper h
    WHERE
      (h.county_code, h.name) IN (
        SELECT
          r.county_code,
          r.helper_name
        FROM
          import_row r
        WHERE
          r.batch_id = $1
          AND r.relation = 'head'
      )
  )
UPDATE import_household ih
SET
  helper_id = h.id
FROM
  import_row r,
  named h
WHERE
  ih.batch_id = $2
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

WITH
  named AS MATERIALIZED (
    SELECT
      h.county_code,
      h.name,
      h.id
    FROM
      helper h
    WHERE
      (h.county_code, h.name) IN (
        SELECT
          r.county_code,
          r.helper_name
        FROM
          import_row r
        WHERE
          r.batch_id = $1
          AND r.relation = 'head'
      )
  )
UPDATE import_household ih
SET
  helper_id = h.id
FROM
  import_row r,
  named h
WHERE
  ih.batch_id = $2
  AND ih.helper_resolution = 'new'
  AND ih.outcome IN ('new', 'updated')
  AND r.batch_id = ih.batch_id
  AND r.county_code = ih.county_code
  AND r.household_no = ih.household_no
  AND r.relation = 'head'
  AND h.county_code = ih.county_code
  AND h.name = r.helper_name;
