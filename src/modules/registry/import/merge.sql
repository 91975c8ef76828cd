-- The SQL that merge.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in merge.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- classifyHouseholds
DELETE FROM import_household
WHERE
  batch_id = $1;

INSERT INTO
  import_household (
    batch_id,
    county_code,
    household_no,
    outcome,
    household_id
  )
SELECT
  $1,
  s.county_code,
  s.household_no,
  CASE
    WHEN s.bad THEN 'rejected'
    WHEN l.household_id IS NULL THEN 'new'
    WHEN l.hash = s.hash THEN 'unchanged'
    ELSE 'updated'
  END,
  l.household_id
FROM
  (
    SELECT
      r.county_code,
      r.household_no,
      bool_or(r.problems IS NOT NULL) AS bad,
      md5(
        string_agg(
          concat_ws(
            '|',
            coalesce("r"."village_code"::text, ''),
            coalesce("r"."category"::text, ''),
            coalesce("r"."cause"::text, ''),
            coalesce("r"."year_identified"::text, ''),
            coalesce("r"."planned_exit_year"::text, ''),
            coalesce("r"."exit_year"::text, ''),
            coalesce("r"."status"::text, ''),
            coalesce(to_char("r"."income", 'FM999999999990.00'), ''),
            coalesce("r"."helper_name"::text, ''),
            coalesce("r"."id_hash"::text, ''),
            coalesce("r"."name"::text, ''),
            coalesce("r"."gender"::text, ''),
            coalesce("r"."birth_date"::text, ''),
            coalesce("r"."ethnicity"::text, ''),
            coalesce("r"."relation"::text, ''),
            coalesce("r"."education"::text, ''),
            coalesce("r"."schooling"::text, ''),
            coalesce("r"."health"::text, ''),
            coalesce("r"."labour"::text, ''),
            coalesce("r"."work"::text, ''),
            coalesce("r"."medical_insurance"::text, ''),
            coalesce("r"."phone_hash"::text, '')
          ),
          '#'
          ORDER BY
            "r"."id_hash"
        )
      ) AS hash
    FROM
      import_row r
    WHERE
      r.batch_id = $2
      AND r.county_code IS NOT NULL
      AND r.household_no IS NOT NULL
    GROUP BY
      r.county_code,
      r.household_no
  ) s
  LEFT JOIN (
    SELECT
      l.county_code,
      l.household_no,
      l.household_id,
      md5(
        string_agg(
          concat_ws(
            '|',
            coalesce("l"."village_code"::text, ''),
            coalesce("l"."category"::text, ''),
            coalesce("l"."cause"::text, ''),
            coalesce("l"."year_identified"::text, ''),
            coalesce("l"."planned_exit_year"::text, ''),
            coalesce("l"."exit_year"::text, ''),
            coalesce("l"."status"::text, ''),
            coalesce(to_char("l"."income", 'FM999999999990.00'), ''),
            coalesce("l"."helper_name"::text, ''),
            coalesce("l"."id_hash"::text, ''),
            coalesce("l"."name"::text, ''),
            coalesce("l"."gender"::text, ''),
            coalesce("l"."birth_date"::text, ''),
            coalesce("l"."ethnicity"::text, ''),
            coalesce("l"."relation"::text, ''),
            coalesce("l"."education"::text, ''),
            coalesce("l"."schooling"::text, ''),
            coalesce("l"."health"::text, ''),
            coalesce("l"."labour"::text, ''),
            coalesce("l"."work"::text, ''),
            coalesce("l"."medical_insurance"::text, ''),
            coalesce("l"."phone_hash"::text, '')
          ),
          '#'
          ORDER BY
            "l"."id_hash"
        )
      ) AS hash
    FROM
      (
        SELECT
          h.id AS household_id,
          h.county_code,
          h.household_no,
          h.village_code,
          h.category,
          h.cause,
          h.year_identified,
          h.planned_exit_year,
          h.exit_year,
          h.status,
          i.per_capita AS income,
          hp.helper_name,
          p.id_hash,
          p.name,
          p.gender,
          p.birth_date,
          p.ethnicity,
          m.relation,
          m.education,
          m.schooling,
          m.health,
          m.labour,
          m.work,
          m.medical_insurance,
          p.phone_hash
        FROM
          household h
          LEFT JOIN household_member m ON m.county_code = h.county_code
          AND m.household_id = h.id
          LEFT JOIN person p ON p.county_code = m.county_code
          AND p.id = m.person_id
          LEFT JOIN household_income i ON i.county_code = h.county_code
          AND i.household_id = h.id
          AND i.year = $3
          LEFT JOIN LATERAL (
            SELECT
              helper_name
            FROM
              help_pairing hp
            WHERE
              hp.county_code = h.county_code
              AND hp.household_id = h.id
              AND hp.end_date IS NULL
            ORDER BY
              hp.start_date DESC,
              hp.id DESC
            LIMIT
              1
          ) hp ON TRUE
      ) l
    WHERE
      (l.county_code, l.household_no) IN (
        SELECT
          county_code,
          household_no
        FROM
          import_row
        WHERE
          batch_id = $4
      )
    GROUP BY
      l.county_code,
      l.household_no,
      l.household_id
  ) l ON l.county_code = s.county_code
  AND l.household_no = s.household_no;

-- countOutcomes
SELECT
  count(*) AS rows,
  count(*) FILTER (
    WHERE
      problems IS NOT NULL
  ) AS bad
FROM
  import_row
WHERE
  batch_id = $1;

SELECT
  outcome,
  count(*) AS n
FROM
  import_household
WHERE
  batch_id = $1
GROUP BY
  outcome;

SELECT
  count(DISTINCT u.household_no) AS n
FROM
  import_row u
WHERE
  u.batch_id = $1
  AND u.county_code IS NULL
  AND u.household_no IS NOT NULL
  AND NOT EXISTS (
    SELECT
      1
    FROM
      import_household ih
    WHERE
      ih.batch_id = $2
      AND ih.household_no = u.household_no
  );

SELECT
  CASE
    WHEN ih.outcome IS NULL
    OR ih.outcome = 'rejected' THEN 'rejected'
    WHEN p.id IS NULL THEN 'new'
    WHEN p.name = r.name
    AND p.gender = r.gender
    AND p.birth_date = r.birth_date
    AND p.ethnicity IS NOT DISTINCT FROM r.ethnicity
    AND p.phone_hash IS NOT DISTINCT FROM r.phone_hash
    AND m.household_id IS NOT DISTINCT FROM ih.household_id
    AND m.relation IS NOT DISTINCT FROM r.relation
    AND m.education IS NOT DISTINCT FROM r.education
    AND m.schooling IS NOT DISTINCT FROM r.schooling
    AND m.health IS NOT DISTINCT FROM r.health
    AND m.labour IS NOT DISTINCT FROM r.labour
    AND m.work IS NOT DISTINCT FROM r.work
    AND m.medical_insurance IS NOT DISTINCT FROM r.medical_insurance THEN 'unchanged'
    ELSE 'updated'
  END AS kind,
  count(*) AS n
FROM
  import_row r
  LEFT JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  LEFT JOIN person_identity pi ON pi.id_hash = r.id_hash
  LEFT JOIN person p ON p.county_code = pi.county_code
  AND p.id = pi.person_id
  LEFT JOIN household_member m ON m.county_code = p.county_code
  AND m.person_id = p.id
WHERE
  r.batch_id = $1
GROUP BY
  1;

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

-- commitBatch: new households only, a small batch
BEGIN;

SELECT
  1
FROM
  import_household ih
WHERE
  ih.batch_id = $1
  AND ih.outcome = 'updated'
LIMIT
  1;

CREATE TEMP TABLE batch_person ON
COMMIT
DROP AS
SELECT
  pi.id_hash,
  pi.county_code,
  pi.person_id
FROM
  import_row r
  JOIN person_identity pi ON pi.id_hash = r.id_hash
WHERE
  r.batch_id = $1
  AND r.id_hash IS NOT NULL;

CREATE UNIQUE INDEX ON batch_person (id_hash);

UPDATE person p
SET
  name = r.name,
  name_initials = r.name_initials,
  name_pinyin = r.name_pinyin,
  id_tail_hash = coalesce(r.id_tail_hash, p.id_tail_hash),
  gender = r.gender,
  birth_date = r.birth_date,
  ethnicity = r.ethnicity,
  phone_cipher = r.phone_cipher,
  phone_masked = r.phone_masked,
  phone_hash = r.phone_hash,
  updated_at = now()
FROM
  import_row r
  JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  AND ih.batch_id = $1
  AND ih.outcome IN ('new', 'updated')
  JOIN batch_person pi ON pi.id_hash = r.id_hash
WHERE
  p.county_code = pi.county_code
  AND p.id = pi.person_id
  AND (
    p.name,
    p.name_pinyin,
    p.gender,
    p.birth_date,
    p.ethnicity,
    p.phone_hash,
    p.id_tail_hash IS NULL
  ) IS DISTINCT FROM (
    r.name,
    r.name_pinyin,
    r.gender,
    r.birth_date,
    r.ethnicity,
    r.phone_hash,
    r.id_tail_hash IS NULL
  );

WITH
  ins AS (
    INSERT INTO
      person (
        county_code,
        id_hash,
        id_cipher,
        id_masked,
        name,
        name_initials,
        name_pinyin,
        id_tail_hash,
        gender,
        birth_date,
        ethnicity,
        phone_cipher,
        phone_masked,
        phone_hash
      )
    SELECT
      r.county_code,
      r.id_hash,
      r.id_cipher,
      r.id_masked,
      r.name,
      r.name_initials,
      r.name_pinyin,
      r.id_tail_hash,
      r.gender,
      r.birth_date,
      r.ethnicity,
      r.phone_cipher,
      r.phone_masked,
      r.phone_hash
    FROM
      import_row r
      JOIN import_household ih ON ih.batch_id = r.batch_id
      AND ih.county_code = r.county_code
      AND ih.household_no = r.household_no
      AND ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
    WHERE
      NOT EXISTS (
        SELECT
          1
        FROM
          batch_person pi
        WHERE
          pi.id_hash = r.id_hash
      )
    RETURNING
      county_code,
      id,
      id_hash
  ),
  directory AS (
    INSERT INTO
      person_identity (id_hash, county_code, person_id)
    SELECT
      id_hash,
      county_code,
      id
    FROM
      ins
  )
INSERT INTO
  batch_person (id_hash, county_code, person_id)
SELECT
  id_hash,
  county_code,
  id
FROM
  ins;

SELECT DISTINCT
  ih.county_code
FROM
  import_household ih
WHERE
  ih.batch_id = $1
  AND ih.outcome = 'new';

INSERT INTO
  household (
    county_code,
    household_no,
    village_code,
    category,
    cause,
    year_identified,
    planned_exit_year,
    exit_year,
    status,
    head_person_id,
    member_count,
    updated_at
  )
SELECT
  g.county_code,
  g.household_no,
  g.village_code,
  g.category,
  g.cause,
  g.year_identified,
  g.planned_exit_year,
  g.exit_year,
  g.status,
  pi.person_id,
  g.members,
  now()
FROM
  (
    -- One pass over the rows: min() of a household column is its value (all rows agree).
    SELECT
      r.county_code,
      r.household_no,
      min(r.village_code) AS village_code,
      min(r.category) AS category,
      min(r.cause) AS cause,
      min(r.year_identified) AS year_identified,
      min(r.planned_exit_year) AS planned_exit_year,
      min(r.exit_year) AS exit_year,
      min(r.status) AS status,
      count(*)::int AS members,
      min(r.id_hash) FILTER (
        WHERE
          r.relation = 'head'
      ) AS head_hash
    FROM
      import_row r
      JOIN import_household ih ON ih.batch_id = r.batch_id
      AND ih.county_code = r.county_code
      AND ih.household_no = r.household_no
      AND ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
    GROUP BY
      r.county_code,
      r.household_no
  ) g
  JOIN batch_person pi ON pi.id_hash = g.head_hash
  -- updated_at comes from the row (now() in the SELECT): a distributed database refuses now() in the update.
ON CONFLICT (county_code, household_no) DO UPDATE
SET
  village_code = excluded.village_code,
  category = excluded.category,
  cause = excluded.cause,
  year_identified = excluded.year_identified,
  planned_exit_year = excluded.planned_exit_year,
  exit_year = excluded.exit_year,
  status = excluded.status,
  head_person_id = excluded.head_person_id,
  member_count = excluded.member_count,
  version = household.version + 1,
  updated_at = excluded.updated_at;

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

CREATE TEMP TABLE commit_row ON
COMMIT
DROP AS
SELECT
  r.county_code,
  r.household_no,
  r.row_number,
  r.village_code,
  r.name,
  r.id_masked,
  r.gender,
  r.ethnicity,
  r.phone_masked,
  r.relation,
  r.education,
  r.schooling,
  r.health,
  r.labour,
  r.work,
  r.medical_insurance,
  r.category,
  r.cause,
  r.year_identified,
  r.planned_exit_year,
  r.exit_year,
  r.status,
  r.income,
  r.helper_name,
  ih.helper_resolution,
  ih.helper_id,
  ih.outcome,
  ih.before,
  h.id AS household_id,
  pi.person_id
FROM
  import_row r
  JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  AND ih.batch_id = $1
  AND ih.outcome IN ('new', 'updated')
  JOIN household h ON h.county_code = r.county_code
  AND h.household_no = r.household_no
  JOIN batch_person pi ON pi.id_hash = r.id_hash;

INSERT INTO
  household_member (
    county_code,
    person_id,
    household_id,
    relation,
    education,
    schooling,
    health,
    labour,
    work,
    medical_insurance
  )
SELECT
  c.county_code,
  c.person_id,
  c.household_id,
  c.relation,
  c.education,
  c.schooling,
  c.health,
  c.labour,
  c.work,
  c.medical_insurance
FROM
  commit_row c
ON CONFLICT (county_code, person_id) DO UPDATE
SET
  household_id = excluded.household_id,
  relation = excluded.relation,
  education = excluded.education,
  schooling = excluded.schooling,
  health = excluded.health,
  labour = excluded.labour,
  work = excluded.work,
  medical_insurance = excluded.medical_insurance
WHERE
  (
    household_member.household_id,
    household_member.relation,
    household_member.education,
    household_member.schooling,
    household_member.health,
    household_member.labour,
    household_member.work,
    household_member.medical_insurance
  ) IS DISTINCT FROM (
    excluded.household_id,
    excluded.relation,
    excluded.education,
    excluded.schooling,
    excluded.health,
    excluded.labour,
    excluded.work,
    excluded.medical_insurance
  );

INSERT INTO
  household_income (county_code, household_id, YEAR, per_capita)
SELECT
  c.county_code,
  c.household_id,
  $1,
  c.income
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND c.income IS NOT NULL
ON CONFLICT (county_code, household_id, YEAR) DO NOTHING;

INSERT INTO
  household_status_history (
    county_code,
    household_id,
    status,
    previous_status,
    changed_on,
    reason
  )
SELECT
  c.county_code,
  c.household_id,
  c.status,
  c.before ->> 'status',
  $1::date,
  $2
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND (
    c.before IS NULL
    OR c.before ->> 'status' IS DISTINCT FROM c.status
  );

WITH
  current AS MATERIALIZED (
    SELECT
      hp.county_code,
      hp.household_id,
      hp.helper_name
    FROM
      help_pairing hp
    WHERE
      hp.end_date IS NULL
      AND (hp.county_code, hp.household_id) IN (
        SELECT
          county_code,
          household_id
        FROM
          commit_row
        WHERE
          relation = 'head'
          AND outcome = 'updated'
      )
  )
INSERT INTO
  help_pairing (
    county_code,
    household_id,
    helper_id,
    helper_name,
    start_date
  )
SELECT
  c.county_code,
  c.household_id,
  c.helper_id,
  c.helper_name,
  $1::date
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND c.helper_name IS NOT NULL
  AND c.helper_id IS NOT NULL
  AND (
    c.outcome = 'new'
    OR NOT EXISTS (
      SELECT
        1
      FROM
        current hp
      WHERE
        hp.county_code = c.county_code
        AND hp.household_id = c.household_id
        AND hp.helper_name = c.helper_name
    )
  );

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
  $1,
  $2,
  g.village_code,
  'household',
  g.household_id::text,
  CASE
    WHEN g.outcome = 'new' THEN 'import_create'
    ELSE 'import_update'
  END,
  g.before,
  jsonb_build_object(
    'householdNo',
    g.household_no,
    'villageCode',
    g.village_code,
    'category',
    g.category,
    'cause',
    g.cause,
    'yearIdentified',
    g.year_identified,
    'plannedExitYear',
    g.planned_exit_year,
    'exitYear',
    g.exit_year,
    'status',
    g.status,
    'income',
    g.income,
    'helper',
    g.helper_name,
    'members',
    g.members
  ),
  $3
FROM
  (
    -- One pass over the rows: min() of a household column is its value (all rows agree).
    SELECT
      c.county_code,
      c.household_no,
      min(c.household_id) AS household_id,
      min(c.outcome) AS outcome,
      (array_agg(c.before)) [1] AS before,
      min(c.village_code) AS village_code,
      min(c.category) AS category,
      min(c.cause) AS cause,
      min(c.year_identified) AS year_identified,
      min(c.planned_exit_year) AS planned_exit_year,
      min(c.exit_year) AS exit_year,
      min(c.status) AS status,
      min(c.income) AS income,
      min(c.helper_name) AS helper_name,
      jsonb_agg(
        jsonb_build_object(
          'personId',
          "c"."person_id",
          'name',
          "c"."name",
          'idNumber',
          "c"."id_masked",
          'gender',
          "c"."gender",
          'ethnicity',
          "c"."ethnicity",
          'phone',
          "c"."phone_masked",
          'relation',
          "c"."relation",
          'education',
          "c"."education",
          'schooling',
          "c"."schooling",
          'health',
          "c"."health",
          'labour',
          "c"."labour",
          'work',
          "c"."work",
          'medicalInsurance',
          "c"."medical_insurance"
        )
        ORDER BY
          c.person_id
      ) AS members
    FROM
      commit_row c
    GROUP BY
      c.county_code,
      c.household_no
  ) g;

COMMIT;

-- commitBatch: changed households, a large batch (fresh statistics)
BEGIN;

SELECT
  1
FROM
  import_household ih
WHERE
  ih.batch_id = $1
  AND ih.outcome = 'updated'
LIMIT
  1;

CREATE TEMP TABLE batch_person ON
COMMIT
DROP AS
SELECT
  pi.id_hash,
  pi.county_code,
  pi.person_id
FROM
  import_row r
  JOIN person_identity pi ON pi.id_hash = r.id_hash
WHERE
  r.batch_id = $1
  AND r.id_hash IS NOT NULL;

CREATE UNIQUE INDEX ON batch_person (id_hash);

WITH
  snap AS MATERIALIZED (
    SELECT
      x.county_code,
      x.id,
      (
        SELECT
          jsonb_build_object(
            'householdNo',
            hs.household_no,
            'villageCode',
            hs.village_code,
            'category',
            hs.category,
            'cause',
            hs.cause,
            'yearIdentified',
            hs.year_identified,
            'plannedExitYear',
            hs.planned_exit_year,
            'exitYear',
            hs.exit_year,
            'status',
            hs.status,
            'income',
            (
              SELECT
                per_capita
              FROM
                household_income i
              WHERE
                i.county_code = hs.county_code
                AND i.household_id = hs.id
                AND i.year = $1
            ),
            'helper',
            (
              SELECT
                helper_name
              FROM
                help_pairing hp
              WHERE
                hp.county_code = hs.county_code
                AND hp.household_id = hs.id
                AND hp.end_date IS NULL
              ORDER BY
                hp.start_date DESC,
                hp.id DESC
              LIMIT
                1
            ),
            'members',
            (
              SELECT
                jsonb_agg(
                  jsonb_build_object(
                    'personId',
                    "p"."id",
                    'name',
                    "p"."name",
                    'idNumber',
                    "p"."id_masked",
                    'gender',
                    "p"."gender",
                    'ethnicity',
                    "p"."ethnicity",
                    'phone',
                    "p"."phone_masked",
                    'relation',
                    "m"."relation",
                    'education',
                    "m"."education",
                    'schooling',
                    "m"."schooling",
                    'health',
                    "m"."health",
                    'labour',
                    "m"."labour",
                    'work',
                    "m"."work",
                    'medicalInsurance',
                    "m"."medical_insurance"
                  )
                  ORDER BY
                    p.id
                )
              FROM
                household_member m
                JOIN person p ON p.county_code = m.county_code
                AND p.id = m.person_id
              WHERE
                m.county_code = hs.county_code
                AND m.household_id = hs.id
            )
          )
        FROM
          household hs
        WHERE
          hs.county_code = "x"."county_code"
          AND hs.id = "x"."id"
      ) AS before
    FROM
      household x
    WHERE
      (x.county_code, x.id) IN (
        SELECT
          ih.county_code,
          ih.household_id
        FROM
          import_household ih
        WHERE
          ih.batch_id = $2
          AND ih.outcome = 'updated'
      )
  )
UPDATE import_household ih
SET
  before = snap.before
FROM
  snap
WHERE
  ih.batch_id = $3
  AND ih.outcome = 'updated'
  AND snap.county_code = ih.county_code
  AND snap.id = ih.household_id;

UPDATE person p
SET
  name = r.name,
  name_initials = r.name_initials,
  name_pinyin = r.name_pinyin,
  id_tail_hash = coalesce(r.id_tail_hash, p.id_tail_hash),
  gender = r.gender,
  birth_date = r.birth_date,
  ethnicity = r.ethnicity,
  phone_cipher = r.phone_cipher,
  phone_masked = r.phone_masked,
  phone_hash = r.phone_hash,
  updated_at = now()
FROM
  import_row r
  JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  AND ih.batch_id = $1
  AND ih.outcome IN ('new', 'updated')
  JOIN batch_person pi ON pi.id_hash = r.id_hash
WHERE
  p.county_code = pi.county_code
  AND p.id = pi.person_id
  AND (
    p.name,
    p.name_pinyin,
    p.gender,
    p.birth_date,
    p.ethnicity,
    p.phone_hash,
    p.id_tail_hash IS NULL
  ) IS DISTINCT FROM (
    r.name,
    r.name_pinyin,
    r.gender,
    r.birth_date,
    r.ethnicity,
    r.phone_hash,
    r.id_tail_hash IS NULL
  );

WITH
  ins AS (
    INSERT INTO
      person (
        county_code,
        id_hash,
        id_cipher,
        id_masked,
        name,
        name_initials,
        name_pinyin,
        id_tail_hash,
        gender,
        birth_date,
        ethnicity,
        phone_cipher,
        phone_masked,
        phone_hash
      )
    SELECT
      r.county_code,
      r.id_hash,
      r.id_cipher,
      r.id_masked,
      r.name,
      r.name_initials,
      r.name_pinyin,
      r.id_tail_hash,
      r.gender,
      r.birth_date,
      r.ethnicity,
      r.phone_cipher,
      r.phone_masked,
      r.phone_hash
    FROM
      import_row r
      JOIN import_household ih ON ih.batch_id = r.batch_id
      AND ih.county_code = r.county_code
      AND ih.household_no = r.household_no
      AND ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
    WHERE
      NOT EXISTS (
        SELECT
          1
        FROM
          batch_person pi
        WHERE
          pi.id_hash = r.id_hash
      )
    RETURNING
      county_code,
      id,
      id_hash
  ),
  directory AS (
    INSERT INTO
      person_identity (id_hash, county_code, person_id)
    SELECT
      id_hash,
      county_code,
      id
    FROM
      ins
  )
INSERT INTO
  batch_person (id_hash, county_code, person_id)
SELECT
  id_hash,
  county_code,
  id
FROM
  ins;

SELECT DISTINCT
  ih.county_code
FROM
  import_household ih
WHERE
  ih.batch_id = $1
  AND ih.outcome = 'new';

INSERT INTO
  household (
    county_code,
    household_no,
    village_code,
    category,
    cause,
    year_identified,
    planned_exit_year,
    exit_year,
    status,
    head_person_id,
    member_count,
    updated_at
  )
SELECT
  g.county_code,
  g.household_no,
  g.village_code,
  g.category,
  g.cause,
  g.year_identified,
  g.planned_exit_year,
  g.exit_year,
  g.status,
  pi.person_id,
  g.members,
  now()
FROM
  (
    -- One pass over the rows: min() of a household column is its value (all rows agree).
    SELECT
      r.county_code,
      r.household_no,
      min(r.village_code) AS village_code,
      min(r.category) AS category,
      min(r.cause) AS cause,
      min(r.year_identified) AS year_identified,
      min(r.planned_exit_year) AS planned_exit_year,
      min(r.exit_year) AS exit_year,
      min(r.status) AS status,
      count(*)::int AS members,
      min(r.id_hash) FILTER (
        WHERE
          r.relation = 'head'
      ) AS head_hash
    FROM
      import_row r
      JOIN import_household ih ON ih.batch_id = r.batch_id
      AND ih.county_code = r.county_code
      AND ih.household_no = r.household_no
      AND ih.batch_id = $1
      AND ih.outcome IN ('new', 'updated')
    GROUP BY
      r.county_code,
      r.household_no
  ) g
  JOIN batch_person pi ON pi.id_hash = g.head_hash
  -- updated_at comes from the row (now() in the SELECT): a distributed database refuses now() in the update.
ON CONFLICT (county_code, household_no) DO UPDATE
SET
  village_code = excluded.village_code,
  category = excluded.category,
  cause = excluded.cause,
  year_identified = excluded.year_identified,
  planned_exit_year = excluded.planned_exit_year,
  exit_year = excluded.exit_year,
  status = excluded.status,
  head_person_id = excluded.head_person_id,
  member_count = excluded.member_count,
  version = household.version + 1,
  updated_at = excluded.updated_at;

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

ANALYZE batch_person,
household;

CREATE TEMP TABLE commit_row ON
COMMIT
DROP AS
SELECT
  r.county_code,
  r.household_no,
  r.row_number,
  r.village_code,
  r.name,
  r.id_masked,
  r.gender,
  r.ethnicity,
  r.phone_masked,
  r.relation,
  r.education,
  r.schooling,
  r.health,
  r.labour,
  r.work,
  r.medical_insurance,
  r.category,
  r.cause,
  r.year_identified,
  r.planned_exit_year,
  r.exit_year,
  r.status,
  r.income,
  r.helper_name,
  ih.helper_resolution,
  ih.helper_id,
  ih.outcome,
  ih.before,
  h.id AS household_id,
  pi.person_id
FROM
  import_row r
  JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  AND ih.batch_id = $1
  AND ih.outcome IN ('new', 'updated')
  JOIN household h ON h.county_code = r.county_code
  AND h.household_no = r.household_no
  JOIN batch_person pi ON pi.id_hash = r.id_hash;

ANALYZE commit_row;

WITH
  gone AS MATERIALIZED (
    SELECT
      m.county_code,
      m.household_id,
      m.person_id
    FROM
      household_member m
    WHERE
      (m.county_code, m.household_id) IN (
        SELECT
          ih.county_code,
          ih.household_id
        FROM
          import_household ih
        WHERE
          ih.batch_id = $1
          AND ih.outcome = 'updated'
      )
    EXCEPT
    SELECT
      ih.county_code,
      ih.household_id,
      pi.person_id
    FROM
      import_row r
      JOIN import_household ih ON ih.batch_id = r.batch_id
      AND ih.county_code = r.county_code
      AND ih.household_no = r.household_no
      AND ih.batch_id = $2
      AND ih.outcome = 'updated'
      JOIN batch_person pi ON pi.id_hash = r.id_hash
      AND pi.county_code = ih.county_code
  )
DELETE FROM household_member m USING gone g
WHERE
  m.county_code = g.county_code
  AND m.person_id = g.person_id
  AND m.household_id = g.household_id;

INSERT INTO
  household_member (
    county_code,
    person_id,
    household_id,
    relation,
    education,
    schooling,
    health,
    labour,
    work,
    medical_insurance
  )
SELECT
  c.county_code,
  c.person_id,
  c.household_id,
  c.relation,
  c.education,
  c.schooling,
  c.health,
  c.labour,
  c.work,
  c.medical_insurance
FROM
  commit_row c
ON CONFLICT (county_code, person_id) DO UPDATE
SET
  household_id = excluded.household_id,
  relation = excluded.relation,
  education = excluded.education,
  schooling = excluded.schooling,
  health = excluded.health,
  labour = excluded.labour,
  work = excluded.work,
  medical_insurance = excluded.medical_insurance
WHERE
  (
    household_member.household_id,
    household_member.relation,
    household_member.education,
    household_member.schooling,
    household_member.health,
    household_member.labour,
    household_member.work,
    household_member.medical_insurance
  ) IS DISTINCT FROM (
    excluded.household_id,
    excluded.relation,
    excluded.education,
    excluded.schooling,
    excluded.health,
    excluded.labour,
    excluded.work,
    excluded.medical_insurance
  );

WITH
  have AS MATERIALIZED (
    SELECT
      i.county_code,
      i.household_id,
      i.per_capita
    FROM
      household_income i
    WHERE
      i.year = $1
      AND (i.county_code, i.household_id) IN (
        SELECT
          ih.county_code,
          ih.household_id
        FROM
          import_household ih
        WHERE
          ih.batch_id = $2
          AND ih.outcome = 'updated'
      )
  ),
  gone AS MATERIALIZED (
    SELECT
      h.county_code,
      h.household_id
    FROM
      have h
    WHERE
      NOT EXISTS (
        SELECT
          1
        FROM
          commit_row c
        WHERE
          c.county_code = h.county_code
          AND c.household_id = h.household_id
          AND c.relation = 'head'
          AND c.income = h.per_capita
      )
  )
DELETE FROM household_income i USING gone g
WHERE
  i.county_code = g.county_code
  AND i.household_id = g.household_id
  AND i.year = $3;

INSERT INTO
  household_income (county_code, household_id, YEAR, per_capita)
SELECT
  c.county_code,
  c.household_id,
  $1,
  c.income
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND c.income IS NOT NULL
ON CONFLICT (county_code, household_id, YEAR) DO NOTHING;

INSERT INTO
  household_status_history (
    county_code,
    household_id,
    status,
    previous_status,
    changed_on,
    reason
  )
SELECT
  c.county_code,
  c.household_id,
  c.status,
  c.before ->> 'status',
  $1::date,
  $2
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND (
    c.before IS NULL
    OR c.before ->> 'status' IS DISTINCT FROM c.status
  );

UPDATE help_pairing hp
SET
  end_date = $1::date
FROM
  import_row r
  JOIN import_household ih ON ih.batch_id = r.batch_id
  AND ih.county_code = r.county_code
  AND ih.household_no = r.household_no
  AND ih.batch_id = $2
  AND ih.outcome = 'updated'
WHERE
  r.relation = 'head'
  AND hp.county_code = ih.county_code
  AND hp.household_id = ih.household_id
  AND hp.end_date IS NULL
  AND hp.helper_name IS DISTINCT FROM r.helper_name
  AND ih.helper_resolution IS DISTINCT FROM 'ambiguous';

WITH
  current AS MATERIALIZED (
    SELECT
      hp.county_code,
      hp.household_id,
      hp.helper_name
    FROM
      help_pairing hp
    WHERE
      hp.end_date IS NULL
      AND (hp.county_code, hp.household_id) IN (
        SELECT
          county_code,
          household_id
        FROM
          commit_row
        WHERE
          relation = 'head'
          AND outcome = 'updated'
      )
  )
INSERT INTO
  help_pairing (
    county_code,
    household_id,
    helper_id,
    helper_name,
    start_date
  )
SELECT
  c.county_code,
  c.household_id,
  c.helper_id,
  c.helper_name,
  $1::date
FROM
  commit_row c
WHERE
  c.relation = 'head'
  AND c.helper_name IS NOT NULL
  AND c.helper_id IS NOT NULL
  AND (
    c.outcome = 'new'
    OR NOT EXISTS (
      SELECT
        1
      FROM
        current hp
      WHERE
        hp.county_code = c.county_code
        AND hp.household_id = c.household_id
        AND hp.helper_name = c.helper_name
    )
  );

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
  $1,
  $2,
  g.village_code,
  'household',
  g.household_id::text,
  CASE
    WHEN g.outcome = 'new' THEN 'import_create'
    ELSE 'import_update'
  END,
  g.before,
  jsonb_build_object(
    'householdNo',
    g.household_no,
    'villageCode',
    g.village_code,
    'category',
    g.category,
    'cause',
    g.cause,
    'yearIdentified',
    g.year_identified,
    'plannedExitYear',
    g.planned_exit_year,
    'exitYear',
    g.exit_year,
    'status',
    g.status,
    'income',
    g.income,
    'helper',
    g.helper_name,
    'members',
    g.members
  ),
  $3
FROM
  (
    -- One pass over the rows: min() of a household column is its value (all rows agree).
    SELECT
      c.county_code,
      c.household_no,
      min(c.household_id) AS household_id,
      min(c.outcome) AS outcome,
      (array_agg(c.before)) [1] AS before,
      min(c.village_code) AS village_code,
      min(c.category) AS category,
      min(c.cause) AS cause,
      min(c.year_identified) AS year_identified,
      min(c.planned_exit_year) AS planned_exit_year,
      min(c.exit_year) AS exit_year,
      min(c.status) AS status,
      min(c.income) AS income,
      min(c.helper_name) AS helper_name,
      jsonb_agg(
        jsonb_build_object(
          'personId',
          "c"."person_id",
          'name',
          "c"."name",
          'idNumber',
          "c"."id_masked",
          'gender',
          "c"."gender",
          'ethnicity',
          "c"."ethnicity",
          'phone',
          "c"."phone_masked",
          'relation',
          "c"."relation",
          'education',
          "c"."education",
          'schooling',
          "c"."schooling",
          'health',
          "c"."health",
          'labour',
          "c"."labour",
          'work',
          "c"."work",
          'medicalInsurance',
          "c"."medical_insurance"
        )
        ORDER BY
          c.person_id
      ) AS members
    FROM
      commit_row c
    GROUP BY
      c.county_code,
      c.household_no
  ) g;

COMMIT;
