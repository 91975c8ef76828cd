-- The SQL that commit.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in commit.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- updatePlans
SELECT DISTINCT
  ON (p.county_code, p.village_code, pe.name) p.county_code,
  p.village_code,
  pe.name,
  p.id
FROM
  cadre_posting p
  JOIN cadre cd ON cd.county_code = p.county_code
  AND cd.id = p.cadre_id
  JOIN person pe ON pe.county_code = cd.county_code
  AND pe.id = cd.person_id
WHERE
  (p.county_code, p.village_code) IN (
    SELECT
      *
    FROM
      unnest($1::TEXT[], $2::TEXT[])
  )
  AND p.role = 'first_secretary'
  AND p.confirmed_on IS NOT NULL
  AND p.end_date IS NULL
ORDER BY
  p.county_code,
  p.village_code,
  pe.name,
  p.start_date DESC,
  p.id DESC;

UPDATE party_rectification r
SET
  plan = coalesce(x.plan, r.plan),
  county_leader = coalesce(x.county_leader, r.county_leader),
  township_member = coalesce(x.township_member, r.township_member),
  deadline = coalesce(x.deadline, r.deadline),
  first_secretary_name = coalesce(x.first_secretary, r.first_secretary_name),
  first_secretary_posting_id = CASE
    WHEN x.first_secretary IS NULL THEN r.first_secretary_posting_id
    ELSE x.posting_id
  END,
  updated_at = now()
FROM
  unnest(
    $1::TEXT[],
    $2::BIGINT[],
    $3::TEXT[],
    $4::TEXT[],
    $5::TEXT[],
    $6::TEXT[],
    $7::date[],
    $8::BIGINT[]
  ) AS x (
    county_code,
    id,
    plan,
    county_leader,
    township_member,
    first_secretary,
    deadline,
    posting_id
  )
WHERE
  r.county_code = x.county_code
  AND r.id = x.id;

-- appendProgress
INSERT INTO
  party_rectification_progress (
    county_code,
    case_id,
    entry_date,
    content,
    actor_name
  )
SELECT
  x.county_code,
  x.id,
  x.d::date,
  x.content,
  $1
FROM
  unnest($2::TEXT[], $3::BIGINT[], $4::TEXT[], $5::TEXT[]) WITH ORDINALITY AS x (county_code, id, d, content, n)
ORDER BY
  x.n;

-- setOutcomeDays
UPDATE party_rectification r
SET
  closed_on = coalesce(x.closed_on, r.closed_on),
  consolidated_on = coalesce(x.consolidated_on, r.consolidated_on),
  updated_at = now()
FROM
  unnest($1::TEXT[], $2::BIGINT[], $3::date[], $4::date[]) AS x (county_code, id, closed_on, consolidated_on)
WHERE
  r.county_code = x.county_code
  AND r.id = x.id;

-- insertNew
SELECT
  s.row_number,
  s.county_code,
  s.village_code,
  s.year,
  s.causes,
  s.problems_text,
  s.plan,
  s.county_leader,
  s.township_member,
  s.first_secretary,
  to_char(s.deadline, 'YYYY-MM-DD') AS deadline,
  to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on,
  to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on,
  s.note,
  s.progress,
  s.state,
  to_char(s.opened_on, 'YYYY-MM-DD') AS opened_on,
  to_char(s.planned_on, 'YYYY-MM-DD') AS planned_on
FROM
  import_party_ledger_row s
WHERE
  s.batch_id = $1
  AND s.outcome = 'new'
ORDER BY
  s.row_number;

SELECT
  o.county_code,
  o.region_code,
  o.id
FROM
  party_org o
WHERE
  (o.county_code, o.region_code) IN (
    SELECT
      *
    FROM
      unnest($1::TEXT[], $2::TEXT[])
  )
  AND o.dissolved_on IS NULL;

SELECT DISTINCT
  ON (p.county_code, p.village_code, pe.name) p.county_code,
  p.village_code,
  pe.name,
  p.id
FROM
  cadre_posting p
  JOIN cadre cd ON cd.county_code = p.county_code
  AND cd.id = p.cadre_id
  JOIN person pe ON pe.county_code = cd.county_code
  AND pe.id = cd.person_id
WHERE
  (p.county_code, p.village_code) IN (
    SELECT
      *
    FROM
      unnest($1::TEXT[], $2::TEXT[])
  )
  AND p.role = 'first_secretary'
  AND p.confirmed_on IS NOT NULL
  AND p.end_date IS NULL
ORDER BY
  p.county_code,
  p.village_code,
  pe.name,
  p.start_date DESC,
  p.id DESC;

INSERT INTO
  party_rectification (
    county_code,
    village_code,
    org_id,
    YEAR,
    causes,
    problems,
    plan,
    county_leader,
    township_member,
    first_secretary_posting_id,
    first_secretary_name,
    deadline,
    closed_on,
    consolidated_on,
    note
  )
SELECT
  c,
  v,
  o,
  y,
  string_to_array(ca, ','),
  pt,
  pl,
  cl,
  tm,
  fp,
  fs,
  dl,
  co,
  cs,
  nt
FROM
  unnest(
    $1::TEXT[],
    $2::TEXT[],
    $3::BIGINT[],
    $4::INT[],
    $5::TEXT[],
    $6::TEXT[],
    $7::TEXT[],
    $8::TEXT[],
    $9::TEXT[],
    $10::BIGINT[],
    $11::TEXT[],
    $12::date[],
    $13::date[],
    $14::date[],
    $15::TEXT[]
  ) WITH ORDINALITY AS t (
    c,
    v,
    o,
    y,
    ca,
    pt,
    pl,
    cl,
    tm,
    fp,
    fs,
    dl,
    co,
    cs,
    nt,
    n
  )
ORDER BY
  n
RETURNING
  county_code,
  id,
  village_code,
  YEAR,
  causes,
  first_secretary_name;
