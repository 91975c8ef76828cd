-- The SQL that queries.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in queries.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- villageOf
SELECT
  v.code,
  v.name,
  t.code AS township_code,
  t.name AS township_name,
  c.name AS county_name
FROM
  region v
  JOIN region t ON t.code = v.parent_code
  JOIN region c ON c.code = t.parent_code
WHERE
  v.code = $1
  AND v.level = 5;

-- villageFigures
SELECT
  h.households,
  h.persons,
  h.poor,
  h.exited,
  h.returned,
  h.monitored,
  pv.village_code IS NOT NULL AS listed,
  pv.year_listed,
  pv.rural_population,
  pv.exit_year,
  pv.planned_exit_year
FROM
  (
    SELECT
      count(*)::int AS households,
      coalesce(sum(member_count), 0)::int AS persons,
      count(*) FILTER (
        WHERE
          status = 'poor'
      )::int AS poor,
      count(*) FILTER (
        WHERE
          status = 'exited'
      )::int AS exited,
      count(*) FILTER (
        WHERE
          status = 'returned'
      )::int AS returned,
      count(*) FILTER (
        WHERE
          status = 'monitored'
      )::int AS monitored
    FROM
      household
    WHERE
      village_code = $1
      AND left(village_code, 6) = $2
  ) h
  LEFT JOIN poor_village pv ON pv.county_code = $3
  AND pv.village_code = $4;

-- residentTeam
SELECT
  p.id AS posting_id,
  pe.name,
  p.role,
  u.name AS unit,
  p.start_date::text AS start_date,
  am.days_in_village,
  am.required_days,
  am.compliant
FROM
  cadre_posting p
  JOIN cadre c ON c.county_code = p.county_code
  AND c.id = p.cadre_id
  JOIN person pe ON pe.county_code = c.county_code
  AND pe.id = c.person_id
  JOIN dispatch_unit u ON u.id = p.unit_id
  LEFT JOIN cadre_attendance_month am ON am.county_code = p.county_code
  AND am.posting_id = p.id
  AND am.month = date_trunc('month', $1::date)::date
WHERE
  p.county_code = $2
  AND p.village_code = $3
  AND p.confirmed_on IS NOT NULL
  AND p.start_date <= $4::date
  AND (
    p.end_date IS NULL
    OR p.end_date >= $5::date
  )
ORDER BY
  p.role = 'first_secretary' DESC,
  p.role = 'team_leader' DESC,
  p.start_date,
  p.id;

-- memberFigures
SELECT
  count(*) FILTER (
    WHERE
      m.standing = 'probationary'
  )::int AS probationary,
  count(*) FILTER (
    WHERE
      m.post IS NOT NULL
  )::int AS with_post,
  (
    SELECT
      count(*)
    FROM
      party_member pm
      JOIN party_pairing pp ON pp.county_code = pm.county_code
      AND pp.member_id = pm.id
    WHERE
      pm.county_code = $1
      AND pm.org_id = $2
      AND pp.end_date IS NULL
  )::int AS pairings,
  (
    SELECT
      json_agg(
        l
        ORDER BY
          l.id
      )
    FROM
      (
        SELECT
          lm.id,
          p.name,
          lm.wealth_industry AS industry,
          (
            SELECT
              count(*)
            FROM
              party_pairing pp
            WHERE
              pp.county_code = lm.county_code
              AND pp.member_id = lm.id
              AND pp.end_date IS NULL
          )::int AS households
        FROM
          party_member lm
          JOIN person p ON p.county_code = lm.county_code
          AND p.id = lm.person_id
        WHERE
          lm.county_code = $3
          AND lm.org_id = $4
          AND lm.left_on IS NULL
          AND lm.wealth_leader
        ORDER BY
          lm.id
        LIMIT
          $5
      ) l
  ) AS leaders
FROM
  party_member m
WHERE
  m.county_code = $6
  AND m.org_id = $7
  AND m.left_on IS NULL;
