-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locatePosting
SELECT
  village_code
FROM
  cadre_posting
WHERE
  id = $1;

-- locateLeave
SELECT
  p.village_code
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
WHERE
  l.id = $1;

-- leaveOfPosting
SELECT
  l.id,
  l.county_code,
  l.posting_id,
  pe.name,
  p.village_code,
  v.name AS village_name,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
  (l.end_date - l.start_date + 1)::int AS days,
  l.reason,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  l.county_code = $1
  AND l.posting_id = $2
ORDER BY
  l.start_date DESC,
  l.id DESC
LIMIT
  100;

-- listUnits
SELECT
  u.id,
  u.name,
  u.level,
  u.region_code,
  r.name AS region_name
FROM
  dispatch_unit u
  JOIN region r ON r.code = u.region_code
WHERE
  u.region_code IN ($1, $2, $3)
  OR u.region_code LIKE $4
ORDER BY
  length(u.region_code),
  u.region_code,
  u.name;

-- unitById
SELECT
  u.id,
  u.name,
  u.level,
  u.region_code,
  r.name AS region_name
FROM
  dispatch_unit u
  JOIN region r ON r.code = u.region_code
WHERE
  u.id = $1;

-- insertUnit
INSERT INTO
  dispatch_unit (name, level, region_code)
VALUES
  ($1, $2, $3)
ON CONFLICT (region_code, name) DO NOTHING
RETURNING
  id;

-- lockIdentity
SELECT
  pg_advisory_xact_lock(hashtextextended ($1, 0));

-- identityOf
SELECT
  county_code,
  person_id
FROM
  person_identity
WHERE
  id_hash = $1;

-- personName
SELECT
  name
FROM
  person
WHERE
  county_code = $1
  AND id = $2;

-- insertPerson
WITH
  ins AS (
    INSERT INTO
      person (
        county_code,
        id_hash,
        id_cipher,
        id_masked,
        id_tail_hash,
        name,
        name_pinyin,
        name_initials,
        gender,
        birth_date,
        phone_cipher,
        phone_masked,
        phone_hash
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
        $13
      )
    RETURNING
      county_code,
      id,
      id_hash
  )
INSERT INTO
  person_identity (id_hash, county_code, person_id)
SELECT
  id_hash,
  county_code,
  id
FROM
  ins
RETURNING
  person_id AS id;

-- setPhone
UPDATE person
SET
  phone_cipher = $1,
  phone_masked = $2,
  phone_hash = $3,
  updated_at = now()
WHERE
  county_code = $4
  AND id = $5;

-- upsertCadre
INSERT INTO
  cadre (
    county_code,
    person_id,
    unit_id,
    post,
    rank,
    party_member,
    updated_at
  )
VALUES
  ($1, $2, $3, $4, $5, $6, now())
ON CONFLICT (county_code, person_id) DO UPDATE
SET
  unit_id = excluded.unit_id,
  post = excluded.post,
  rank = excluded.rank,
  party_member = excluded.party_member,
  updated_at = excluded.updated_at
RETURNING
  id;

SELECT
  1
FROM
  cadre
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

-- openPostingsOf
SELECT
  p.id,
  p.village_code,
  v.name AS village_name,
  c.state
FROM
  cadre_posting p
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
  JOIN region v ON v.code = p.village_code
WHERE
  p.county_code = $1
  AND p.cadre_id = $2
  AND c.state IN ('proposed', 'in_post');

-- insertPosting
INSERT INTO
  cadre_posting (
    county_code,
    cadre_id,
    village_code,
    role,
    unit_id,
    start_date,
    planned_end_date,
    replaces_id
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING
  id;

-- confirmPosting
UPDATE cadre_posting
SET
  confirmed_on = $1,
  updated_at = now()
WHERE
  county_code = $2
  AND id = $3;

-- endPosting
UPDATE cadre_posting
SET
  end_date = $1,
  end_kind = $2,
  end_reason_code = $3,
  end_reason = $4,
  updated_at = now()
WHERE
  county_code = $5
  AND id = $6;

-- disablePostingUsers
UPDATE app_user
SET
  disabled = TRUE
WHERE
  posting_county = $1
  AND posting_id = $2
  AND NOT disabled
RETURNING
  id;

-- postingById
SELECT
  p.id,
  p.county_code,
  p.cadre_id,
  k.person_id,
  pe.name,
  pe.id_masked,
  pe.gender,
  extract(
    YEAR
    FROM
      pe.birth_date
  )::int AS birth_year,
  pe.phone_masked,
  k.party_member,
  k.post,
  k.rank,
  p.unit_id,
  u.name AS unit_name,
  u.level AS unit_level,
  p.role,
  p.village_code,
  v.name AS village_name,
  t.name AS township_name,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
  to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  p.end_kind,
  p.end_reason_code,
  p.end_reason,
  p.replaces_id,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = v.parent_code
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
WHERE
  p.id = $1;

-- listPostings: a county, first page
SELECT
  p.id,
  p.county_code,
  p.cadre_id,
  k.person_id,
  pe.name,
  pe.id_masked,
  pe.gender,
  extract(
    YEAR
    FROM
      pe.birth_date
  )::int AS birth_year,
  pe.phone_masked,
  k.party_member,
  k.post,
  k.rank,
  p.unit_id,
  u.name AS unit_name,
  u.level AS unit_level,
  p.role,
  p.village_code,
  v.name AS village_name,
  t.name AS township_name,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
  to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  p.end_kind,
  p.end_reason_code,
  p.end_reason,
  p.replaces_id,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = v.parent_code
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
WHERE
  "p"."county_code" = $1
ORDER BY
  p.county_code,
  p.id
LIMIT
  $2;

-- listPostings: a city, every filter, next page
SELECT
  p.id,
  p.county_code,
  p.cadre_id,
  k.person_id,
  pe.name,
  pe.id_masked,
  pe.gender,
  extract(
    YEAR
    FROM
      pe.birth_date
  )::int AS birth_year,
  pe.phone_masked,
  k.party_member,
  k.post,
  k.rank,
  p.unit_id,
  u.name AS unit_name,
  u.level AS unit_level,
  p.role,
  p.village_code,
  v.name AS village_name,
  t.name AS township_name,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
  to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  p.end_kind,
  p.end_reason_code,
  p.end_reason,
  p.replaces_id,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = v.parent_code
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
WHERE
  "p"."county_code" >= $1
  AND "p"."county_code" < $2
  AND c.state = $3
  AND p.role = $4
  AND pe.name LIKE $5
  AND (p.county_code, p.id) > ($6, $7)
ORDER BY
  p.county_code,
  p.id
LIMIT
  $8;

-- listPostings: a village, by pinyin
SELECT
  p.id,
  p.county_code,
  p.cadre_id,
  k.person_id,
  pe.name,
  pe.id_masked,
  pe.gender,
  extract(
    YEAR
    FROM
      pe.birth_date
  )::int AS birth_year,
  pe.phone_masked,
  k.party_member,
  k.post,
  k.rank,
  p.unit_id,
  u.name AS unit_name,
  u.level AS unit_level,
  p.role,
  p.village_code,
  v.name AS village_name,
  t.name AS township_name,
  to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(p.planned_end_date, 'YYYY-MM-DD') AS planned_end_date,
  to_char(p.confirmed_on, 'YYYY-MM-DD') AS confirmed_on,
  to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
  p.end_kind,
  p.end_reason_code,
  p.end_reason,
  p.replaces_id,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_posting p
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  JOIN region v ON v.code = p.village_code
  LEFT JOIN region t ON t.code = v.parent_code
  JOIN procedure_case c ON c.county_code = p.county_code
  AND c.procedure = 'cadres.posting'
  AND c.subject_id = p.id
WHERE
  "p"."county_code" = $1
  AND "p"."village_code" LIKE $2
  AND (
    pe.name_pinyin LIKE $3
    OR pe.name_initials LIKE $4
  )
ORDER BY
  p.county_code,
  p.id
LIMIT
  $5;

-- leaveById
SELECT
  l.id,
  l.county_code,
  l.posting_id,
  pe.name,
  p.village_code,
  v.name AS village_name,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
  (l.end_date - l.start_date + 1)::int AS days,
  l.reason,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  l.id = $1;

-- leavesOfPosting
SELECT
  l.id,
  l.county_code,
  l.posting_id,
  pe.name,
  p.village_code,
  v.name AS village_name,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
  (l.end_date - l.start_date + 1)::int AS days,
  l.reason,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  l.county_code = $1
  AND l.posting_id = $2
ORDER BY
  l.start_date DESC,
  l.id DESC;

-- listLeave: a county
SELECT
  l.id,
  l.county_code,
  l.posting_id,
  pe.name,
  p.village_code,
  v.name AS village_name,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
  (l.end_date - l.start_date + 1)::int AS days,
  l.reason,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  "p"."county_code" = $1
ORDER BY
  l.county_code,
  l.id DESC
LIMIT
  $2;

-- listLeave: a township awaiting approval, next page
SELECT
  l.id,
  l.county_code,
  l.posting_id,
  pe.name,
  p.village_code,
  v.name AS village_name,
  l.kind,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date,
  (l.end_date - l.start_date + 1)::int AS days,
  l.reason,
  c.id AS case_id,
  c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date
FROM
  cadre_leave l
  JOIN cadre_posting p ON p.county_code = l.county_code
  AND p.id = l.posting_id
  JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  JOIN region v ON v.code = p.village_code
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  "p"."county_code" = $1
  AND "p"."village_code" LIKE $2
  AND c.state = $3
  AND (
    l.county_code > $4
    OR (
      l.county_code = $5
      AND l.id < $6
    )
  )
ORDER BY
  l.county_code,
  l.id DESC
LIMIT
  $7;

-- lockPosting
BEGIN;

SELECT
  1
FROM
  cadre_posting
WHERE
  county_code = $1
  AND id = $2
FOR UPDATE;

COMMIT;

-- overlappingLeave
SELECT
  l.id,
  to_char(l.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(l.end_date, 'YYYY-MM-DD') AS end_date
FROM
  cadre_leave l
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  l.county_code = $1
  AND l.posting_id = $2
  AND c.state IN ('requested', 'approved', 'taken')
  AND l.start_date <= $3::date
  AND l.end_date >= $4::date
ORDER BY
  l.start_date
LIMIT
  1;

-- insertLeave
INSERT INTO
  cadre_leave (
    county_code,
    posting_id,
    kind,
    start_date,
    end_date,
    reason
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
RETURNING
  id;
