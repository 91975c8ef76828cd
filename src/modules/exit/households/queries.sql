-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateExitHousehold
SELECT
  village_code
FROM
  exit_household
WHERE
  id = $1;

-- locateExitBatch
SELECT
  village_code
FROM
  exit_batch
WHERE
  id = $1;

-- candidates: a village
SELECT
  h.id,
  h.household_no,
  p.name AS head_name,
  h.member_count,
  h.status,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  i.per_capita,
  e.id AS exit_id,
  c.state AS exit_state
FROM
  household h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  LEFT JOIN household_income i ON i.county_code = h.county_code
  AND i.household_id = h.id
  AND i.year = $1
  LEFT JOIN exit_household e ON e.county_code = h.county_code
  AND e.household_id = h.id
  AND e.year = $2
  LEFT JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  h.county_code = $3
  AND h.village_code = $4
  AND h.status IN ('poor', 'returned')
ORDER BY
  h.household_no;

-- candidates: named households
SELECT
  h.id,
  h.household_no,
  p.name AS head_name,
  h.member_count,
  h.status,
  h.guarantee_food,
  h.guarantee_clothing,
  h.guarantee_education,
  h.guarantee_medical,
  h.guarantee_housing,
  i.per_capita,
  e.id AS exit_id,
  c.state AS exit_state
FROM
  household h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  LEFT JOIN household_income i ON i.county_code = h.county_code
  AND i.household_id = h.id
  AND i.year = $1
  LEFT JOIN exit_household e ON e.county_code = h.county_code
  AND e.household_id = h.id
  AND e.year = $2
  LEFT JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  h.county_code = $3
  AND h.village_code = $4
  AND h.id = ANY ($5::BIGINT[])
ORDER BY
  h.household_no;

-- batchOf
SELECT
  *
FROM
  "exit_batch"
WHERE
  "county_code" = $1
  AND "village_code" = $2
  AND "year" = $3;

-- insertBatch
INSERT INTO
  "exit_batch" (
    "county_code",
    "village_code",
    "year",
    "proposed_on",
    "note"
  )
VALUES
  ($1, $2, $3, $4, $5)
RETURNING
  "id";

-- insertExitHouseholds
INSERT INTO
  "exit_household" (
    "county_code",
    "batch_id",
    "household_id",
    "village_code",
    "year",
    "income_per_capita",
    "poverty_line"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7)
RETURNING
  "id",
  "household_id";

-- batches: a county
SELECT
  b.id,
  b.county_code,
  b.village_code,
  v.name AS village_name,
  t.name AS township_name,
  b.year,
  to_char(b.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  (
    SELECT
      count(*)::int
    FROM
      exit_household e
    WHERE
      e.county_code = b.county_code
      AND e.batch_id = b.id
  ) AS households,
  (
    SELECT
      jsonb_object_agg(s.state, s.n)
    FROM
      (
        SELECT
          c.state,
          count(*)::int AS n
        FROM
          exit_household e
          JOIN procedure_case c ON c.county_code = e.county_code
          AND c.procedure = 'household_exit'
          AND c.subject_id = e.id
        WHERE
          e.county_code = b.county_code
          AND e.batch_id = b.id
        GROUP BY
          c.state
      ) s
  ) AS states
FROM
  exit_batch b
  JOIN region v ON v.code = b.village_code
  LEFT JOIN region t ON t.code = left(b.village_code, 9)
WHERE
  b.village_code LIKE $1
ORDER BY
  b.year DESC,
  b.village_code
LIMIT
  500;

-- batches: a township and a year
SELECT
  b.id,
  b.county_code,
  b.village_code,
  v.name AS village_name,
  t.name AS township_name,
  b.year,
  to_char(b.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  (
    SELECT
      count(*)::int
    FROM
      exit_household e
    WHERE
      e.county_code = b.county_code
      AND e.batch_id = b.id
  ) AS households,
  (
    SELECT
      jsonb_object_agg(s.state, s.n)
    FROM
      (
        SELECT
          c.state,
          count(*)::int AS n
        FROM
          exit_household e
          JOIN procedure_case c ON c.county_code = e.county_code
          AND c.procedure = 'household_exit'
          AND c.subject_id = e.id
        WHERE
          e.county_code = b.county_code
          AND e.batch_id = b.id
        GROUP BY
          c.state
      ) s
  ) AS states
FROM
  exit_batch b
  JOIN region v ON v.code = b.village_code
  LEFT JOIN region t ON t.code = left(b.village_code, 9)
WHERE
  b.village_code LIKE $1
  AND b.year = $2
ORDER BY
  b.year DESC,
  b.village_code
LIMIT
  500;

-- batchById
SELECT
  b.id,
  b.county_code,
  b.village_code,
  v.name AS village_name,
  t.name AS township_name,
  b.year,
  to_char(b.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  (
    SELECT
      count(*)::int
    FROM
      exit_household e
    WHERE
      e.county_code = b.county_code
      AND e.batch_id = b.id
  ) AS households,
  (
    SELECT
      jsonb_object_agg(s.state, s.n)
    FROM
      (
        SELECT
          c.state,
          count(*)::int AS n
        FROM
          exit_household e
          JOIN procedure_case c ON c.county_code = e.county_code
          AND c.procedure = 'household_exit'
          AND c.subject_id = e.id
        WHERE
          e.county_code = b.county_code
          AND e.batch_id = b.id
        GROUP BY
          c.state
      ) s
  ) AS states
FROM
  exit_batch b
  JOIN region v ON v.code = b.village_code
  LEFT JOIN region t ON t.code = left(b.village_code, 9)
WHERE
  b.id = $1;

-- batchHouseholds
SELECT
  e.id,
  e.county_code,
  e.batch_id,
  e.household_id,
  h.household_no,
  p.name AS head_name,
  h.member_count,
  h.status AS household_status,
  e.village_code,
  e.year,
  e.income_per_capita,
  e.poverty_line,
  to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from,
  to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
  to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on,
  to_char(e.closed_on, 'YYYY-MM-DD') AS closed_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  (
    SELECT
      count(*)::int
    FROM
      exit_objection o
    WHERE
      o.county_code = e.county_code
      AND o.exit_household_id = e.id
      AND o.outcome IS NULL
  ) AS objections_open
FROM
  exit_household e
  JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  e.county_code = $1
  AND e.batch_id = $2
ORDER BY
  h.household_no;

-- exitHouseholdById
SELECT
  e.id,
  e.county_code,
  e.batch_id,
  e.household_id,
  h.household_no,
  p.name AS head_name,
  h.member_count,
  h.status AS household_status,
  e.village_code,
  e.year,
  e.income_per_capita,
  e.poverty_line,
  to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from,
  to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
  to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on,
  to_char(e.closed_on, 'YYYY-MM-DD') AS closed_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  (
    SELECT
      count(*)::int
    FROM
      exit_objection o
    WHERE
      o.county_code = e.county_code
      AND o.exit_household_id = e.id
      AND o.outcome IS NULL
  ) AS objections_open
FROM
  exit_household e
  JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  e.id = $1;

-- lockExitHousehold
SELECT
  1
FROM
  exit_household
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- setDates
UPDATE "exit_household"
SET
  "notice_from" = $1,
  "notice_until" = $2
WHERE
  "county_code" = $3
  AND "id" IN ($4);

-- objectionsOf
SELECT
  id,
  county_code,
  exit_household_id,
  source,
  content,
  to_char(received_on, 'YYYY-MM-DD') AS received_on,
  complaint_id,
  outcome,
  outcome_reason,
  to_char(decided_on, 'YYYY-MM-DD') AS decided_on,
  decided_by,
  recorded_by
FROM
  exit_objection
WHERE
  county_code = $1
  AND exit_household_id = $2
ORDER BY
  id;

-- objectionById
SELECT
  id,
  county_code,
  exit_household_id,
  source,
  content,
  to_char(received_on, 'YYYY-MM-DD') AS received_on,
  complaint_id,
  outcome,
  outcome_reason,
  to_char(decided_on, 'YYYY-MM-DD') AS decided_on,
  decided_by,
  recorded_by
FROM
  exit_objection
WHERE
  county_code = $1
  AND id = $2;

-- insertObjection
INSERT INTO
  "exit_objection" (
    "county_code",
    "exit_household_id",
    "source",
    "content",
    "received_on",
    "complaint_id",
    "recorded_by"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7)
RETURNING
  "id";

-- decideObjection
UPDATE "exit_objection"
SET
  "outcome" = $1,
  "outcome_reason" = $2,
  "decided_on" = $3,
  "decided_by" = $4
WHERE
  "county_code" = $5
  AND "id" = $6
  AND "outcome" IS NULL
RETURNING
  "id";
