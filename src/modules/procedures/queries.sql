-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- insertCase
INSERT INTO
  "procedure_case" (
    "county_code",
    "procedure",
    "subject_id",
    "region_code",
    "state",
    "due_date"
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
RETURNING
  *;

-- caseById
SELECT
  *
FROM
  "procedure_case"
WHERE
  "county_code" = $1
  AND "id" = $2;

-- caseOfSubject
SELECT
  *
FROM
  "procedure_case"
WHERE
  "county_code" = $1
  AND "procedure" = $2
  AND "subject_id" = $3;

-- moveCase
UPDATE "procedure_case"
SET
  "state" = $1,
  "state_since" = now(),
  "due_date" = $2,
  "closed_at" = $3,
  "version" = version + 1
WHERE
  "county_code" = $4
  AND "id" = $5
  AND "state" = $6
  AND "version" = $7
RETURNING
  *;

-- insertStep
INSERT INTO
  "procedure_step" (
    "county_code",
    "case_id",
    "seq",
    "action",
    "from_state",
    "to_state",
    "effective_date",
    "actor_id",
    "actor_name",
    "actor_scope",
    "reason",
    "note"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING
  *;

-- steps
SELECT
  *
FROM
  "procedure_step"
WHERE
  "county_code" = $1
  AND "case_id" = $2
ORDER BY
  "seq";

-- countOverdue
SELECT
  count(*) AS n
FROM
  procedure_case
WHERE
  procedure = $1
  AND closed_at IS NULL
  AND due_date < $2::date
  AND region_code LIKE $3;

-- insertCases
INSERT INTO
  procedure_case (
    county_code,
    procedure,
    subject_id,
    region_code,
    state,
    due_date
  )
SELECT
  c.county_code,
  $1,
  c.subject_id,
  c.region_code,
  $2,
  c.due_date
FROM
  unnest($3::TEXT[], $4::BIGINT[], $5::TEXT[], $6::date[]) AS c (county_code, subject_id, region_code, due_date)
RETURNING
  county_code,
  id,
  subject_id,
  region_code;

-- casesByKeys
SELECT
  c.*,
  l.seq AS last_seq,
  l.to_state AS last_to_state,
  l.effective_date AS last_effective_date
FROM
  procedure_case c
  JOIN unnest($1::TEXT[], $2::BIGINT[]) AS k (county_code, id) ON c.county_code = k.county_code
  AND c.id = k.id
  LEFT JOIN LATERAL (
    SELECT
      s.seq,
      s.to_state,
      s.effective_date
    FROM
      procedure_step s
    WHERE
      s.county_code = c.county_code
      AND s.case_id = c.id
    ORDER BY
      s.seq DESC
    LIMIT
      1
  ) l ON TRUE;

-- moveCases
UPDATE procedure_case c
SET
  state = m.to_state,
  state_since = now(),
  due_date = m.due_date,
  closed_at = now() + CASE
    WHEN m.closed THEN interval '0'
  END,
  version = c.version + 1
FROM
  unnest(
    $1::TEXT[],
    $2::BIGINT[],
    $3::TEXT[],
    $4::INT[],
    $5::TEXT[],
    $6::date[],
    $7::BOOLEAN[]
  ) AS m (
    county_code,
    id,
    from_state,
    version,
    to_state,
    due_date,
    closed
  )
WHERE
  c.county_code = m.county_code
  AND c.id = m.id
  AND c.state = m.from_state
  AND c.version = m.version
RETURNING
  c.county_code,
  c.id;

-- insertSteps
INSERT INTO
  procedure_step (
    county_code,
    case_id,
    seq,
    action,
    from_state,
    to_state,
    effective_date,
    actor_id,
    actor_name,
    actor_scope,
    reason,
    note
  )
SELECT
  *
FROM
  unnest(
    $1::TEXT[],
    $2::BIGINT[],
    $3::INT[],
    $4::TEXT[],
    $5::TEXT[],
    $6::TEXT[],
    $7::date[],
    $8::BIGINT[],
    $9::TEXT[],
    $10::TEXT[],
    $11::TEXT[],
    $12::TEXT[]
  );
