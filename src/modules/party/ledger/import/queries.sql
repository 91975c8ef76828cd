-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- analyzeStaged
ANALYZE import_party_ledger_row;

-- resetChecks
UPDATE import_party_ledger_row
SET
  problems = row_problems,
  outcome = NULL,
  changes = NULL
WHERE
  batch_id = $1;

-- markDuplicates
WITH
  d AS (
    SELECT
      row_number,
      min(row_number) OVER (
        PARTITION BY
          village_code,
          YEAR
      ) AS first
    FROM
      import_party_ledger_row
    WHERE
      batch_id = $1
      AND row_problems IS NULL
  )
UPDATE import_party_ledger_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      'year',
      'code',
      'DUPLICATE_ROW',
      'params',
      jsonb_build_object('other', d.first)
    )
  )
FROM
  d
WHERE
  r.batch_id = $2
  AND r.row_number = d.row_number
  AND d.first < d.row_number;

-- rowsOnFile
SELECT
  s.county_code,
  s.row_number,
  s.year,
  s.causes,
  s.problems_text,
  s.plan,
  s.county_leader,
  s.township_member,
  s.first_secretary,
  to_char(s.deadline, 'YYYY-MM-DD') AS deadline,
  s.progress,
  s.state,
  to_char(s.identified_on, 'YYYY-MM-DD') AS identified_on,
  to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  s.note,
  s.village_code
FROM
  import_party_ledger_row s
WHERE
  s.batch_id = $1
  AND s.problems IS NULL
ORDER BY
  s.row_number;

SELECT
  r.county_code,
  r.village_code,
  r.year,
  jsonb_build_object(
    'id',
    r.id,
    'case_id',
    c.id,
    'county_code',
    r.county_code,
    'last_step_on',
    (
      SELECT
        to_char(max(st.effective_date), 'YYYY-MM-DD')
      FROM
        procedure_step st
      WHERE
        st.county_code = c.county_code
        AND st.case_id = c.id
    ),
    'causes',
    to_jsonb(r.causes),
    'problems',
    r.problems,
    'plan',
    r.plan,
    'county_leader',
    r.county_leader,
    'township_member',
    r.township_member,
    'first_secretary_name',
    r.first_secretary_name,
    'deadline',
    to_char(r.deadline, 'YYYY-MM-DD'),
    'closed_on',
    to_char(r.closed_on, 'YYYY-MM-DD'),
    'consolidated_on',
    to_char(r.consolidated_on, 'YYYY-MM-DD'),
    'note',
    r.note,
    'state',
    c.state,
    'identified_on',
    (
      SELECT
        to_char(st.effective_date, 'YYYY-MM-DD')
      FROM
        procedure_step st
      WHERE
        st.county_code = c.county_code
        AND st.case_id = c.id
        AND st.seq = 1
    ),
    'progress',
    coalesce(
      (
        SELECT
          jsonb_agg(
            jsonb_build_object(
              'date',
              to_char(p.entry_date, 'YYYY-MM-DD'),
              'content',
              p.content
            )
            ORDER BY
              p.entry_date,
              p.id
          )
        FROM
          party_rectification_progress p
        WHERE
          p.county_code = r.county_code
          AND p.case_id = r.id
      ),
      '[]'::jsonb
    )
  ) AS "case"
FROM
  party_rectification r
  LEFT JOIN procedure_case c ON c.county_code = r.county_code
  AND c.procedure = $1
  AND c.subject_id = r.id
WHERE
  (r.county_code, r.village_code, r.year) IN (
    SELECT
      *
    FROM
      unnest($2::TEXT[], $3::TEXT[], $4::INT[])
  );

-- addProblems
UPDATE import_party_ledger_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || x.problems::jsonb
FROM
  unnest($1::INT[], $2::TEXT[]) AS x (row_number, problems)
WHERE
  r.batch_id = $3
  AND r.row_number = x.row_number;

-- lockCaseKeys
SELECT
  count(
    pg_advisory_xact_lock(
      hashtext ('party_rectification'),
      hashtext (k.village_code || '/' || k.year::text)
    )
  )
FROM
  (
    SELECT DISTINCT
      village_code,
      YEAR
    FROM
      import_party_ledger_row
    WHERE
      batch_id = $1
      AND village_code IS NOT NULL
      AND YEAR IS NOT NULL
    ORDER BY
      village_code,
      YEAR
  ) k;

SELECT
  r.county_code,
  r.id
FROM
  party_rectification r
WHERE
  (r.county_code, r.village_code, r.year) IN (
    SELECT
      s.county_code,
      s.village_code,
      s.year
    FROM
      import_party_ledger_row s
    WHERE
      s.batch_id = $1
  );

-- classify
WITH
  on_file AS MATERIALIZED (
    SELECT
      s.row_number
    FROM
      import_party_ledger_row s
      JOIN party_rectification r ON r.county_code = s.county_code
      AND r.village_code = s.village_code
      AND r.year = s.year
    WHERE
      s.batch_id = $1
  )
UPDATE import_party_ledger_row s
SET
  outcome = CASE
    WHEN s.problems IS NOT NULL THEN 'rejected'
    WHEN x.changes IS NOT NULL THEN 'update'
    WHEN s.row_number IN (
      SELECT
        row_number
      FROM
        on_file
    ) THEN 'unchanged'
    ELSE 'new'
  END,
  changes = CASE
    WHEN s.problems IS NULL THEN x.changes::jsonb
  END
FROM
  import_party_ledger_row s0
  LEFT JOIN unnest($2::INT[], $3::TEXT[]) AS x (row_number, changes) ON x.row_number = s0.row_number
WHERE
  s.batch_id = $4
  AND s0.batch_id = s.batch_id
  AND s0.row_number = s.row_number;

-- outcomeRows
SELECT
  s.row_number,
  s.outcome,
  s.village_code,
  v.name AS village_name,
  s.year,
  s.state,
  s.changes
FROM
  import_party_ledger_row s
  LEFT JOIN region v ON v.code = s.village_code
WHERE
  s.batch_id = $1
  AND s.row_number > $2
ORDER BY
  s.row_number
LIMIT
  $3;

-- countOutcomes
SELECT
  count(*)::int AS rows,
  count(*) FILTER (
    WHERE
      problems IS NOT NULL
  )::int AS bad,
  count(*) FILTER (
    WHERE
      outcome = 'new'
  )::int AS new,
  count(*) FILTER (
    WHERE
      outcome = 'update'
  )::int AS
UPDATE,
count(*) FILTER (
  WHERE
    outcome = 'unchanged'
)::int AS unchanged,
count(*) FILTER (
  WHERE
    outcome = 'rejected'
)::int AS rejected,
(
  coalesce(
    sum(jsonb_array_length(progress)) FILTER (
      WHERE
        outcome = 'new'
    ),
    0
  ) + coalesce(
    sum(jsonb_array_length(changes -> 'progress')) FILTER (
      WHERE
        outcome = 'update'
    ),
    0
  )
)::int AS progress
FROM
  import_party_ledger_row
WHERE
  batch_id = $1;

-- uploader
SELECT
  role,
  scope_code
FROM
  app_user
WHERE
  id = $1;
