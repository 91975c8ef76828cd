-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateDecision
SELECT
  village_code
FROM
  party_decision
WHERE
  id = $1;

-- villageOrg
SELECT
  o.county_code,
  o.id,
  o.name,
  (
    SELECT
      t.one_shoulder
    FROM
      party_secretary_term t
    WHERE
      t.county_code = o.county_code
      AND t.org_id = o.id
      AND t.end_date IS NULL
    LIMIT
      1
  ) AS one_shoulder
FROM
  party_org o
WHERE
  o.county_code = $1
  AND o.region_code = $2
  AND o.dissolved_on IS NULL;

-- memberCount
SELECT
  count(*)::int AS n
FROM
  party_member
WHERE
  county_code = $1
  AND org_id = $2
  AND joined_on <= $3::date
  AND (
    left_on IS NULL
    OR left_on > $4::date
  );

-- regionOf
SELECT
  r.code,
  r.name,
  r.level,
  t.name AS township_name,
  c.name AS county_name
FROM
  region r
  LEFT JOIN region t ON t.code = left(r.code, 9)
  LEFT JOIN region c ON c.code = left(r.code, 6)
WHERE
  r.code = $1;

-- insertDecision
INSERT INTO
  party_decision (
    county_code,
    village_code,
    org_id,
    title,
    content,
    category,
    amount,
    source,
    proposed_on
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING
  id;

-- decisionById
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version
FROM
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
WHERE
  d.id = $1;

-- lockDecision
SELECT
  id
FROM
  party_decision
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- listDecisions: a county, first page
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version
FROM
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
WHERE
  d.village_code LIKE $1
  AND d.county_code = $2
ORDER BY
  d.id DESC
LIMIT
  $3;

-- listDecisions: a city, a state, a year, after a cursor
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version
FROM
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
WHERE
  d.village_code LIKE $1
  AND c.state = $2
  AND d.proposed_on >= make_date($3::int, 1, 1)
  AND d.proposed_on < make_date($4::int + 1, 1, 1)
  AND d.id < $5
ORDER BY
  d.id DESC
LIMIT
  $6;

-- listDecisions: a township, one village
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version
FROM
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
WHERE
  d.village_code LIKE $1
  AND d.county_code = $2
ORDER BY
  d.id DESC
LIMIT
  $3;

-- decisionSteps
SELECT
  s.decision_id,
  s.step,
  to_char(s.held_on, 'YYYY-MM-DD') AS held_on,
  s.present,
  s.total,
  s.votes_for,
  s.votes_against,
  s.votes_abstain,
  s.township_attendee,
  s.joint,
  s.outcome,
  s.summary,
  s.place
FROM
  party_decision_step s
WHERE
  s.county_code = $1
  AND s.decision_id = $2
ORDER BY
  s.held_on,
  s.created_at;

-- insertStep
INSERT INTO
  party_decision_step (
    county_code,
    decision_id,
    step,
    village_code,
    held_on,
    present,
    total,
    votes_for,
    votes_against,
    votes_abstain,
    township_attendee,
    joint,
    outcome,
    summary,
    place
  )
VALUES
  (
    $1,
    $2,
    $3,
    $4,
    $5,
    $6,
    $7,
    $8,
    $9,
    $10,
    $11,
    $12,
    $13,
    $14,
    $15
  );

-- disclosedDecisions
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version
FROM
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
WHERE
  d.county_code = $1
  AND d.village_code = $2
  AND c.state IN ('decision_disclosed', 'result_disclosed')
ORDER BY
  d.id DESC
LIMIT
  $3;

-- stepsOf
SELECT
  s.decision_id,
  s.step,
  to_char(s.held_on, 'YYYY-MM-DD') AS held_on,
  s.present,
  s.total,
  s.votes_for,
  s.votes_against,
  s.votes_abstain,
  s.township_attendee,
  s.joint,
  s.outcome,
  s.summary,
  s.place
FROM
  party_decision_step s
WHERE
  s.county_code = $1
  AND s.decision_id = ANY ($2::BIGINT[])
ORDER BY
  s.decision_id,
  s.held_on,
  s.created_at;

-- villageDecisions
SELECT
  d.county_code,
  d.id,
  d.village_code,
  v.name AS village_name,
  d.org_id,
  d.title,
  d.content,
  d.category,
  d.amount::text AS amount,
  d.source,
  to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
  c.closed_at IS NOT NULL AS closed,
  c.version,
  (
    SELECT
      json_agg(
        s
        ORDER BY
          s.state
      )
    FROM
      (
        SELECT
          c2.state,
          count(*)::int AS n
        FROM
          party_decision d2
          JOIN procedure_case c2 ON c2.county_code = d2.county_code
          AND c2.procedure = 'party_decision'
          AND c2.subject_id = d2.id
        WHERE
          d2.county_code = $1
          AND d2.village_code = $2
        GROUP BY
          c2.state
      ) s
  ) AS by_state
FROM
  (
    SELECT
      *
    FROM
      party_decision
    WHERE
      county_code = $3
      AND village_code = $4
    ORDER BY
      id DESC
    LIMIT
      $5
  ) d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code
  AND c.procedure = 'party_decision'
  AND c.subject_id = d.id
ORDER BY
  d.id DESC;
