-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateHit
SELECT
  village_code
FROM
  comparison_hit
WHERE
  id = $1;

-- locateBatch
SELECT
  scope_code
FROM
  comparison_batch
WHERE
  id = $1;

-- insertBatch
INSERT INTO
  comparison_batch (
    scope_code,
    department,
    label,
    filename,
    status,
    actor_id,
    actor_name
  )
VALUES
  ($1, $2, $3, $4, 'previewed', $5, $6)
RETURNING
  id;

-- setBatchRead
UPDATE comparison_batch
SET
  total_rows = $1,
  problem_rows = $2,
  header = $3::jsonb
WHERE
  id = $4;

-- batchById
SELECT
  *
FROM
  comparison_batch
WHERE
  id = $1;

-- listBatches
SELECT
  *
FROM
  comparison_batch
WHERE
  scope_code LIKE $1
  AND status <> 'discarded'
ORDER BY
  id DESC
LIMIT
  $2;

-- problemRows
SELECT
  row_number,
  problem,
  record
FROM
  comparison_row
WHERE
  batch_id = $1
  AND problem IS NOT NULL
ORDER BY
  row_number
LIMIT
  $2;

-- matchMemory
BEGIN;

SET
  LOCAL work_mem = '128MB';

COMMIT;

-- matchBatch
INSERT INTO
  comparison_hit (
    county_code,
    batch_id,
    row_number,
    department,
    household_id,
    person_id,
    village_code,
    record
  )
WITH
  ids AS MATERIALIZED (
    SELECT
      r.row_number,
      r.record || jsonb_build_object('__id', r.id_masked) AS record,
      pi.county_code,
      pi.person_id
    FROM
      comparison_row r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE
      r.batch_id = $1
      AND r.id_hash IS NOT NULL
  ),
  homes AS MATERIALIZED (
    SELECT
      hm.county_code,
      hm.person_id,
      hm.household_id,
      h.village_code
    FROM
      household_member hm
      JOIN household h ON h.county_code = hm.county_code
      AND h.id = hm.household_id
    WHERE
      (hm.county_code, hm.person_id) IN (
        SELECT
          county_code,
          person_id
        FROM
          ids
      )
      AND h.village_code LIKE $2
  )
SELECT
  i.county_code,
  $3::bigint,
  i.row_number,
  $4,
  m.household_id,
  i.person_id,
  m.village_code,
  i.record
FROM
  ids i
  JOIN homes m ON m.county_code = i.county_code
  AND m.person_id = i.person_id
ON CONFLICT (county_code, batch_id, row_number) DO NOTHING
RETURNING
  county_code;

-- analyzeRows
ANALYZE comparison_row;

-- setBatchMatched
UPDATE comparison_batch
SET
  status = 'matched',
  hits = $1,
  matched_at = now()
WHERE
  id = $2;

-- dropRows
DELETE FROM comparison_row
WHERE
  batch_id = $1;

-- setBatchDiscarded
UPDATE comparison_batch
SET
  status = 'discarded'
WHERE
  id = $1;

-- listHits: a county, first page
SELECT
  x.county_code,
  x.id,
  x.batch_id,
  x.row_number,
  x.department,
  b.label AS batch_label,
  x.household_id,
  h.household_no,
  h.status AS household_status,
  x.person_id,
  p.name AS person_name,
  p.id_masked,
  hm.relation,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.record,
  x.state,
  x.action,
  x.reason,
  x.monitoring_case_id,
  x.decided_name,
  x.decided_at,
  x.created_at
FROM
  comparison_hit x
  JOIN comparison_batch b ON b.id = x.batch_id
  JOIN household h ON h.county_code = x.county_code
  AND h.id = x.household_id
  JOIN person p ON p.county_code = x.county_code
  AND p.id = x.person_id
  LEFT JOIN household_member hm ON hm.county_code = x.county_code
  AND hm.person_id = x.person_id
  JOIN region v ON v.code = x.village_code
  JOIN region t ON t.code = left(x.village_code, 9)
WHERE
  (
    "x"."county_code" = $1
    AND "x"."village_code" LIKE $2
  )
ORDER BY
  x.county_code,
  x.id
LIMIT
  $3;

-- listHits: a city, a state, a department and a list, after a cursor
SELECT
  x.county_code,
  x.id,
  x.batch_id,
  x.row_number,
  x.department,
  b.label AS batch_label,
  x.household_id,
  h.household_no,
  h.status AS household_status,
  x.person_id,
  p.name AS person_name,
  p.id_masked,
  hm.relation,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.record,
  x.state,
  x.action,
  x.reason,
  x.monitoring_case_id,
  x.decided_name,
  x.decided_at,
  x.created_at
FROM
  comparison_hit x
  JOIN comparison_batch b ON b.id = x.batch_id
  JOIN household h ON h.county_code = x.county_code
  AND h.id = x.household_id
  JOIN person p ON p.county_code = x.county_code
  AND p.id = x.person_id
  LEFT JOIN household_member hm ON hm.county_code = x.county_code
  AND hm.person_id = x.person_id
  JOIN region v ON v.code = x.village_code
  JOIN region t ON t.code = left(x.village_code, 9)
WHERE
  "x"."village_code" LIKE $1
  AND x.state = $2
  AND x.department = $3
  AND x.batch_id = $4
  AND (x.county_code, x.id) > ($5, $6)
ORDER BY
  x.county_code,
  x.id
LIMIT
  $7;

-- hitById
SELECT
  x.county_code,
  x.id,
  x.batch_id,
  x.row_number,
  x.department,
  b.label AS batch_label,
  x.household_id,
  h.household_no,
  h.status AS household_status,
  x.person_id,
  p.name AS person_name,
  p.id_masked,
  hm.relation,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.record,
  x.state,
  x.action,
  x.reason,
  x.monitoring_case_id,
  x.decided_name,
  x.decided_at,
  x.created_at
FROM
  comparison_hit x
  JOIN comparison_batch b ON b.id = x.batch_id
  JOIN household h ON h.county_code = x.county_code
  AND h.id = x.household_id
  JOIN person p ON p.county_code = x.county_code
  AND p.id = x.person_id
  LEFT JOIN household_member hm ON hm.county_code = x.county_code
  AND hm.person_id = x.person_id
  JOIN region v ON v.code = x.village_code
  JOIN region t ON t.code = left(x.village_code, 9)
WHERE
  x.id = $1;

-- decideHit
UPDATE comparison_hit
SET
  state = $1,
  action = $2,
  reason = $3,
  monitoring_case_id = $4,
  decided_by = $5,
  decided_name = $6,
  decided_at = now()
WHERE
  county_code = $7
  AND id = $8
  AND state = 'open'
RETURNING
  id;

-- membersOf
SELECT
  p.id AS person_id,
  p.name,
  p.id_masked,
  m.relation
FROM
  household_member m
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  m.county_code = $1
  AND m.household_id = $2
ORDER BY
  (m.relation = 'head') DESC,
  p.id;
