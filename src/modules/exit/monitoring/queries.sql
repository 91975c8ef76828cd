-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateMonitoringCase
SELECT
  village_code
FROM
  monitoring_case
WHERE
  id = $1;

-- householdFacts
SELECT
  h.county_code,
  h.id,
  h.village_code,
  h.household_no,
  h.status,
  p.name AS head_name,
  i.per_capita AS income,
  i.year AS income_year
FROM
  household h
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  LEFT JOIN LATERAL (
    SELECT
      per_capita,
      YEAR
    FROM
      household_income x
    WHERE
      x.county_code = h.county_code
      AND x.household_id = h.id
    ORDER BY
      YEAR DESC
    LIMIT
      1
  ) i ON TRUE
WHERE
  h.county_code = $1
  AND h.id = $2;

-- liveCaseOf
SELECT
  m.id
FROM
  monitoring_case m
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
WHERE
  m.county_code = $2
  AND m.household_id = $3
  AND c.closed_at IS NULL
LIMIT
  1;

-- insertMonitoringCase
INSERT INTO
  monitoring_case (
    county_code,
    household_id,
    village_code,
    kind,
    source,
    source_ref,
    risk,
    income,
    monitoring_only,
    created_by
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING
  id;

-- insertMonitoringCases
INSERT INTO
  monitoring_case (
    county_code,
    household_id,
    village_code,
    kind,
    source,
    source_ref,
    risk,
    income,
    monitoring_only,
    created_by
  )
SELECT
  *
FROM
  jsonb_to_recordset($1::jsonb) AS x (
    county_code text,
    household_id bigint,
    village_code text,
    kind text,
    source text,
    source_ref bigint,
    risk text,
    income numeric,
    monitoring_only boolean,
    created_by bigint
  )
RETURNING
  county_code,
  id,
  household_id,
  village_code;

-- listMonitoring: a county, first page
SELECT
  m.county_code,
  m.id,
  m.household_id,
  h.household_no,
  h.status AS household_status,
  p.name AS head_name,
  m.village_code,
  v.name AS village_name,
  t.name AS township_name,
  m.kind,
  m.source,
  m.risk,
  m.income,
  m.monitoring_only,
  to_char(m.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(m.decision_due, 'YYYY-MM-DD') AS decision_due,
  to_char(m.consent_signed_on, 'YYYY-MM-DD') AS consent_signed_on,
  to_char(m.included_on, 'YYYY-MM-DD') AS included_on,
  m.checklist,
  to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on,
  to_char(c.opened_at, 'YYYY-MM-DD') AS opened_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS step_due
FROM
  monitoring_case m
  JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN region v ON v.code = m.village_code
  JOIN region t ON t.code = left(m.village_code, 9)
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
WHERE
  (
    "m"."county_code" = $2
    AND "m"."village_code" LIKE $3
  )
ORDER BY
  m.county_code,
  m.id
LIMIT
  $4;

-- listMonitoring: a township, a state and a kind, after a cursor
SELECT
  m.county_code,
  m.id,
  m.household_id,
  h.household_no,
  h.status AS household_status,
  p.name AS head_name,
  m.village_code,
  v.name AS village_name,
  t.name AS township_name,
  m.kind,
  m.source,
  m.risk,
  m.income,
  m.monitoring_only,
  to_char(m.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(m.decision_due, 'YYYY-MM-DD') AS decision_due,
  to_char(m.consent_signed_on, 'YYYY-MM-DD') AS consent_signed_on,
  to_char(m.included_on, 'YYYY-MM-DD') AS included_on,
  m.checklist,
  to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on,
  to_char(c.opened_at, 'YYYY-MM-DD') AS opened_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS step_due
FROM
  monitoring_case m
  JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN region v ON v.code = m.village_code
  JOIN region t ON t.code = left(m.village_code, 9)
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
WHERE
  (
    "m"."county_code" = $2
    AND "m"."village_code" LIKE $3
  )
  AND c.state = $4
  AND m.kind = $5
  AND (m.county_code, m.id) > ($6, $7)
ORDER BY
  m.county_code,
  m.id
LIMIT
  $8;

-- listMonitoring: a city, overdue
SELECT
  m.county_code,
  m.id,
  m.household_id,
  h.household_no,
  h.status AS household_status,
  p.name AS head_name,
  m.village_code,
  v.name AS village_name,
  t.name AS township_name,
  m.kind,
  m.source,
  m.risk,
  m.income,
  m.monitoring_only,
  to_char(m.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(m.decision_due, 'YYYY-MM-DD') AS decision_due,
  to_char(m.consent_signed_on, 'YYYY-MM-DD') AS consent_signed_on,
  to_char(m.included_on, 'YYYY-MM-DD') AS included_on,
  m.checklist,
  to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on,
  to_char(c.opened_at, 'YYYY-MM-DD') AS opened_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS step_due
FROM
  monitoring_case m
  JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN region v ON v.code = m.village_code
  JOIN region t ON t.code = left(m.village_code, 9)
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
WHERE
  "m"."village_code" LIKE $2
  AND c.closed_at IS NULL
  AND c.state <> 'monitored'
  AND (
    c.due_date < $3::date
    OR m.decision_due < $4::date
  )
ORDER BY
  m.county_code,
  m.id
LIMIT
  $5;

-- monitoringById
SELECT
  m.county_code,
  m.id,
  m.household_id,
  h.household_no,
  h.status AS household_status,
  p.name AS head_name,
  m.village_code,
  v.name AS village_name,
  t.name AS township_name,
  m.kind,
  m.source,
  m.risk,
  m.income,
  m.monitoring_only,
  to_char(m.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(m.decision_due, 'YYYY-MM-DD') AS decision_due,
  to_char(m.consent_signed_on, 'YYYY-MM-DD') AS consent_signed_on,
  to_char(m.included_on, 'YYYY-MM-DD') AS included_on,
  m.checklist,
  to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on,
  to_char(c.opened_at, 'YYYY-MM-DD') AS opened_on,
  c.id AS case_id,
  c.state,
  c.version,
  to_char(c.due_date, 'YYYY-MM-DD') AS step_due
FROM
  monitoring_case m
  JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN region v ON v.code = m.village_code
  JOIN region t ON t.code = left(m.village_code, 9)
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
WHERE
  m.id = $2;

-- lockMonitoring
SELECT
  id
FROM
  monitoring_case
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- setFacts
UPDATE monitoring_case
SET
  confirmed_on = coalesce($1::date, confirmed_on),
  decision_due = coalesce($2::date, decision_due),
  consent_signed_on = coalesce($3::date, consent_signed_on),
  included_on = coalesce($4::date, included_on),
  checklist = coalesce($5::jsonb, checklist),
  ended_on = coalesce($6::date, ended_on)
WHERE
  county_code = $7
  AND id = $8;

-- insertMeasure
INSERT INTO
  monitoring_measure (
    county_code,
    case_id,
    type,
    started_on,
    amount,
    note
  )
VALUES
  ($1, $2, $3, $4::date, $5, $6)
RETURNING
  id;

-- measuresOf
SELECT
  id,
  type,
  to_char(started_on, 'YYYY-MM-DD') AS started_on,
  amount,
  note
FROM
  monitoring_measure
WHERE
  county_code = $1
  AND case_id = $2
ORDER BY
  started_on,
  id;

-- systemCandidates: a county
SELECT
  h.county_code,
  h.id,
  h.village_code,
  i.per_capita AS income,
  i.year
FROM
  household h
  JOIN LATERAL (
    SELECT
      per_capita,
      YEAR
    FROM
      household_income x
    WHERE
      x.county_code = h.county_code
      AND x.household_id = h.id
    ORDER BY
      YEAR DESC
    LIMIT
      1
  ) i ON TRUE
WHERE
  (
    "h"."county_code" = $1
    AND "h"."village_code" LIKE $2
  )
  AND h.status = 'exited'
  AND i.per_capita < $3
  AND NOT EXISTS (
    SELECT
      1
    FROM
      monitoring_case m
      JOIN procedure_case c ON c.county_code = m.county_code
      AND c.procedure = $4
      AND c.subject_id = m.id
    WHERE
      m.county_code = h.county_code
      AND m.household_id = h.id
      AND c.closed_at IS NULL
  )
ORDER BY
  h.county_code,
  h.id
LIMIT
  $5;

-- systemCandidates: a city
SELECT
  h.county_code,
  h.id,
  h.village_code,
  i.per_capita AS income,
  i.year
FROM
  household h
  JOIN LATERAL (
    SELECT
      per_capita,
      YEAR
    FROM
      household_income x
    WHERE
      x.county_code = h.county_code
      AND x.household_id = h.id
    ORDER BY
      YEAR DESC
    LIMIT
      1
  ) i ON TRUE
WHERE
  "h"."village_code" LIKE $1
  AND h.status = 'exited'
  AND i.per_capita < $2
  AND NOT EXISTS (
    SELECT
      1
    FROM
      monitoring_case m
      JOIN procedure_case c ON c.county_code = m.county_code
      AND c.procedure = $3
      AND c.subject_id = m.id
    WHERE
      m.county_code = h.county_code
      AND m.household_id = h.id
      AND c.closed_at IS NULL
  )
ORDER BY
  h.county_code,
  h.id
LIMIT
  $4;

-- noticesOfVillage
SELECT
  p.name AS head_name,
  to_char(s.effective_date, 'YYYY-MM-DD') AS notice_from
FROM
  monitoring_case m
  JOIN procedure_case c ON c.county_code = m.county_code
  AND c.procedure = $1
  AND c.subject_id = m.id
  JOIN household h ON h.county_code = m.county_code
  AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code
  AND p.id = h.head_person_id
  JOIN LATERAL (
    SELECT
      effective_date
    FROM
      procedure_step st
    WHERE
      st.county_code = c.county_code
      AND st.case_id = c.id
      AND st.to_state = 'notice'
    ORDER BY
      st.seq DESC
    LIMIT
      1
  ) s ON TRUE
WHERE
  m.county_code = $2
  AND m.village_code = $3
  AND c.state = 'notice'
ORDER BY
  s.effective_date,
  m.id;
