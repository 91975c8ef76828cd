-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- resetChecks
UPDATE import_posting_row
SET
  problems = row_problems,
  person_id = NULL,
  posting_id = NULL,
  unit_id = NULL,
  id_hash = CASE
    WHEN id_cipher IS NULL THEN NULL
    ELSE id_hash
  END
WHERE
  batch_id = $1;

-- maskedCandidates
SELECT
  r.row_number,
  r.id_masked AS pattern,
  r.name,
  v.name AS village_name,
  to_char(r.start_date, 'YYYY-MM-DD') AS start_date,
  pe.id_hash,
  pe.id_cipher
FROM
  import_posting_row r
  JOIN region v ON v.code = r.village_code
  LEFT JOIN cadre_posting p ON p.county_code = r.county_code
  AND p.village_code = r.village_code
  AND p.start_date = r.start_date
  LEFT JOIN cadre k ON k.county_code = p.county_code
  AND k.id = p.cadre_id
  LEFT JOIN person pe ON pe.county_code = k.county_code
  AND pe.id = k.person_id
  AND pe.name = r.name
WHERE
  r.batch_id = $1
  AND r.id_cipher IS NULL
  AND r.id_masked IS NOT NULL
  AND r.name IS NOT NULL
  AND r.start_date IS NOT NULL
ORDER BY
  r.row_number;

-- settleMasked
UPDATE import_posting_row r
SET
  id_hash = f.hash
FROM
  unnest($1::INT[], $2::TEXT[]) AS f (row_number, hash)
WHERE
  r.batch_id = $3
  AND r.row_number = f.row_number;

UPDATE import_posting_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(p.item)
FROM
  jsonb_array_elements($1::jsonb) AS p (item)
WHERE
  r.batch_id = $2
  AND r.row_number = (p.item ->> 'row')::int;

-- checkPersons
UPDATE import_posting_row r
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
      import_posting_row r
      JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE
      r.batch_id = $3
      AND pi.county_code <> r.county_code
  )
UPDATE "import_posting_row" r
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
      import_posting_row r
      JOIN person pe ON pe.county_code = r.county_code
      AND pe.id = r.person_id
    WHERE
      r.batch_id = $3
      AND pe.name <> r.name
  )
UPDATE "import_posting_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $4
  AND r.row_number = found.row_number;

-- matchPostings
UPDATE import_posting_row r
SET
  posting_id = m.id
FROM
  (
    SELECT DISTINCT
      ON (r.row_number) r.row_number,
      p.id
    FROM
      import_posting_row r
      JOIN cadre k ON k.county_code = r.county_code
      AND k.person_id = r.person_id
      JOIN cadre_posting p ON p.county_code = k.county_code
      AND p.cadre_id = k.id
      AND p.village_code = r.village_code
      AND p.start_date = r.start_date
    WHERE
      r.batch_id = $1
    ORDER BY
      r.row_number,
      p.id
  ) m
WHERE
  r.batch_id = $2
  AND r.row_number = m.row_number;

WITH
  d AS MATERIALIZED (
    SELECT
      row_number,
      to_jsonb(found) AS items
    FROM
      (
        -- An array, not a VALUES list: Citus allows only immutable functions in VALUES.
        SELECT
          r.row_number,
          array_remove(
            ARRAY[
              (
                CASE
                  WHEN p.role <> r.role THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $1::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object(
                      'value',
                      coalesce(
                        CASE "p"."role"
                          WHEN $2 THEN $3::text
                          ELSE "p"."role"::text
                        END,
                        '—'
                      )
                    )
                  )
                END
              ),
              (
                CASE
                  WHEN u.name <> r.unit_name THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $4::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object('value', coalesce(u.name, '—'))
                  )
                END
              ),
              (
                CASE
                  WHEN u.level <> r.unit_level THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $5::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object(
                      'value',
                      coalesce(
                        CASE "u"."level"
                          WHEN $6 THEN $7::text
                          ELSE "u"."level"::text
                        END,
                        '—'
                      )
                    )
                  )
                END
              ),
              (
                CASE
                  WHEN k.post <> r.post THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $8::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object('value', coalesce(k.post, '—'))
                  )
                END
              ),
              (
                CASE
                  WHEN k.party_member <> r.party_member THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $9::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object(
                      'value',
                      coalesce(
                        CASE
                          WHEN k.party_member THEN '是'
                          ELSE '否'
                        END,
                        '—'
                      )
                    )
                  )
                END
              ),
              (
                CASE
                  WHEN r.end_date IS NOT NULL
                  AND p.planned_end_date <> r.end_date THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $10::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object(
                      'value',
                      coalesce(to_char(p.planned_end_date, 'YYYY-MM-DD'), '—')
                    )
                  )
                END
              ),
              (
                CASE
                  WHEN r.phone_hash IS NOT NULL
                  AND pe.phone_hash IS DISTINCT FROM r.phone_hash THEN jsonb_build_object(
                    'row',
                    r.row_number,
                    'column',
                    $11::text,
                    'code',
                    'POSTING_DIFFERS',
                    'params',
                    jsonb_build_object('value', coalesce(pe.phone_masked, '—'))
                  )
                END
              )
            ]::JSONB[],
            NULL
          ) AS found
        FROM
          import_posting_row r
          JOIN cadre_posting p ON p.county_code = r.county_code
          AND p.id = r.posting_id
          JOIN cadre k ON k.county_code = p.county_code
          AND k.id = p.cadre_id
          JOIN person pe ON pe.county_code = k.county_code
          AND pe.id = k.person_id
          JOIN dispatch_unit u ON u.id = p.unit_id
        WHERE
          r.batch_id = $12
      ) x
    WHERE
      cardinality(found) > 0
  )
UPDATE import_posting_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || d.items
FROM
  d
WHERE
  r.batch_id = $13
  AND r.row_number = d.row_number;

-- checkNewPostings
WITH
  d AS (
    SELECT
      id_hash,
      string_agg(
        row_number::text,
        ','
        ORDER BY
          row_number
      ) AS rows
    FROM
      import_posting_row
    WHERE
      batch_id = $1
      AND id_hash IS NOT NULL
      AND posting_id IS NULL
    GROUP BY
      id_hash
    HAVING
      count(*) > 1
  )
UPDATE import_posting_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      $2::text,
      'code',
      $3::text,
      'params',
      jsonb_build_object('rows', d.rows)
    )
  )
FROM
  d
WHERE
  r.batch_id = $4
  AND r.id_hash = d.id_hash
  AND r.posting_id IS NULL;

WITH
  found AS MATERIALIZED (
    SELECT DISTINCT
      ON (r.row_number) r.row_number,
      jsonb_build_array(
        jsonb_build_object(
          'row',
          r.row_number,
          'column',
          $1::text,
          'code',
          $2::text,
          'params',
          jsonb_build_object(
            'village',
            v.name,
            'state',
            CASE c.state
              WHEN $3 THEN $4::text
              WHEN $5 THEN $6::text
              WHEN $7 THEN $8::text
              WHEN $9 THEN $10::text
              WHEN $11 THEN $12::text
              WHEN $13 THEN $14::text
              ELSE c.state
            END,
            'stateEn',
            CASE c.state
              WHEN $15 THEN $16::text
              WHEN $17 THEN $18::text
              WHEN $19 THEN $20::text
              WHEN $21 THEN $22::text
              WHEN $23 THEN $24::text
              WHEN $25 THEN $26::text
              ELSE c.state
            END
          )
        )
      ) AS items
    FROM
      import_posting_row r
      JOIN cadre k ON k.county_code = r.county_code
      AND k.person_id = r.person_id
      JOIN cadre_posting p ON p.county_code = k.county_code
      AND p.cadre_id = k.id
      JOIN procedure_case c ON c.county_code = p.county_code
      AND c.procedure = 'cadres.posting'
      AND c.subject_id = p.id
      JOIN region v ON v.code = p.village_code
    WHERE
      r.batch_id = $27
      AND r.posting_id IS NULL
      AND c.state IN ('proposed', 'in_post')
    ORDER BY
      r.row_number,
      p.id
  )
UPDATE "import_posting_row" r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || found.items
FROM
  found
WHERE
  r.batch_id = $28
  AND r.row_number = found.row_number;

-- findUnits
UPDATE import_posting_row r
SET
  unit_id = u.id
FROM
  dispatch_unit u
WHERE
  r.batch_id = $1
  AND r.unit_level IS NOT NULL
  AND r.village_code IS NOT NULL
  AND u.region_code = left(
    r.village_code,
    CASE "r"."unit_level"
      WHEN 'province' THEN 2
      WHEN 'city' THEN 4
      WHEN 'county' THEN 6
      ELSE 9
    END
  )
  AND u.name = r.unit_name;

-- classify
UPDATE import_posting_row
SET
  outcome = CASE
    WHEN problems IS NOT NULL THEN 'rejected'
    WHEN posting_id IS NOT NULL THEN 'unchanged'
    ELSE 'new'
  END
WHERE
  batch_id = $1
  AND outcome IS DISTINCT FROM CASE
    WHEN problems IS NOT NULL THEN 'rejected'
    WHEN posting_id IS NOT NULL THEN 'unchanged'
    ELSE 'new'
  END;

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
  count(*) FILTER (
    WHERE
      outcome = 'new'
      AND start_date <= $1::date
  )::int AS in_post,
  count(DISTINCT id_hash) FILTER (
    WHERE
      outcome = 'new'
      AND person_id IS NULL
  )::int AS persons
FROM
  import_posting_row
WHERE
  batch_id = $2;

-- unitsToCreate
SELECT DISTINCT
  r.unit_name AS name,
  r.unit_level AS level,
  left(
    r.village_code,
    CASE "r"."unit_level"
      WHEN 'province' THEN 2
      WHEN 'city' THEN 4
      WHEN 'county' THEN 6
      ELSE 9
    END
  ) AS region_code,
  g.name AS region_name
FROM
  import_posting_row r
  JOIN region g ON g.code = left(
    r.village_code,
    CASE "r"."unit_level"
      WHEN 'province' THEN 2
      WHEN 'city' THEN 4
      WHEN 'county' THEN 6
      ELSE 9
    END
  )
WHERE
  r.batch_id = $1
  AND r.outcome = 'new'
  AND r.unit_id IS NULL
ORDER BY
  region_code,
  name;

-- analyzeStaged
ANALYZE import_posting_row;
