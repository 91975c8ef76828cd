-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- locateVillageExit
SELECT
  village_code
FROM
  exit_village
WHERE
  id = $1;

-- poorVillages
SELECT
  pv.county_code,
  pv.village_code,
  v.name AS village_name,
  t.name AS township_name,
  pv.rural_population,
  coalesce(
    (
      SELECT
        sum(h.member_count)::int
      FROM
        household h
      WHERE
        h.county_code = pv.county_code
        AND h.village_code = pv.village_code
        AND h.status IN ('poor', 'returned')
    ),
    0
  ) AS poor_persons,
  pv.exit_year,
  x.id AS exit_id,
  c.state AS exit_state,
  x.year AS exit_for
FROM
  poor_village pv
  JOIN region v ON v.code = pv.village_code
  LEFT JOIN region t ON t.code = left(pv.village_code, 9)
  LEFT JOIN LATERAL (
    SELECT
      e.id,
      e.year
    FROM
      exit_village e
    WHERE
      e.county_code = pv.county_code
      AND e.village_code = pv.village_code
    ORDER BY
      e.year DESC
    LIMIT
      1
  ) x ON TRUE
  LEFT JOIN procedure_case c ON c.county_code = pv.county_code
  AND c.procedure = 'village_exit'
  AND c.subject_id = x.id
WHERE
  pv.village_code LIKE $1
ORDER BY
  pv.village_code
LIMIT
  2000;

-- insertVillageExit
INSERT INTO
  exit_village (
    county_code,
    village_code,
    YEAR,
    poor_persons,
    rural_population,
    checklist
  )
VALUES
  ($1, $2, $3, $4, $5, $6::jsonb)
RETURNING
  id;

-- villageExitById
SELECT
  e.id,
  e.county_code,
  e.village_code,
  v.name AS village_name,
  e.year,
  e.poor_persons,
  e.rural_population,
  e.checklist,
  e.verified,
  to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from,
  to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
  to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on,
  c.id AS case_id
FROM
  exit_village e
  JOIN region v ON v.code = e.village_code
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'village_exit'
  AND c.subject_id = e.id
WHERE
  e.id = $1;

-- updateVillageExit
UPDATE exit_village
SET
  verified = coalesce($1::jsonb, verified),
  notice_from = $2,
  notice_until = $3,
  announced_on = announced_on
WHERE
  county_code = $4
  AND id = $5;

-- setVillageExitYear
UPDATE poor_village
SET
  exit_year = $1,
  updated_at = now()
WHERE
  county_code = $2
  AND village_code = $3;

-- locateCountyExit
SELECT
  county_code
FROM
  exit_county
WHERE
  id = $1;

-- povertyCounties
WITH
  counties AS MATERIALIZED (
    SELECT
      code,
      name
    FROM
      region
    WHERE
      level = 3
      AND is_poverty_county
      AND code LIKE $1
  ),
  pop AS MATERIALIZED (
    SELECT
      p.county_code,
      sum(p.pop)::int AS n
    FROM
      (
        SELECT
          pv.county_code,
          pv.rural_population AS pop
        FROM
          poor_village pv
        WHERE
          pv.county_code IN (
            SELECT
              code
            FROM
              counties
          )
        UNION ALL
        SELECT
          vp.county_code,
          vp.rural_population
        FROM
          village_population vp
        WHERE
          vp.county_code IN (
            SELECT
              code
            FROM
              counties
          )
          AND NOT EXISTS (
            SELECT
              1
            FROM
              poor_village pv
            WHERE
              pv.county_code = vp.county_code
              AND pv.village_code = vp.village_code
          )
      ) p
    GROUP BY
      p.county_code
  ),
  poor AS MATERIALIZED (
    SELECT
      h.county_code,
      sum(h.member_count)::int AS n
    FROM
      household h
    WHERE
      h.county_code IN (
        SELECT
          code
        FROM
          counties
      )
      AND h.status IN ('poor', 'returned')
    GROUP BY
      h.county_code
  ),
  latest AS MATERIALIZED (
    SELECT DISTINCT
      ON (e.county_code) e.county_code,
      e.id,
      e.year,
      e.announced_on
    FROM
      exit_county e
    WHERE
      e.county_code IN (
        SELECT
          code
        FROM
          counties
      )
    ORDER BY
      e.county_code,
      e.year DESC
  ),
  cases AS MATERIALIZED (
    SELECT
      c.county_code,
      c.subject_id,
      c.state
    FROM
      procedure_case c
    WHERE
      c.procedure = 'county_exit'
      AND (c.county_code, c.subject_id) IN (
        SELECT
          county_code,
          id
        FROM
          latest
      )
  )
SELECT
  r.code AS county_code,
  r.name AS county_name,
  coalesce(pop.n, 0) AS rural_population,
  coalesce(poor.n, 0) AS poor_persons,
  x.id AS exit_id,
  c.state AS exit_state,
  x.year AS exit_for,
  to_char(x.announced_on, 'YYYY-MM-DD') AS announced_on
FROM
  counties r
  LEFT JOIN pop ON pop.county_code = r.code
  LEFT JOIN poor ON poor.county_code = r.code
  LEFT JOIN latest x ON x.county_code = r.code
  LEFT JOIN cases c ON c.county_code = r.code
  AND c.subject_id = x.id
ORDER BY
  r.code;

-- insertCountyExit
INSERT INTO
  "exit_county" (
    "county_code",
    "year",
    "poor_persons",
    "rural_population"
  )
VALUES
  ($1, $2, $3, $4)
RETURNING
  "id";

-- countyExitById
SELECT
  e.id,
  e.county_code,
  r.name AS county_name,
  e.year,
  e.poor_persons,
  e.rural_population,
  to_char(e.notice_from, 'YYYY-MM-DD') AS notice_from,
  to_char(e.notice_until, 'YYYY-MM-DD') AS notice_until,
  to_char(e.announced_on, 'YYYY-MM-DD') AS announced_on,
  c.id AS case_id
FROM
  exit_county e
  JOIN region r ON r.code = e.county_code
  JOIN procedure_case c ON c.county_code = e.county_code
  AND c.procedure = 'county_exit'
  AND c.subject_id = e.id
WHERE
  e.id = $1;

-- updateCountyExit
UPDATE "exit_county"
SET
  "announced_on" = $1
WHERE
  "county_code" = $2
  AND "id" = $3;
