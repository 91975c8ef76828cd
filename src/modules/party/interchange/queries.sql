-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- resetChecks: organisations
UPDATE "import_party_org_row"
SET
  problems = row_problems,
  person_id = NULL,
  outcome = NULL
WHERE
  batch_id = $1;

-- resetChecks: members
UPDATE "import_party_member_row"
SET
  problems = row_problems,
  person_id = NULL,
  outcome = NULL,
  org_id = NULL
WHERE
  batch_id = $1;

-- checkPersons: organisations
UPDATE "import_party_org_row" r
SET
  person_id = pi.person_id
FROM
  person_identity pi
WHERE
  r.batch_id = $1
  AND pi.id_hash = r.id_hash
  AND pi.county_code = r.county_code;

WITH
  found AS MATERIALIZED (
    SELECT
      r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          '{}'::jsonb
        )
      ) AS items
    FROM
      "import_party_org_row" r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE
      r.batch_id = $3
      AND pi.county_code <> r.county_code
  )
UPDATE "import_party_org_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

WITH
  found AS MATERIALIZED (
    SELECT
      r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          jsonb_build_object('value', pe.name)
        )
      ) AS items
    FROM
      "import_party_org_row" r
      JOIN person pe ON pe.county_code = r.county_code
      AND pe.id = r.person_id
    WHERE
      r.batch_id = $3
      AND pe.name <> "r"."secretary_name"
  )
UPDATE "import_party_org_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

UPDATE "import_party_org_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $1::text,
      'code',
      $2::text,
      'params',
      jsonb_build_object('first', d.first)
    )
  )
FROM
  (
    SELECT
      id_hash,
      min(row_number) AS first
    FROM
      "import_party_org_row"
    WHERE
      batch_id = $3
      AND id_hash IS NOT NULL
    GROUP BY
      id_hash
    HAVING
      count(*) > 1
  ) d
WHERE
  r.batch_id = $4
  AND r.id_hash = d.id_hash
  AND r.row_number > d.first;

-- checkPersons: members
UPDATE "import_party_member_row" r
SET
  person_id = pi.person_id
FROM
  person_identity pi
WHERE
  r.batch_id = $1
  AND pi.id_hash = r.id_hash
  AND pi.county_code = r.county_code;

WITH
  found AS MATERIALIZED (
    SELECT
      r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          '{}'::jsonb
        )
      ) AS items
    FROM
      "import_party_member_row" r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE
      r.batch_id = $3
      AND pi.county_code <> r.county_code
  )
UPDATE "import_party_member_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

WITH
  found AS MATERIALIZED (
    SELECT
      r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          jsonb_build_object('value', pe.name)
        )
      ) AS items
    FROM
      "import_party_member_row" r
      JOIN person pe ON pe.county_code = r.county_code
      AND pe.id = r.person_id
    WHERE
      r.batch_id = $3
      AND pe.name <> "r"."name"
  )
UPDATE "import_party_member_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

UPDATE "import_party_member_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $1::text,
      'code',
      $2::text,
      'params',
      jsonb_build_object('first', d.first)
    )
  )
FROM
  (
    SELECT
      id_hash,
      min(row_number) AS first
    FROM
      "import_party_member_row"
    WHERE
      batch_id = $3
      AND id_hash IS NOT NULL
    GROUP BY
      id_hash
    HAVING
      count(*) > 1
  ) d
WHERE
  r.batch_id = $4
  AND r.id_hash = d.id_hash
  AND r.row_number > d.first;

-- checkOrgs
UPDATE import_party_org_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $1::text,
      'code',
      $2::text,
      'params',
      jsonb_build_object('first', d.first)
    )
  )
FROM
  (
    SELECT
      village_code,
      min(row_number) AS first
    FROM
      import_party_org_row
    WHERE
      batch_id = $3
      AND village_code IS NOT NULL
    GROUP BY
      village_code
    HAVING
      count(*) > 1
  ) d
WHERE
  r.batch_id = $4
  AND r.village_code = d.village_code
  AND r.row_number > d.first;

WITH
  found AS MATERIALIZED (
    SELECT
      r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          jsonb_build_object('value', o.name)
        )
      ) AS items
    FROM
      import_party_org_row r
      JOIN party_org o ON o.county_code = r.county_code
      AND o.region_code = r.village_code
    WHERE
      r.batch_id = $3
      AND o.dissolved_on IS NULL
      AND o.name <> r.org_name
  )
UPDATE "import_party_org_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

UPDATE import_party_org_row r
SET
  person_id = t.person_id
FROM
  party_org o
  JOIN party_secretary_term t ON t.county_code = o.county_code
  AND t.org_id = o.id
  AND t.end_date IS NULL
  JOIN person pe ON pe.county_code = t.county_code
  AND pe.id = t.person_id
WHERE
  r.batch_id = $1
  AND r.id_hash IS NULL
  AND r.id_masked IS NOT NULL
  AND o.county_code = r.county_code
  AND o.region_code = r.village_code
  AND o.dissolved_on IS NULL
  AND pe.name = r.secretary_name
  AND pe.id_masked = r.id_masked;

UPDATE import_party_org_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $1::text,
      'code',
      $2::text,
      'params',
      '{}'::jsonb
    )
  )
WHERE
  r.batch_id = $3
  AND r.id_hash IS NULL
  AND r.id_masked IS NOT NULL
  AND r.person_id IS NULL;

WITH
  on_file AS MATERIALIZED (
    SELECT
      r.row_number
    FROM
      import_party_org_row r
      JOIN party_org o ON o.county_code = r.county_code
      AND o.region_code = r.village_code
      AND o.dissolved_on IS NULL
    WHERE
      r.batch_id = $1
  )
UPDATE "import_party_org_row" r
SET
  outcome = CASE
    WHEN r.problems IS NOT NULL THEN 'rejected'
    WHEN r.row_number IN (
      SELECT
        row_number
      FROM
        on_file
    ) THEN 'unchanged'
    ELSE 'new'
  END
WHERE
  r.batch_id = $2;

-- checkMembers
WITH
  hits AS MATERIALIZED (
    SELECT
      r.row_number,
      pi.county_code,
      pi.person_id
    FROM
      import_party_member_row r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE
      r.batch_id = $1
  ),
  c AS MATERIALIZED (
    SELECT
      b.*,
      CASE
        WHEN b.problems IS NOT NULL THEN 'rejected'
        WHEN b.member_org = b.org_id THEN 'unchanged'
        ELSE 'new'
      END AS outcome
    FROM
      (
        SELECT
          a.row_number,
          a.person_id,
          a.org_id,
          a.member_org,
          CASE
            WHEN a.found = '[]'::jsonb THEN a.row_problems
            ELSE coalesce(a.row_problems, '[]'::jsonb) || a.found
          END AS problems
        FROM
          (
            SELECT
              c.row_number,
              c.row_problems,
              c.person_id,
              c.org_id,
              m.org_id AS member_org,
              CASE
                WHEN c.other_county THEN jsonb_build_array(
                  jsonb_build_object(
                    'row',
                    c.row_number,
                    'column',
                    $2::text,
                    'code',
                    $3::text,
                    'params',
                    '{}'::jsonb
                  )
                )
                ELSE '[]'::jsonb
              END || CASE
                WHEN pe.name <> c.name THEN jsonb_build_array(
                  jsonb_build_object(
                    'row',
                    c.row_number,
                    'column',
                    $4::text,
                    'code',
                    $5::text,
                    'params',
                    jsonb_build_object('value', pe.name)
                  )
                )
                ELSE '[]'::jsonb
              END || CASE
                WHEN c.first < c.row_number THEN jsonb_build_array(
                  jsonb_build_object(
                    'row',
                    c.row_number,
                    'column',
                    $6::text,
                    'code',
                    $7::text,
                    'params',
                    jsonb_build_object('first', c.first)
                  )
                )
                ELSE '[]'::jsonb
              END || CASE
                WHEN c.village_code IS NOT NULL
                AND c.org_id IS NULL THEN jsonb_build_array(
                  jsonb_build_object(
                    'row',
                    c.row_number,
                    'column',
                    $8::text,
                    'code',
                    $9::text,
                    'params',
                    jsonb_build_object('value', c.village_code)
                  )
                )
                ELSE '[]'::jsonb
              END || CASE
                WHEN c.org_id IS NOT NULL
                AND m.org_id <> c.org_id THEN jsonb_build_array(
                  jsonb_build_object(
                    'row',
                    c.row_number,
                    'column',
                    $10::text,
                    'code',
                    $11::text,
                    'params',
                    jsonb_build_object('value', mo.name)
                  )
                )
                ELSE '[]'::jsonb
              END AS found
            FROM
              (
                SELECT
                  r.row_number,
                  r.row_problems,
                  r.county_code,
                  r.village_code,
                  r.name,
                  CASE
                    WHEN pi.county_code = r.county_code THEN pi.person_id
                  END AS person_id,
                  pi.county_code <> r.county_code AS other_county,
                  o.id AS org_id,
                  CASE
                    WHEN r.id_hash IS NOT NULL THEN min(r.row_number) OVER (
                      PARTITION BY
                        r.id_hash
                    )
                  END AS first
                FROM
                  import_party_member_row r
                  LEFT JOIN hits pi ON pi.row_number = r.row_number
                  LEFT JOIN party_org o ON o.county_code = r.county_code
                  AND o.region_code = r.village_code
                  AND o.dissolved_on IS NULL
                WHERE
                  r.batch_id = $12
              ) c
              LEFT JOIN person pe ON pe.county_code = c.county_code
              AND pe.id = c.person_id
              LEFT JOIN party_member m ON m.county_code = c.county_code
              AND m.person_id = c.person_id
              AND m.left_on IS NULL
              LEFT JOIN party_org mo ON mo.county_code = m.county_code
              AND mo.id = m.org_id
          ) a
      ) b
  )
UPDATE import_party_member_row r
SET
  person_id = c.person_id,
  org_id = c.org_id,
  problems = c.problems,
  outcome = c.outcome
FROM
  c
WHERE
  r.batch_id = $13
  AND r.row_number = c.row_number
  AND (r.person_id, r.org_id, r.problems, r.outcome) IS DISTINCT FROM (c.person_id, c.org_id, c.problems, c.outcome);

UPDATE import_party_member_row r
SET
  person_id = c.person_id
FROM
  (
    SELECT
      r2.row_number,
      min(m.person_id) AS person_id,
      count(*) AS n
    FROM
      import_party_member_row r2
      JOIN party_member m ON m.county_code = r2.county_code
      AND m.org_id = r2.org_id
      AND m.left_on IS NULL
      JOIN person pe ON pe.county_code = m.county_code
      AND pe.id = m.person_id
      AND pe.name = r2.name
      AND pe.id_masked = r2.id_masked
    WHERE
      r2.batch_id = $1
      AND r2.id_hash IS NULL
      AND r2.id_masked IS NOT NULL
    GROUP BY
      r2.row_number
  ) c
WHERE
  r.batch_id = $2
  AND r.row_number = c.row_number
  AND c.n = 1;

WITH
  found AS MATERIALIZED (
    SELECT
      c.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          c.row_number,
          'column',
          'id_number',
          'code',
          'PARTY_MASKED_AMBIGUOUS',
          'params',
          jsonb_build_object('count', c.n)
        )
      ) AS items
    FROM
      (
        SELECT
          r2.row_number,
          min(m.person_id) AS person_id,
          count(*) AS n
        FROM
          import_party_member_row r2
          JOIN party_member m ON m.county_code = r2.county_code
          AND m.org_id = r2.org_id
          AND m.left_on IS NULL
          JOIN person pe ON pe.county_code = m.county_code
          AND pe.id = m.person_id
          AND pe.name = r2.name
          AND pe.id_masked = r2.id_masked
        WHERE
          r2.batch_id = $1
          AND r2.id_hash IS NULL
          AND r2.id_masked IS NOT NULL
        GROUP BY
          r2.row_number
      ) c
    WHERE
      c.n > 1
  )
UPDATE "import_party_member_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $2
  AND r.row_number = found.row_number;

UPDATE import_party_member_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $1::text,
      'code',
      $2::text,
      'params',
      '{}'::jsonb
    )
  )
WHERE
  r.batch_id = $3
  AND r.id_hash IS NULL
  AND r.id_masked IS NOT NULL
  AND r.person_id IS NULL
  AND r.org_id IS NOT NULL
  AND NOT coalesce(
    r.problems @> '[{"code": "PARTY_MASKED_AMBIGUOUS"}]'::jsonb,
    FALSE
  );

WITH
  on_file AS MATERIALIZED (
    SELECT
      r.row_number
    FROM
      import_party_member_row r
      JOIN party_member m ON m.county_code = r.county_code
      AND m.person_id = r.person_id
      AND m.org_id = r.org_id
      AND m.left_on IS NULL
    WHERE
      r.batch_id = $1
      AND r.id_hash IS NULL
      AND r.id_masked IS NOT NULL
  )
UPDATE "import_party_member_row" r
SET
  outcome = CASE
    WHEN r.problems IS NOT NULL THEN 'rejected'
    WHEN r.row_number IN (
      SELECT
        row_number
      FROM
        on_file
    ) THEN 'unchanged'
    ELSE 'new'
  END
WHERE
  r.batch_id = $2
  AND r.id_hash IS NULL
  AND r.id_masked IS NOT NULL;

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
      outcome = 'unchanged'
  )::int AS unchanged,
  count(*) FILTER (
    WHERE
      outcome = 'rejected'
  )::int AS rejected,
  count(DISTINCT id_hash) FILTER (
    WHERE
      outcome = 'new'
      AND person_id IS NULL
      AND id_hash IS NOT NULL
  )::int AS persons
FROM
  "import_party_member_row"
WHERE
  batch_id = $1;

-- analyzeStaged
ANALYZE "import_party_member_row";

-- insertPersons: organisations
WITH
  src AS (
    SELECT DISTINCT
      ON (r.id_hash) r.county_code,
      r.id_hash,
      r.id_cipher,
      r.id_masked,
      r.id_tail_hash,
      "r"."secretary_name" AS name,
      r.name_pinyin,
      r.name_initials,
      r.gender,
      r.birth_date,
      NULL,
      NULL,
      NULL
    FROM
      "import_party_org_row" r
    WHERE
      r.batch_id = $1
      AND r.outcome = 'new'
      AND r.person_id IS NULL
      AND r.id_hash IS NOT NULL
    ORDER BY
      r.id_hash,
      r.row_number
  ),
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
    SELECT
      *
    FROM
      src
    RETURNING
      county_code,
      id,
      id_hash
  ),
  ident AS (
    INSERT INTO
      person_identity (id_hash, county_code, person_id)
    SELECT
      id_hash,
      county_code,
      id
    FROM
      ins
  )
UPDATE "import_party_org_row" r
SET
  person_id = ins.id
FROM
  ins
WHERE
  r.batch_id = $2
  AND r.id_hash = ins.id_hash;

-- insertPersons: members
WITH
  src AS (
    SELECT DISTINCT
      ON (r.id_hash) r.county_code,
      r.id_hash,
      r.id_cipher,
      r.id_masked,
      r.id_tail_hash,
      "r"."name" AS name,
      r.name_pinyin,
      r.name_initials,
      r.gender,
      r.birth_date,
      r.phone_cipher,
      r.phone_masked,
      r.phone_hash
    FROM
      "import_party_member_row" r
    WHERE
      r.batch_id = $1
      AND r.outcome = 'new'
      AND r.person_id IS NULL
      AND r.id_hash IS NOT NULL
    ORDER BY
      r.id_hash,
      r.row_number
  ),
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
    SELECT
      *
    FROM
      src
    RETURNING
      county_code,
      id,
      id_hash
  ),
  ident AS (
    INSERT INTO
      person_identity (id_hash, county_code, person_id)
    SELECT
      id_hash,
      county_code,
      id
    FROM
      ins
  )
SELECT
  count(*)
FROM
  ins;

-- commitOrgs
WITH
  orgs AS (
    INSERT INTO
      party_org (
        county_code,
        region_code,
        name,
        kind,
        established_on
      )
    SELECT
      county_code,
      village_code,
      org_name,
      kind,
      established_on
    FROM
      import_party_org_row
    WHERE
      batch_id = $1
      AND outcome = 'new'
    ORDER BY
      row_number
    RETURNING
      county_code,
      id,
      region_code
  ),
  terms AS (
    INSERT INTO
      party_secretary_term (
        county_code,
        org_id,
        person_id,
        one_shoulder,
        start_date
      )
    SELECT
      o.county_code,
      o.id,
      r.person_id,
      coalesce(r.one_shoulder, FALSE),
      r.secretary_since
    FROM
      orgs o
      JOIN import_party_org_row r ON r.batch_id = $2
      AND r.county_code = o.county_code
      AND r.village_code = o.region_code
    WHERE
      r.person_id IS NOT NULL
      AND r.secretary_since IS NOT NULL
    RETURNING
      1
  )
SELECT
  (
    SELECT
      count(*)
    FROM
      orgs
  )::int AS orgs,
  (
    SELECT
      count(*)
    FROM
      terms
  )::int AS terms;

-- commitMembers
WITH
  ins AS (
    INSERT INTO
      party_member (
        county_code,
        org_id,
        person_id,
        joined_on,
        standing,
        post,
        duty,
        wealth_leader,
        wealth_industry
      )
    SELECT
      r.county_code,
      r.org_id,
      coalesce(r.person_id, pi.person_id),
      r.joined_on,
      r.standing,
      r.post,
      r.duty,
      coalesce(r.wealth_leader, FALSE),
      r.wealth_industry
    FROM
      import_party_member_row r
      LEFT JOIN person_identity pi ON r.person_id IS NULL
      AND pi.id_hash = r.id_hash
      AND pi.county_code = r.county_code
    WHERE
      r.batch_id = $1
      AND r.outcome = 'new'
    ORDER BY
      r.row_number
    RETURNING
      1
  )
SELECT
  count(*)::int AS n
FROM
  ins;

-- lockCounties
SELECT
  pg_advisory_xact_lock(hashtextextended ('party-import:' || c, 0))
FROM
  (
    SELECT DISTINCT
      county_code AS c
    FROM
      "import_party_org_row"
    WHERE
      batch_id = $1
      AND county_code IS NOT NULL
    ORDER BY
      1
  ) x;

-- exportOrgPage
SELECT
  o.region_code,
  o.id,
  r.name AS village_name,
  o.name,
  o.kind,
  o.established_on::text AS established_on,
  p.name AS secretary_name,
  p.id_masked,
  p.id_cipher,
  t.one_shoulder,
  t.start_date::text AS since
FROM
  party_org o
  JOIN region r ON r.code = o.region_code
  LEFT JOIN party_secretary_term t ON t.county_code = o.county_code
  AND t.org_id = o.id
  AND t.end_date IS NULL
  LEFT JOIN person p ON p.county_code = t.county_code
  AND p.id = t.person_id
WHERE
  o.region_code LIKE $1
  AND o.dissolved_on IS NULL
  AND (o.region_code, o.id) > ($2, $3)
ORDER BY
  o.region_code,
  o.id
LIMIT
  $4;

-- exportMemberPage
SELECT
  m.county_code,
  m.id,
  p.name,
  p.id_masked,
  p.id_cipher,
  p.gender,
  o.region_code AS village_code,
  r.name AS village_name,
  m.joined_on::text AS joined_on,
  m.standing,
  m.post,
  m.duty,
  m.wealth_leader,
  m.wealth_industry,
  p.phone_masked,
  p.phone_cipher
FROM
  party_member m
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
  JOIN region r ON r.code = o.region_code
  JOIN person p ON p.county_code = m.county_code
  AND p.id = m.person_id
WHERE
  o.region_code LIKE $1
  AND m.left_on IS NULL
  AND (m.county_code, m.id) > ($2, $3)
ORDER BY
  m.county_code,
  m.id
LIMIT
  $4;

-- countExportPersons: organisations
SELECT
  count(*)::int AS n
FROM
  party_org o
  JOIN party_secretary_term t ON t.county_code = o.county_code
  AND t.org_id = o.id
WHERE
  o.region_code LIKE $1
  AND o.dissolved_on IS NULL
  AND t.end_date IS NULL;

-- countExportPersons: members
SELECT
  count(*)::int AS n
FROM
  party_member m
  JOIN party_org o ON o.county_code = m.county_code
  AND o.id = m.org_id
WHERE
  o.region_code LIKE $1
  AND m.left_on IS NULL;
