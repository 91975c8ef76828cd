-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateComplaint
SELECT
  village_code
FROM
  exit_complaint
WHERE
  id = $1;

-- insertComplaint
INSERT INTO
  "exit_complaint" (
    "county_code",
    "reference",
    "village_code",
    "kind",
    "exit_household_id",
    "content",
    "contact",
    "client_digest"
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING
  "id";

-- noticeEntry
SELECT
  e.id
FROM
  exit_household e
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'household_exit'
  AND c.subject_id = e.id
WHERE
  e.county_code = $1
  AND e.village_code = $2
  AND e.id = $3
  AND c.state = 'notice';

-- complaints: all
SELECT
  x.id,
  x.county_code,
  x.reference,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.kind,
  x.exit_household_id,
  h.household_no,
  x.content,
  x.contact,
  x.received_at,
  x.answer,
  to_char(x.answered_on, 'YYYY-MM-DD') AS answered_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  exit_complaint x
  JOIN region v ON v.code = x.village_code
  LEFT JOIN region t ON t.code = left(x.village_code, 9)
  JOIN procedure_case c ON c.county_code = x.county_code
  AND c.procedure = 'exit_complaint'
  AND c.subject_id = x.id
  LEFT JOIN exit_household e ON e.county_code = x.county_code
  AND e.id = x.exit_household_id
  LEFT JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
WHERE
  x.village_code LIKE $1
ORDER BY
  c.closed_at IS NULL DESC,
  x.received_at DESC
LIMIT
  500;

-- complaints: open
SELECT
  x.id,
  x.county_code,
  x.reference,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.kind,
  x.exit_household_id,
  h.household_no,
  x.content,
  x.contact,
  x.received_at,
  x.answer,
  to_char(x.answered_on, 'YYYY-MM-DD') AS answered_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  exit_complaint x
  JOIN region v ON v.code = x.village_code
  LEFT JOIN region t ON t.code = left(x.village_code, 9)
  JOIN procedure_case c ON c.county_code = x.county_code
  AND c.procedure = 'exit_complaint'
  AND c.subject_id = x.id
  LEFT JOIN exit_household e ON e.county_code = x.county_code
  AND e.id = x.exit_household_id
  LEFT JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
WHERE
  x.village_code LIKE $1
  AND c.closed_at IS NULL
ORDER BY
  c.closed_at IS NULL DESC,
  x.received_at DESC
LIMIT
  500;

-- complaintById
SELECT
  x.id,
  x.county_code,
  x.reference,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.kind,
  x.exit_household_id,
  h.household_no,
  x.content,
  x.contact,
  x.received_at,
  x.answer,
  to_char(x.answered_on, 'YYYY-MM-DD') AS answered_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  exit_complaint x
  JOIN region v ON v.code = x.village_code
  LEFT JOIN region t ON t.code = left(x.village_code, 9)
  JOIN procedure_case c ON c.county_code = x.county_code
  AND c.procedure = 'exit_complaint'
  AND c.subject_id = x.id
  LEFT JOIN exit_household e ON e.county_code = x.county_code
  AND e.id = x.exit_household_id
  LEFT JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
WHERE
  x.id = $1;

-- complaintByReference
SELECT
  x.id,
  x.county_code,
  x.reference,
  x.village_code,
  v.name AS village_name,
  t.name AS township_name,
  x.kind,
  x.exit_household_id,
  h.household_no,
  x.content,
  x.contact,
  x.received_at,
  x.answer,
  to_char(x.answered_on, 'YYYY-MM-DD') AS answered_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  exit_complaint x
  JOIN region v ON v.code = x.village_code
  LEFT JOIN region t ON t.code = left(x.village_code, 9)
  JOIN procedure_case c ON c.county_code = x.county_code
  AND c.procedure = 'exit_complaint'
  AND c.subject_id = x.id
  LEFT JOIN exit_household e ON e.county_code = x.county_code
  AND e.id = x.exit_household_id
  LEFT JOIN household h ON h.county_code = e.county_code
  AND h.id = e.household_id
WHERE
  x.county_code = $1
  AND x.reference = $2;

-- setAnswer
UPDATE "exit_complaint"
SET
  "answer" = $1,
  "answered_on" = $2
WHERE
  "county_code" = $3
  AND "id" = $4;
