-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- analyzeStaged
ANALYZE import_party_fund_row;

-- resetChecks
UPDATE import_party_fund_row
SET
  problems = row_problems,
  outcome = NULL
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
          paid_on,
          purpose,
          amount_fen,
          source
      ) AS first
    FROM
      import_party_fund_row
    WHERE
      batch_id = $1
      AND row_problems IS NULL
  )
UPDATE import_party_fund_row r
SET
  problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(
    jsonb_build_object(
      'row',
      r.row_number,
      'column',
      'amount',
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

-- classify
WITH
  on_file AS MATERIALIZED (
    SELECT DISTINCT
      r.row_number
    FROM
      import_party_fund_row r
      JOIN party_fund_payment p ON p.county_code = r.county_code
      AND p.village_code = r.village_code
      AND p.paid_on = r.paid_on
      AND p.purpose = r.purpose
      AND p.amount_fen = r.amount_fen
      AND p.source = r.source
    WHERE
      r.batch_id = $1
  )
UPDATE "import_party_fund_row" r
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
  sum(amount_fen) FILTER (
    WHERE
      outcome = 'new'
  )::text AS amount
FROM
  import_party_fund_row
WHERE
  batch_id = $1;

-- insertNew
WITH
  ins AS (
    INSERT INTO
      party_fund_payment (
        county_code,
        village_code,
        paid_on,
        amount_fen,
        purpose,
        source,
        note,
        batch_id
      )
    SELECT
      county_code,
      village_code,
      paid_on,
      amount_fen,
      purpose,
      source,
      note,
      $1
    FROM
      import_party_fund_row
    WHERE
      batch_id = $2
      AND outcome = 'new'
    ORDER BY
      row_number
    ON CONFLICT DO NOTHING
    RETURNING
      id,
      village_code,
      paid_on::text AS paid_on,
      amount_fen,
      purpose,
      source
  )
SELECT
  ins.*,
  s.row_number
FROM
  ins
  JOIN import_party_fund_row s ON s.batch_id = $3
  AND s.village_code = ins.village_code
  AND s.paid_on = ins.paid_on::date
  AND s.purpose = ins.purpose
  AND s.amount_fen = ins.amount_fen
  AND s.source = ins.source
  AND s.outcome = 'new';

-- exportRows
SELECT
  p.village_code,
  v.name AS village,
  t.name AS township,
  p.paid_on::text AS paid_on,
  p.amount_fen::text AS amount_fen,
  p.purpose,
  p.source,
  p.note
FROM
  party_fund_payment p
  JOIN region v ON v.code = p.village_code
  JOIN region t ON t.code = v.parent_code
WHERE
  p.village_code LIKE $1
  AND p.paid_on BETWEEN make_date($2::int, 1, 1) AND make_date($3::int, 12, 31)
  AND p.reverses_id IS NULL
  AND NOT EXISTS (
    SELECT
      1
    FROM
      party_fund_payment x
    WHERE
      x.county_code = p.county_code
      AND x.reverses_id = p.id
  )
ORDER BY
  p.village_code,
  p.paid_on,
  p.id;
