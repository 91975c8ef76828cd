-- The SQL that reviews.queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in reviews.queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- onLeave
SELECT
  l.id
FROM
  cadre_leave l
  JOIN procedure_case c ON c.county_code = l.county_code
  AND c.procedure = 'cadres.leave'
  AND c.subject_id = l.id
WHERE
  l.county_code = $1
  AND l.posting_id = $2
  AND c.state IN ('approved', 'taken')
  AND l.start_date <= $3::date
  AND l.end_date >= $4::date
LIMIT
  1;

-- insertSpotCheck
INSERT INTO
  cadre_spot_check (
    county_code,
    posting_id,
    check_date,
    found,
    note,
    checker_id,
    checker_name,
    checker_scope
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING
  id;

-- insertAbsence
INSERT INTO
  cadre_absence (
    county_code,
    posting_id,
    DAY,
    source,
    source_id,
    note
  )
VALUES
  ($1, $2, $3, $4, $5, $6)
ON CONFLICT (county_code, posting_id, DAY) DO NOTHING
RETURNING
  id;

-- absencesInYear
SELECT
  to_char(DAY, 'YYYY-MM-DD') AS DAY,
  source
FROM
  cadre_absence
WHERE
  county_code = $1
  AND posting_id = $2
  AND NOT excused
  AND DAY >= make_date($3, 1, 1)
  AND DAY < make_date($4 + 1, 1, 1)
ORDER BY
  DAY;

-- spotChecks
SELECT
  id,
  to_char(check_date, 'YYYY-MM-DD') AS check_date,
  found,
  note,
  checker_name
FROM
  cadre_spot_check
WHERE
  county_code = $1
  AND posting_id = $2
ORDER BY
  check_date DESC,
  id DESC;

-- insertReview
INSERT INTO
  cadre_review (
    county_code,
    posting_id,
    YEAR,
    period,
    rating,
    comment,
    reviewer_id,
    reviewer_name,
    reviewer_scope
  )
VALUES
  ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (county_code, posting_id, YEAR, period) DO NOTHING
RETURNING
  id;

-- reviews
SELECT
  id,
  YEAR,
  period,
  rating,
  comment,
  reviewer_name,
  created_at
FROM
  cadre_review
WHERE
  county_code = $1
  AND posting_id = $2
ORDER BY
  YEAR DESC,
  period;

-- unitRegionOf
SELECT
  u.region_code,
  u.level,
  u.name
FROM
  cadre_posting p
  JOIN dispatch_unit u ON u.id = p.unit_id
WHERE
  p.county_code = $1
  AND p.id = $2;

-- linkUserToPosting
UPDATE app_user
SET
  posting_county = $1,
  posting_id = $2
WHERE
  id = $3;
