-- The SQL that rollups.ts sends, one recorded call per function (and per statement shape),
-- made by the calls in rollups.sql-cases.ts on PGlite. Generated: do not edit; run `npm run sql:sync`.

-- markCountyRows
INSERT INTO
  rollup_dirty (county_code, village_code)
SELECT
  left(v, 6),
  v
FROM
  unnest($1::TEXT[]) AS v
ON CONFLICT DO NOTHING;

-- hasDirty
SELECT
  1 AS x
WHERE
  EXISTS (
    SELECT
      1
    FROM
      rollup_dirty
  )
  OR EXISTS (
    SELECT
      1
    FROM
      rollup_dated
  );

-- foldDated
BEGIN;

WITH
  q AS (
    DELETE FROM rollup_dated
    RETURNING
      county_code,
      village_code,
      MONTH,
      source,
      dated,
      household_id,
      marked_at
  ),
  dropped AS (
    DELETE FROM indicator_month
    WHERE
      MONTH >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
    RETURNING
      MONTH
  ),
  pending AS (
    SELECT DISTINCT
      r.month
    FROM
      indicator_month_revision r
    WHERE
      r.month >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
      AND NOT EXISTS (
        SELECT
          1
        FROM
          indicator_month m
        WHERE
          m.month = r.month
      )
  ),
  named AS (
    SELECT DISTINCT
      ON (source, marked_at, county_code) *
    FROM
      q
    ORDER BY
      source,
      marked_at,
      county_code,
      dated,
      village_code
  ),
  listed AS (
    INSERT INTO
      indicator_month_revision (
        MONTH,
        revised_at,
        source,
        dated,
        county_code,
        village_code,
        household_id
      )
    SELECT
      m.month,
      n.marked_at,
      n.source,
      n.dated,
      n.county_code,
      nullif(n.village_code, ''),
      n.household_id
    FROM
      named n
      JOIN (
        SELECT
          MONTH
        FROM
          dropped
        UNION
        SELECT
          MONTH
        FROM
          pending
      ) m ON m.month >= n.month
    RETURNING
      1
  )
SELECT
  (
    SELECT
      count(*)
    FROM
      q
  )::int AS n,
  (
    SELECT
      count(*)
    FROM
      listed
  )::int AS listed;

COMMIT;

-- refresh
SELECT
  1 AS x
WHERE
  EXISTS (
    SELECT
      1
    FROM
      rollup_dirty
  )
  OR EXISTS (
    SELECT
      1
    FROM
      rollup_dated
  );

BEGIN;

SELECT
  pg_try_advisory_xact_lock($1) AS ok;

WITH
  q AS (
    DELETE FROM rollup_dated
    RETURNING
      county_code,
      village_code,
      MONTH,
      source,
      dated,
      household_id,
      marked_at
  ),
  dropped AS (
    DELETE FROM indicator_month
    WHERE
      MONTH >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
    RETURNING
      MONTH
  ),
  pending AS (
    SELECT DISTINCT
      r.month
    FROM
      indicator_month_revision r
    WHERE
      r.month >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
      AND NOT EXISTS (
        SELECT
          1
        FROM
          indicator_month m
        WHERE
          m.month = r.month
      )
  ),
  named AS (
    SELECT DISTINCT
      ON (source, marked_at, county_code) *
    FROM
      q
    ORDER BY
      source,
      marked_at,
      county_code,
      dated,
      village_code
  ),
  listed AS (
    INSERT INTO
      indicator_month_revision (
        MONTH,
        revised_at,
        source,
        dated,
        county_code,
        village_code,
        household_id
      )
    SELECT
      m.month,
      n.marked_at,
      n.source,
      n.dated,
      n.county_code,
      nullif(n.village_code, ''),
      n.household_id
    FROM
      named n
      JOIN (
        SELECT
          MONTH
        FROM
          dropped
        UNION
        SELECT
          MONTH
        FROM
          pending
      ) m ON m.month >= n.month
    RETURNING
      1
  )
SELECT
  (
    SELECT
      count(*)
    FROM
      q
  )::int AS n,
  (
    SELECT
      count(*)
    FROM
      listed
  )::int AS listed;

DELETE FROM rollup_dirty
WHERE
  village_code IN (
    SELECT
      village_code
    FROM
      rollup_dirty
    LIMIT
      $1
  )
RETURNING
  village_code;

WITH
  fresh AS (
    SELECT
      m.village_code,
      m.measure,
      sum(m.value) AS value
    FROM
      (
        (
          WITH
            hh AS MATERIALIZED (
              SELECT
                h.county_code,
                h.id,
                h.village_code,
                h.member_count,
                h.cause,
                h.category,
                h.planned_exit_year,
                h.status AS status,
                EXISTS (
                  SELECT
                    1
                  FROM
                    help_pairing hp
                  WHERE
                    hp.county_code = h.county_code
                    AND hp.household_id = h.id
                    AND "hp"."county_code" = ANY ($1::TEXT[])
                    AND hp.end_date IS NULL
                ) AS helped,
                EXISTS (
                  SELECT
                    1
                  FROM
                    household_project pr
                  WHERE
                    pr.county_code = h.county_code
                    AND pr.household_id = h.id
                    AND "pr"."county_code" = ANY ($2::TEXT[])
                    AND pr.state <> 'cancelled'
                ) AS projected
              FROM
                household h
              WHERE
                "h"."village_code" = ANY ($3::TEXT[])
                AND "h"."county_code" = ANY ($4::TEXT[])
            ),
            live AS (
              SELECT
                *
              FROM
                hh
              WHERE
                status IS NOT NULL
            ),
            remaining AS (
              SELECT
                *
              FROM
                live
              WHERE
                status IN ('poor', 'returned')
            )
          SELECT
            village_code,
            'hh.status.' || status AS measure,
            count(*)::numeric AS value
          FROM
            live
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'p.status.' || status,
            sum(member_count)
          FROM
            live
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.cause.' || cause,
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.category.' || category,
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.helped',
            count(*)
          FROM
            remaining
          WHERE
            helped
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.projected',
            count(*)
          FROM
            remaining
          WHERE
            projected
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'),
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            l.village_code,
            'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int,
            count(*)
          FROM
            live l
            JOIN household_income i ON i.county_code = l.county_code
            AND i.household_id = l.id
            AND "i"."county_code" = ANY ($5::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            l.village_code,
            'inc.' || i.year || '.sum',
            sum(i.per_capita)
          FROM
            live l
            JOIN household_income i ON i.county_code = l.county_code
            AND i.household_id = l.id
            AND "i"."county_code" = ANY ($6::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'pv.listed.' || year_listed,
            count(*)
          FROM
            poor_village
          WHERE
            "village_code" = ANY ($7::TEXT[])
            AND "county_code" = ANY ($8::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'pv.exited.' || exit_year,
            count(*)
          FROM
            poor_village
          WHERE
            exit_year IS NOT NULL
            AND "village_code" = ANY ($9::TEXT[])
            AND "county_code" = ANY ($10::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            coalesce(pv.village_code, vp.village_code),
            'pop.rural',
            coalesce(pv.rural_population, vp.rural_population)::numeric
          FROM
            (
              SELECT
                village_code,
                rural_population
              FROM
                poor_village
              WHERE
                "village_code" = ANY ($11::TEXT[])
                AND "county_code" = ANY ($12::TEXT[])
            ) pv
            FULL JOIN (
              SELECT
                village_code,
                rural_population
              FROM
                village_population
              WHERE
                "village_code" = ANY ($13::TEXT[])
                AND "county_code" = ANY ($14::TEXT[])
            ) vp ON vp.village_code = pv.village_code
          UNION ALL
          SELECT
            v.village_code,
            'pv.due.' || v.planned_exit_year || '.' || least(
              floor(1000.0 * coalesce(x.poor, 0) / v.rural_population),
              100
            )::int,
            1
          FROM
            poor_village v
            LEFT JOIN (
              SELECT
                village_code,
                sum(member_count) AS poor
              FROM
                remaining
              GROUP BY
                1
            ) x ON x.village_code = v.village_code
          WHERE
            v.exit_year IS NULL
            AND v.planned_exit_year IS NOT NULL
            AND v.rural_population > 0
            AND "v"."village_code" = ANY ($15::TEXT[])
            AND "v"."county_code" = ANY ($16::TEXT[])
        )
        UNION ALL
        (
          SELECT
            NULL::text AS village_code,
            NULL::text AS measure,
            0::numeric AS value
          WHERE
            FALSE
        )
        UNION ALL
        (
          WITH
            posted AS MATERIALIZED (
              SELECT
                p.village_code,
                p.role
              FROM
                cadre_posting p
              WHERE
                "p"."village_code" = ANY ($17::TEXT[])
                AND "p"."county_code" = ANY ($18::TEXT[])
                AND p.confirmed_on <= $19::date
                AND p.start_date <= $20::date
                AND (
                  p.end_date IS NULL
                  OR p.end_date >= $21::date
                )
            ),
            teams AS (
              SELECT
                v.village_code,
                count(x.role) AS members,
                count(x.role) FILTER (
                  WHERE
                    x.role = 'first_secretary'
                ) AS secretaries
              FROM
                poor_village v
                LEFT JOIN posted x ON x.village_code = v.village_code
              WHERE
                "v"."village_code" = ANY ($22::TEXT[])
                AND "v"."county_code" = ANY ($23::TEXT[])
                AND v.year_listed <= extract(
                  YEAR
                  FROM
                    $24::date
                )::int
              GROUP BY
                v.village_code
            ),
            leave_state AS (
              SELECT
                c.region_code AS village_code,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $25::date + 1
                    AND "s"."county_code" = ANY ($26::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $27
                AND "c"."region_code" = ANY ($28::TEXT[])
                AND "c"."county_code" = ANY ($29::TEXT[])
                AND c.opened_at < $30::date + 1
            )
          SELECT
            village_code,
            'cadre.in_post' AS measure,
            count(*)::numeric AS value
          FROM
            posted
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'cadre.in_post.' || role,
            count(*)
          FROM
            posted
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'cadre.pv',
            1
          FROM
            teams
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.team.' || least(members, 9),
            1
          FROM
            teams
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.secretary',
            1
          FROM
            teams
          WHERE
            secretaries > 0
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.staffed.' || least(members, 9),
            1
          FROM
            teams
          WHERE
            secretaries > 0
          UNION ALL
          SELECT
            village_code,
            'cadre.leave.waiting',
            count(*)
          FROM
            leave_state
          WHERE
            state = 'requested'
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'cadre.replaced.' || extract(
              YEAR
              FROM
                end_date
            )::int,
            count(*)
          FROM
            cadre_posting
          WHERE
            "village_code" = ANY ($31::TEXT[])
            AND "county_code" = ANY ($32::TEXT[])
            AND end_kind = 'replaced'
            AND end_date <= $33::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            c.village_code,
            'cadre.att.today',
            count(DISTINCT c.posting_id)
          FROM
            (
              SELECT
                p.village_code,
                k.posting_id,
                k.lat,
                k.lon,
                k.accuracy_m,
                vp.lat AS plat,
                vp.lon AS plon
              FROM
                cadre_checkin k
                JOIN cadre_posting p ON p.county_code = k.county_code
                AND p.id = k.posting_id
                JOIN village_point vp ON vp.county_code = p.county_code
                AND vp.village_code = p.village_code
              WHERE
                "p"."village_code" = ANY ($34::TEXT[])
                AND "p"."county_code" = ANY ($35::TEXT[])
                AND k.device_time >= ($36::date::text || 'T00:00:00+08:00')::timestamptz
                AND k.device_time < ($37::date::text || 'T00:00:00+08:00')::timestamptz + interval '1 day'
                AND k.accuracy_m <= $38
            ) c
          WHERE
            2 * 6371008.8 * asin(
              least(
                1,
                sqrt(
                  power(sin(radians(c.lat - c.plat) / 2), 2) + cos(radians(c.plat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - c.plon) / 2), 2)
                )
              )
            ) <= $39
          GROUP BY
            1
          UNION ALL
          SELECT
            a.village_code,
            'cadre.att.rows',
            count(*)
          FROM
            cadre_attendance_month a
          WHERE
            "a"."village_code" = ANY ($40::TEXT[])
            AND "a"."county_code" = ANY ($41::TEXT[])
            AND a.month = date_trunc('month', $42::date)::date
          GROUP BY
            1
          UNION ALL
          SELECT
            a.village_code,
            'cadre.att.compliant',
            count(*)
          FROM
            cadre_attendance_month a
          WHERE
            "a"."village_code" = ANY ($43::TEXT[])
            AND "a"."county_code" = ANY ($44::TEXT[])
            AND a.month = date_trunc('month', $45::date)::date
            AND a.compliant
          GROUP BY
            1
          UNION ALL
          SELECT
            f.village_code,
            'cadre.flag.open',
            count(*)
          FROM
            cadre_flag f
          WHERE
            "f"."village_code" = ANY ($46::TEXT[])
            AND "f"."county_code" = ANY ($47::TEXT[])
            AND f.code <> 'absence_candidate'
            AND f.opened_at < $48::date + 1
            AND (
              f.decided_at IS NULL
              OR f.decided_at >= $49::date + 1
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            p.village_code,
            'cadre.absence.year',
            count(*)
          FROM
            cadre_absence x
            JOIN cadre_posting p ON p.county_code = x.county_code
            AND p.id = x.posting_id
          WHERE
            "p"."village_code" = ANY ($50::TEXT[])
            AND "p"."county_code" = ANY ($51::TEXT[])
            AND NOT x.excused
            AND x.day <= $52::date
            AND x.day >= date_trunc('year', $53::date)::date
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            orgs AS MATERIALIZED (
              SELECT
                o.county_code,
                o.id,
                o.region_code AS village_code
              FROM
                party_org o
              WHERE
                "o"."region_code" = ANY ($54::TEXT[])
                AND "o"."county_code" = ANY ($55::TEXT[])
                AND length(o.region_code) = 12
                AND (
                  o.established_on IS NULL
                  OR o.established_on <= $56::date
                )
                AND (
                  o.dissolved_on IS NULL
                  OR o.dissolved_on > $57::date
                )
            ),
            members AS MATERIALIZED (
              SELECT
                o.village_code,
                m.wealth_leader
              FROM
                orgs o
                JOIN party_member m ON m.county_code = o.county_code
                AND m.org_id = o.id
              WHERE
                "m"."county_code" = ANY ($58::TEXT[])
                AND m.joined_on <= $59::date
                AND (
                  m.left_on IS NULL
                  OR m.left_on > $60::date
                )
            ),
            terms AS (
              SELECT
                o.village_code,
                t.one_shoulder
              FROM
                orgs o
                JOIN party_secretary_term t ON t.county_code = o.county_code
                AND t.org_id = o.id
              WHERE
                "t"."county_code" = ANY ($61::TEXT[])
                AND t.start_date <= $62::date
                AND (
                  t.end_date IS NULL
                  OR t.end_date >= $63::date
                )
            ),
            pv AS (
              SELECT
                v.village_code,
                EXISTS (
                  SELECT
                    1
                  FROM
                    members m
                  WHERE
                    m.village_code = v.village_code
                    AND m.wealth_leader
                ) AS wealth
              FROM
                poor_village v
              WHERE
                "v"."village_code" = ANY ($64::TEXT[])
                AND "v"."county_code" = ANY ($65::TEXT[])
                AND v.year_listed <= extract(
                  YEAR
                  FROM
                    $66::date
                )::int
            )
          SELECT
            village_code,
            'party.org' AS measure,
            count(*)::numeric AS value
          FROM
            orgs
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.members',
            count(*)
          FROM
            members
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.wealth',
            count(*)
          FROM
            members
          WHERE
            wealth_leader
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.secretary',
            count(*)
          FROM
            terms
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.one_shoulder',
            count(*)
          FROM
            terms
          WHERE
            one_shoulder
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.pv',
            1
          FROM
            pv
          UNION ALL
          SELECT
            village_code,
            'party.pv.wealth',
            1
          FROM
            pv
          WHERE
            wealth
        )
        UNION ALL
        (
          WITH
            cases AS MATERIALIZED (
              SELECT
                r.village_code,
                r.year,
                r.deadline,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $67::date + 1
                    AND "s"."county_code" = ANY ($68::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                party_rectification r
                JOIN procedure_case c ON c.county_code = r.county_code
                AND c.procedure = $69
                AND c.subject_id = r.id
              WHERE
                "r"."village_code" = ANY ($70::TEXT[])
                AND "r"."county_code" = ANY ($71::TEXT[])
                AND "c"."county_code" = ANY ($72::TEXT[])
                AND c.opened_at < $73::date + 1
            ),
            screened AS (
              SELECT
                s.village_code,
                s.result,
                s.assessed_on,
                s.adjusted_on,
                s.adjust_by
              FROM
                party_screening s
              WHERE
                "s"."village_code" = ANY ($74::TEXT[])
                AND "s"."county_code" = ANY ($75::TEXT[])
                AND s.assessed_on <= $76::date
            )
          SELECT
            village_code,
            'party.case.' || state AS measure,
            count(*)::numeric AS value
          FROM
            cases
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.case.overdue',
            count(*)
          FROM
            cases
          WHERE
            state IN ('identified', 'planned', 'rectifying')
            AND deadline < $77::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.case.late_year',
            count(*)
          FROM
            cases
          WHERE
            state IN ('identified', 'planned', 'rectifying')
            AND make_date(YEAR, 12, 31) < $78::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.screened.' || extract(
              YEAR
              FROM
                assessed_on
            )::int,
            count(*)
          FROM
            screened
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.unfit.' || extract(
              YEAR
              FROM
                assessed_on
            )::int,
            count(*)
          FROM
            screened
          WHERE
            result = 'incompetent'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.adjusted.' || extract(
              YEAR
              FROM
                adjusted_on
            )::int,
            count(*)
          FROM
            screened
          WHERE
            adjusted_on <= $79::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.adjust_overdue',
            count(*)
          FROM
            screened
          WHERE
            result = 'incompetent'
            AND (
              adjusted_on IS NULL
              OR adjusted_on > $80::date
            )
            AND adjust_by < $81::date
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            decision_state AS (
              SELECT
                c.region_code AS village_code,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.effective_date <= $82::date
                    AND "s"."county_code" = ANY ($83::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $84
                AND "c"."region_code" = ANY ($85::TEXT[])
                AND "c"."county_code" = ANY ($86::TEXT[])
            ),
            lag AS (
              SELECT
                p.village_code,
                least(p.held_on - v.held_on, $87) AS days
              FROM
                party_decision_step p
                JOIN party_decision_step v ON v.county_code = p.county_code
                AND v.decision_id = p.decision_id
                AND v.step = 'villagers_meeting'
              WHERE
                p.step = 'disclose_decision'
                AND p.held_on <= $88::date
                AND "p"."village_code" = ANY ($89::TEXT[])
                AND "p"."county_code" = ANY ($90::TEXT[])
            )
          SELECT
            village_code,
            'party.decision.state.' || state AS measure,
            count(*)::numeric AS value
          FROM
            decision_state
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.decision.disclose_lag.' || days,
            count(*)
          FROM
            lag
          GROUP BY
            1,
            2
        )
        UNION ALL
        (
          WITH
            known AS MATERIALIZED (
              SELECT
                region_code AS village_code
              FROM
                party_org
              WHERE
                "region_code" = ANY ($91::TEXT[])
                AND "county_code" = ANY ($92::TEXT[])
                AND length(region_code) = 12
                AND dissolved_on IS NULL
                AND coalesce(established_on, $93::date) <= $94::date
              UNION
              SELECT
                village_code
              FROM
                poor_village
              WHERE
                "village_code" = ANY ($95::TEXT[])
                AND "county_code" = ANY ($96::TEXT[])
                AND year_listed <= extract(
                  YEAR
                  FROM
                    $97::date
                )::int
              UNION
              SELECT
                village_code
              FROM
                party_fund_payment
              WHERE
                "village_code" = ANY ($98::TEXT[])
                AND "county_code" = ANY ($99::TEXT[])
                AND paid_on <= $100::date
              UNION
              SELECT
                village_code
              FROM
                party_collective_income
              WHERE
                "village_code" = ANY ($101::TEXT[])
                AND "county_code" = ANY ($102::TEXT[])
                AND YEAR <= extract(
                  YEAR
                  FROM
                    $103::date
                )::int
            ),
            earning AS MATERIALIZED (
              SELECT DISTINCT
                village_code
              FROM
                party_collective_income
              WHERE
                "village_code" = ANY ($104::TEXT[])
                AND "county_code" = ANY ($105::TEXT[])
                AND YEAR = extract(
                  YEAR
                  FROM
                    $106::date
                )::int
                AND amount_fen > 0
            )
          SELECT
            village_code,
            'party.v' AS measure,
            1::numeric AS value
          FROM
            known
          UNION ALL
          SELECT
            village_code,
            'party.paid.' || purpose || '.' || extract(
              YEAR
              FROM
                paid_on
            )::int,
            sum(amount_fen)
          FROM
            party_fund_payment
          WHERE
            "village_code" = ANY ($107::TEXT[])
            AND "county_code" = ANY ($108::TEXT[])
            AND paid_on <= $109::date
            AND purpose <> 'other'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            k.village_code,
            'party.hollow',
            1
          FROM
            known k
            LEFT JOIN earning e ON e.village_code = k.village_code
          WHERE
            e.village_code IS NULL
          UNION ALL
          SELECT
            village_code,
            'party.pay.late',
            count(*)
          FROM
            party_cadre_pay
          WHERE
            "village_code" = ANY ($110::TEXT[])
            AND "county_code" = ANY ($111::TEXT[])
            AND extract(
              YEAR
              FROM
                MONTH
            )::int = extract(
              YEAR
              FROM
                $112::date
            )::int
            AND due_on < $113::date
            AND (
              paid_on IS NULL
              OR paid_on > due_on
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            region_code,
            'party.commit',
            count(*)
          FROM
            party_commitment
          WHERE
            "region_code" = ANY ($114::TEXT[])
            AND "county_code" = ANY ($115::TEXT[])
            AND YEAR = extract(
              YEAR
              FROM
                $116::date
            )::int
            AND created_at < $117::date + 1
          GROUP BY
            1
          UNION ALL
          SELECT
            region_code,
            'party.commit.done',
            count(*)
          FROM
            party_commitment
          WHERE
            "region_code" = ANY ($118::TEXT[])
            AND "county_code" = ANY ($119::TEXT[])
            AND YEAR = extract(
              YEAR
              FROM
                $120::date
            )::int
            AND status = 'fulfilled'
            AND review = 'confirmed'
            AND reviewed_on <= $121::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.reserve',
            count(*)
          FROM
            party_reserve_cadre
          WHERE
            "village_code" = ANY ($122::TEXT[])
            AND "county_code" = ANY ($123::TEXT[])
            AND since <= $124::date
            AND (
              left_on IS NULL
              OR left_on > $125::date
            )
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            cases AS MATERIALIZED (
              SELECT
                m.village_code,
                m.kind,
                m.decision_due,
                c.due_date,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $126::date + 1
                    AND "s"."county_code" = ANY ($127::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                monitoring_case m
                JOIN procedure_case c ON c.county_code = m.county_code
                AND c.procedure = $128
                AND c.subject_id = m.id
              WHERE
                "m"."village_code" = ANY ($129::TEXT[])
                AND "m"."county_code" = ANY ($130::TEXT[])
                AND "c"."county_code" = ANY ($131::TEXT[])
                AND c.opened_at < $132::date + 1
            ),
            hits AS (
              SELECT
                x.village_code,
                CASE
                  WHEN x.decided_at IS NULL
                  OR x.decided_at >= $133::date + 1 THEN 'open'
                  ELSE x.state
                END AS state
              FROM
                comparison_hit x
              WHERE
                "x"."village_code" = ANY ($134::TEXT[])
                AND "x"."county_code" = ANY ($135::TEXT[])
                AND x.created_at < $136::date + 1
            )
          SELECT
            village_code,
            'exit.mon.' || state AS measure,
            count(*)::numeric AS value
          FROM
            cases
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'exit.mon.kind.' || kind,
            count(*)
          FROM
            cases
          WHERE
            state = 'monitored'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'exit.mon.overdue',
            count(*)
          FROM
            cases
          WHERE
            state IN (
              'proposed',
              'visiting',
              'notice',
              'township_review',
              'county_decision'
            )
            AND (
              decision_due < $137::date
              OR due_date < $138::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hit.' || state,
            count(*)
          FROM
            hits
          GROUP BY
            1,
            2
        )
        UNION ALL
        (
          WITH
            line AS (
              SELECT
                coalesce(
                  (
                    SELECT
                      (value #>> '{}')::numeric
                    FROM
                      setting
                    WHERE
                      key = 'registry.poverty_line'
                      AND scope_code = ''
                      AND YEAR IN (
                        extract(
                          YEAR
                          FROM
                            $139::date
                        )::int,
                        0
                      )
                    ORDER BY
                      YEAR DESC
                    LIMIT
                      1
                  ),
                  3335
                ) AS v
            ),
            pct AS (
              SELECT
                coalesce(
                  (
                    SELECT
                      (value #>> '{}')::numeric
                    FROM
                      setting
                    WHERE
                      key = 'exit.incidence_pct'
                      AND scope_code = ''
                      AND YEAR = 0
                  ),
                  2
                ) AS v
            ),
            hh AS MATERIALIZED (
              SELECT
                e.village_code,
                e.closed_on,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $140::date + 1
                    AND "s"."county_code" = ANY ($141::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                exit_household e
                JOIN procedure_case c ON c.county_code = e.county_code
                AND c.procedure = $142
                AND c.subject_id = e.id
              WHERE
                "e"."village_code" = ANY ($143::TEXT[])
                AND "e"."county_code" = ANY ($144::TEXT[])
                AND "c"."county_code" = ANY ($145::TEXT[])
                AND c.opened_at < $146::date + 1
            ),
            areas AS MATERIALIZED (
              SELECT
                v.village_code,
                v.announced_on,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $147::date + 1
                    AND "s"."county_code" = ANY ($148::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                exit_village v
                JOIN procedure_case c ON c.county_code = v.county_code
                AND c.procedure = $149
                AND c.subject_id = v.id
              WHERE
                "v"."village_code" = ANY ($150::TEXT[])
                AND "v"."county_code" = ANY ($151::TEXT[])
                AND "c"."county_code" = ANY ($152::TEXT[])
                AND c.opened_at < $153::date + 1
            ),
            cv AS MATERIALIZED (
              -- The villages of the provincial poverty counties: their persons still poor and rural population, by county.
              SELECT
                r.code AS village_code
              FROM
                region r
                JOIN region k ON k.code = left(r.code, 6)
                AND k.is_poverty_county
              WHERE
                r.level = 5
                AND "r"."code" = ANY ($154::TEXT[])
            ),
            latest AS MATERIALIZED (
              -- Each county's latest exit and the state of its case, read by county (the tables are a county's), then placed
              -- on the poverty counties below: a distributed database runs each step where its rows are.
              SELECT DISTINCT
                ON (e.county_code) e.county_code,
                e.id,
                e.announced_on
              FROM
                exit_county e
              WHERE
                "e"."county_code" = ANY ($155::TEXT[])
                AND e.created_at < $156::date + 1
              ORDER BY
                e.county_code,
                e.year DESC
            ),
            county_cases AS MATERIALIZED (
              SELECT
                c.county_code,
                c.subject_id,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $157::date + 1
                    AND "s"."county_code" = ANY ($158::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $159
                AND "c"."county_code" = ANY ($160::TEXT[])
            ),
            counties AS MATERIALIZED (
              -- A poverty county's own figures (its exit), kept on the county's row (countyRow) and its latest exit's state.
              SELECT
                k.code AS county_code,
                k.code || '000000' AS row_code,
                x.announced_on,
                c.state
              FROM
                region k
                LEFT JOIN latest x ON x.county_code = k.code
                LEFT JOIN county_cases c ON c.county_code = k.code
                AND c.subject_id = x.id
              WHERE
                k.level = 3
                AND k.is_poverty_county
                AND k.code || '000000' = ANY ($161::TEXT[])
            )
          SELECT
            village_code,
            'exit.hh.open' AS measure,
            count(*)::numeric AS value
          FROM
            hh
          WHERE
            state IN (
              'proposed',
              'appraised',
              'verified',
              'agreed',
              'notice',
              'announced'
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hh.notice',
            count(*)
          FROM
            hh
          WHERE
            state = 'notice'
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hh.closed.' || extract(
              YEAR
              FROM
                closed_on
            )::int,
            count(*)
          FROM
            hh
          WHERE
            state = 'closed'
            AND closed_on <= $162::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            h.village_code,
            'exit.hh.eligible_not_proposed',
            count(*)
          FROM
            household h
            JOIN household_income i ON i.county_code = h.county_code
            AND i.household_id = h.id
            AND i.year = extract(
              YEAR
              FROM
                $163::date
            )::int
            AND "i"."county_code" = ANY ($164::TEXT[])
          WHERE
            "h"."village_code" = ANY ($165::TEXT[])
            AND "h"."county_code" = ANY ($166::TEXT[])
            AND h.status IN ('poor', 'returned')
            AND i.per_capita > (
              SELECT
                v
              FROM
                line
            )
            AND h.guarantee_food
            AND h.guarantee_clothing
            AND h.guarantee_education
            AND h.guarantee_medical
            AND h.guarantee_housing
            AND NOT EXISTS (
              SELECT
                1
              FROM
                exit_household e
              WHERE
                e.county_code = h.county_code
                AND e.household_id = h.id
                AND e.year = extract(
                  YEAR
                  FROM
                    $167::date
                )::int
                AND "e"."county_code" = ANY ($168::TEXT[])
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            e.village_code,
            'exit.objection.open',
            count(*)
          FROM
            exit_objection o
            JOIN exit_household e ON e.county_code = o.county_code
            AND e.id = o.exit_household_id
          WHERE
            "e"."village_code" = ANY ($169::TEXT[])
            AND "e"."county_code" = ANY ($170::TEXT[])
            AND o.received_on <= $171::date
            AND (
              o.decided_on IS NULL
              OR o.decided_on > $172::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            x.village_code,
            'exit.complaint.open',
            count(*)
          FROM
            exit_complaint x
            JOIN procedure_case c ON c.county_code = x.county_code
            AND c.procedure = $173
            AND c.subject_id = x.id
          WHERE
            "x"."village_code" = ANY ($174::TEXT[])
            AND "x"."county_code" = ANY ($175::TEXT[])
            AND x.received_at < $176::date + 1
            AND (
              x.answered_on IS NULL
              OR x.answered_on > $177::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.v.open',
            count(*)
          FROM
            areas
          WHERE
            state IN (
              'proposed',
              'checked',
              'prechecked',
              'verified',
              'notice'
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.v.exited.' || extract(
              YEAR
              FROM
                announced_on
            )::int,
            count(*)
          FROM
            areas
          WHERE
            state = 'announced'
            AND announced_on <= $178::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            cv.village_code,
            'exit.c.poor.' || left(cv.village_code, 6),
            sum(h.member_count)
          FROM
            cv
            JOIN household h ON h.county_code = left(cv.village_code, 6)
            AND h.village_code = cv.village_code
            AND "h"."county_code" = ANY ($179::TEXT[])
          WHERE
            h.status IN ('poor', 'returned')
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            cv.village_code,
            'exit.c.pop.' || left(cv.village_code, 6),
            coalesce(pv.rural_population, vp.rural_population)
          FROM
            cv
            LEFT JOIN poor_village pv ON pv.county_code = left(cv.village_code, 6)
            AND pv.village_code = cv.village_code
            AND "pv"."county_code" = ANY ($180::TEXT[])
            LEFT JOIN village_population vp ON vp.county_code = left(cv.village_code, 6)
            AND vp.village_code = cv.village_code
            AND "vp"."county_code" = ANY ($181::TEXT[])
          WHERE
            coalesce(pv.rural_population, vp.rural_population) IS NOT NULL
          UNION ALL
          SELECT
            row_code,
            'exit.c.remaining.' || county_code,
            1
          FROM
            counties
          WHERE
            state IS DISTINCT FROM 'announced'
          UNION ALL
          SELECT
            row_code,
            'exit.c.open',
            1
          FROM
            counties
          WHERE
            state IN (
              'proposed',
              'checked',
              'prechecked',
              'verified',
              'notice'
            )
          UNION ALL
          SELECT
            row_code,
            'exit.c.exited.' || extract(
              YEAR
              FROM
                announced_on
            )::int,
            1
          FROM
            counties
          WHERE
            state = 'announced'
            AND announced_on <= $182::date
          UNION ALL
          SELECT
            pv.village_code,
            'exit.v.meets',
            1
          FROM
            poor_village pv
          WHERE
            "pv"."village_code" = ANY ($183::TEXT[])
            AND "pv"."county_code" = ANY ($184::TEXT[])
            AND (
              pv.exit_year IS NULL
              OR pv.exit_year > extract(
                YEAR
                FROM
                  $185::date
              )::int
            )
            AND pv.rural_population > 0
            AND 100.0 * coalesce(
              (
                SELECT
                  sum(h.member_count)
                FROM
                  household h
                WHERE
                  h.county_code = pv.county_code
                  AND "h"."county_code" = ANY ($186::TEXT[])
                  AND h.village_code = pv.village_code
                  AND h.status IN ('poor', 'returned')
              ),
              0
            ) / pv.rural_population < (
              SELECT
                v
              FROM
                pct
            )
        )
      ) m
    GROUP BY
      1,
      2
  ),
  old AS (
    SELECT
      region_code AS village_code,
      measure,
      value
    FROM
      indicator_rollup
    WHERE
      region_code = ANY ($187::TEXT[])
  ),
  delta AS (
    SELECT
      coalesce(f.village_code, o.village_code) AS village_code,
      coalesce(f.measure, o.measure) AS measure,
      coalesce(f.value, 0) - coalesce(o.value, 0) AS d
    FROM
      fresh f
      FULL JOIN old o ON o.village_code = f.village_code
      AND o.measure = f.measure
    WHERE
      coalesce(f.value, 0) <> coalesce(o.value, 0)
  )
INSERT INTO
  indicator_rollup (region_code, measure, value)
SELECT
  left(village_code, l),
  measure,
  sum(d)
FROM
  delta
  CROSS JOIN (
    VALUES
      (2),
      (4),
      (6),
      (9),
      (12)
  ) AS lv (l)
GROUP BY
  1,
  2
ORDER BY
  1,
  2
ON CONFLICT (region_code, measure) DO UPDATE
SET
  value = indicator_rollup.value + excluded.value;

DELETE FROM indicator_rollup
WHERE
  value = 0
  AND region_code IN (
    SELECT DISTINCT
      left(c, l)
    FROM
      unnest($1::TEXT[]) AS c
      CROSS JOIN (
        VALUES
          (2),
          (4),
          (6),
          (9),
          (12)
      ) AS lv (l)
  );

SELECT
  nextval('rollup_version');

COMMIT;

SELECT
  nextval('rollup_version');

SELECT
  1 AS x
WHERE
  EXISTS (
    SELECT
      1
    FROM
      rollup_dirty
  )
  OR EXISTS (
    SELECT
      1
    FROM
      rollup_dated
  );

-- refreshIn
BEGIN;

SELECT
  pg_try_advisory_xact_lock($1) AS ok;

WITH
  q AS (
    DELETE FROM rollup_dated
    RETURNING
      county_code,
      village_code,
      MONTH,
      source,
      dated,
      household_id,
      marked_at
  ),
  dropped AS (
    DELETE FROM indicator_month
    WHERE
      MONTH >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
    RETURNING
      MONTH
  ),
  pending AS (
    SELECT DISTINCT
      r.month
    FROM
      indicator_month_revision r
    WHERE
      r.month >= (
        SELECT
          min(MONTH)
        FROM
          q
      )
      AND NOT EXISTS (
        SELECT
          1
        FROM
          indicator_month m
        WHERE
          m.month = r.month
      )
  ),
  named AS (
    SELECT DISTINCT
      ON (source, marked_at, county_code) *
    FROM
      q
    ORDER BY
      source,
      marked_at,
      county_code,
      dated,
      village_code
  ),
  listed AS (
    INSERT INTO
      indicator_month_revision (
        MONTH,
        revised_at,
        source,
        dated,
        county_code,
        village_code,
        household_id
      )
    SELECT
      m.month,
      n.marked_at,
      n.source,
      n.dated,
      n.county_code,
      nullif(n.village_code, ''),
      n.household_id
    FROM
      named n
      JOIN (
        SELECT
          MONTH
        FROM
          dropped
        UNION
        SELECT
          MONTH
        FROM
          pending
      ) m ON m.month >= n.month
    RETURNING
      1
  )
SELECT
  (
    SELECT
      count(*)
    FROM
      q
  )::int AS n,
  (
    SELECT
      count(*)
    FROM
      listed
  )::int AS listed;

DELETE FROM rollup_dirty
WHERE
  village_code IN (
    SELECT
      village_code
    FROM
      rollup_dirty
    LIMIT
      $1
  )
RETURNING
  village_code;

WITH
  fresh AS (
    SELECT
      m.village_code,
      m.measure,
      sum(m.value) AS value
    FROM
      (
        (
          WITH
            hh AS MATERIALIZED (
              SELECT
                h.county_code,
                h.id,
                h.village_code,
                h.member_count,
                h.cause,
                h.category,
                h.planned_exit_year,
                h.status AS status,
                EXISTS (
                  SELECT
                    1
                  FROM
                    help_pairing hp
                  WHERE
                    hp.county_code = h.county_code
                    AND hp.household_id = h.id
                    AND "hp"."county_code" = ANY ($1::TEXT[])
                    AND hp.end_date IS NULL
                ) AS helped,
                EXISTS (
                  SELECT
                    1
                  FROM
                    household_project pr
                  WHERE
                    pr.county_code = h.county_code
                    AND pr.household_id = h.id
                    AND "pr"."county_code" = ANY ($2::TEXT[])
                    AND pr.state <> 'cancelled'
                ) AS projected
              FROM
                household h
              WHERE
                "h"."village_code" = ANY ($3::TEXT[])
                AND "h"."county_code" = ANY ($4::TEXT[])
            ),
            live AS (
              SELECT
                *
              FROM
                hh
              WHERE
                status IS NOT NULL
            ),
            remaining AS (
              SELECT
                *
              FROM
                live
              WHERE
                status IN ('poor', 'returned')
            )
          SELECT
            village_code,
            'hh.status.' || status AS measure,
            count(*)::numeric AS value
          FROM
            live
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'p.status.' || status,
            sum(member_count)
          FROM
            live
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.cause.' || cause,
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.category.' || category,
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.helped',
            count(*)
          FROM
            remaining
          WHERE
            helped
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.projected',
            count(*)
          FROM
            remaining
          WHERE
            projected
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'),
            count(*)
          FROM
            remaining
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            l.village_code,
            'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int,
            count(*)
          FROM
            live l
            JOIN household_income i ON i.county_code = l.county_code
            AND i.household_id = l.id
            AND "i"."county_code" = ANY ($5::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            l.village_code,
            'inc.' || i.year || '.sum',
            sum(i.per_capita)
          FROM
            live l
            JOIN household_income i ON i.county_code = l.county_code
            AND i.household_id = l.id
            AND "i"."county_code" = ANY ($6::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'pv.listed.' || year_listed,
            count(*)
          FROM
            poor_village
          WHERE
            "village_code" = ANY ($7::TEXT[])
            AND "county_code" = ANY ($8::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'pv.exited.' || exit_year,
            count(*)
          FROM
            poor_village
          WHERE
            exit_year IS NOT NULL
            AND "village_code" = ANY ($9::TEXT[])
            AND "county_code" = ANY ($10::TEXT[])
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            coalesce(pv.village_code, vp.village_code),
            'pop.rural',
            coalesce(pv.rural_population, vp.rural_population)::numeric
          FROM
            (
              SELECT
                village_code,
                rural_population
              FROM
                poor_village
              WHERE
                "village_code" = ANY ($11::TEXT[])
                AND "county_code" = ANY ($12::TEXT[])
            ) pv
            FULL JOIN (
              SELECT
                village_code,
                rural_population
              FROM
                village_population
              WHERE
                "village_code" = ANY ($13::TEXT[])
                AND "county_code" = ANY ($14::TEXT[])
            ) vp ON vp.village_code = pv.village_code
          UNION ALL
          SELECT
            v.village_code,
            'pv.due.' || v.planned_exit_year || '.' || least(
              floor(1000.0 * coalesce(x.poor, 0) / v.rural_population),
              100
            )::int,
            1
          FROM
            poor_village v
            LEFT JOIN (
              SELECT
                village_code,
                sum(member_count) AS poor
              FROM
                remaining
              GROUP BY
                1
            ) x ON x.village_code = v.village_code
          WHERE
            v.exit_year IS NULL
            AND v.planned_exit_year IS NOT NULL
            AND v.rural_population > 0
            AND "v"."village_code" = ANY ($15::TEXT[])
            AND "v"."county_code" = ANY ($16::TEXT[])
        )
        UNION ALL
        (
          SELECT
            NULL::text AS village_code,
            NULL::text AS measure,
            0::numeric AS value
          WHERE
            FALSE
        )
        UNION ALL
        (
          WITH
            posted AS MATERIALIZED (
              SELECT
                p.village_code,
                p.role
              FROM
                cadre_posting p
              WHERE
                "p"."village_code" = ANY ($17::TEXT[])
                AND "p"."county_code" = ANY ($18::TEXT[])
                AND p.confirmed_on <= $19::date
                AND p.start_date <= $20::date
                AND (
                  p.end_date IS NULL
                  OR p.end_date >= $21::date
                )
            ),
            teams AS (
              SELECT
                v.village_code,
                count(x.role) AS members,
                count(x.role) FILTER (
                  WHERE
                    x.role = 'first_secretary'
                ) AS secretaries
              FROM
                poor_village v
                LEFT JOIN posted x ON x.village_code = v.village_code
              WHERE
                "v"."village_code" = ANY ($22::TEXT[])
                AND "v"."county_code" = ANY ($23::TEXT[])
                AND v.year_listed <= extract(
                  YEAR
                  FROM
                    $24::date
                )::int
              GROUP BY
                v.village_code
            ),
            leave_state AS (
              SELECT
                c.region_code AS village_code,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $25::date + 1
                    AND "s"."county_code" = ANY ($26::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $27
                AND "c"."region_code" = ANY ($28::TEXT[])
                AND "c"."county_code" = ANY ($29::TEXT[])
                AND c.opened_at < $30::date + 1
            )
          SELECT
            village_code,
            'cadre.in_post' AS measure,
            count(*)::numeric AS value
          FROM
            posted
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'cadre.in_post.' || role,
            count(*)
          FROM
            posted
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'cadre.pv',
            1
          FROM
            teams
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.team.' || least(members, 9),
            1
          FROM
            teams
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.secretary',
            1
          FROM
            teams
          WHERE
            secretaries > 0
          UNION ALL
          SELECT
            village_code,
            'cadre.pv.staffed.' || least(members, 9),
            1
          FROM
            teams
          WHERE
            secretaries > 0
          UNION ALL
          SELECT
            village_code,
            'cadre.leave.waiting',
            count(*)
          FROM
            leave_state
          WHERE
            state = 'requested'
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'cadre.replaced.' || extract(
              YEAR
              FROM
                end_date
            )::int,
            count(*)
          FROM
            cadre_posting
          WHERE
            "village_code" = ANY ($31::TEXT[])
            AND "county_code" = ANY ($32::TEXT[])
            AND end_kind = 'replaced'
            AND end_date <= $33::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            c.village_code,
            'cadre.att.today',
            count(DISTINCT c.posting_id)
          FROM
            (
              SELECT
                p.village_code,
                k.posting_id,
                k.lat,
                k.lon,
                k.accuracy_m,
                vp.lat AS plat,
                vp.lon AS plon
              FROM
                cadre_checkin k
                JOIN cadre_posting p ON p.county_code = k.county_code
                AND p.id = k.posting_id
                JOIN village_point vp ON vp.county_code = p.county_code
                AND vp.village_code = p.village_code
              WHERE
                "p"."village_code" = ANY ($34::TEXT[])
                AND "p"."county_code" = ANY ($35::TEXT[])
                AND k.device_time >= ($36::date::text || 'T00:00:00+08:00')::timestamptz
                AND k.device_time < ($37::date::text || 'T00:00:00+08:00')::timestamptz + interval '1 day'
                AND k.accuracy_m <= $38
            ) c
          WHERE
            2 * 6371008.8 * asin(
              least(
                1,
                sqrt(
                  power(sin(radians(c.lat - c.plat) / 2), 2) + cos(radians(c.plat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - c.plon) / 2), 2)
                )
              )
            ) <= $39
          GROUP BY
            1
          UNION ALL
          SELECT
            a.village_code,
            'cadre.att.rows',
            count(*)
          FROM
            cadre_attendance_month a
          WHERE
            "a"."village_code" = ANY ($40::TEXT[])
            AND "a"."county_code" = ANY ($41::TEXT[])
            AND a.month = date_trunc('month', $42::date)::date
          GROUP BY
            1
          UNION ALL
          SELECT
            a.village_code,
            'cadre.att.compliant',
            count(*)
          FROM
            cadre_attendance_month a
          WHERE
            "a"."village_code" = ANY ($43::TEXT[])
            AND "a"."county_code" = ANY ($44::TEXT[])
            AND a.month = date_trunc('month', $45::date)::date
            AND a.compliant
          GROUP BY
            1
          UNION ALL
          SELECT
            f.village_code,
            'cadre.flag.open',
            count(*)
          FROM
            cadre_flag f
          WHERE
            "f"."village_code" = ANY ($46::TEXT[])
            AND "f"."county_code" = ANY ($47::TEXT[])
            AND f.code <> 'absence_candidate'
            AND f.opened_at < $48::date + 1
            AND (
              f.decided_at IS NULL
              OR f.decided_at >= $49::date + 1
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            p.village_code,
            'cadre.absence.year',
            count(*)
          FROM
            cadre_absence x
            JOIN cadre_posting p ON p.county_code = x.county_code
            AND p.id = x.posting_id
          WHERE
            "p"."village_code" = ANY ($50::TEXT[])
            AND "p"."county_code" = ANY ($51::TEXT[])
            AND NOT x.excused
            AND x.day <= $52::date
            AND x.day >= date_trunc('year', $53::date)::date
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            orgs AS MATERIALIZED (
              SELECT
                o.county_code,
                o.id,
                o.region_code AS village_code
              FROM
                party_org o
              WHERE
                "o"."region_code" = ANY ($54::TEXT[])
                AND "o"."county_code" = ANY ($55::TEXT[])
                AND length(o.region_code) = 12
                AND (
                  o.established_on IS NULL
                  OR o.established_on <= $56::date
                )
                AND (
                  o.dissolved_on IS NULL
                  OR o.dissolved_on > $57::date
                )
            ),
            members AS MATERIALIZED (
              SELECT
                o.village_code,
                m.wealth_leader
              FROM
                orgs o
                JOIN party_member m ON m.county_code = o.county_code
                AND m.org_id = o.id
              WHERE
                "m"."county_code" = ANY ($58::TEXT[])
                AND m.joined_on <= $59::date
                AND (
                  m.left_on IS NULL
                  OR m.left_on > $60::date
                )
            ),
            terms AS (
              SELECT
                o.village_code,
                t.one_shoulder
              FROM
                orgs o
                JOIN party_secretary_term t ON t.county_code = o.county_code
                AND t.org_id = o.id
              WHERE
                "t"."county_code" = ANY ($61::TEXT[])
                AND t.start_date <= $62::date
                AND (
                  t.end_date IS NULL
                  OR t.end_date >= $63::date
                )
            ),
            pv AS (
              SELECT
                v.village_code,
                EXISTS (
                  SELECT
                    1
                  FROM
                    members m
                  WHERE
                    m.village_code = v.village_code
                    AND m.wealth_leader
                ) AS wealth
              FROM
                poor_village v
              WHERE
                "v"."village_code" = ANY ($64::TEXT[])
                AND "v"."county_code" = ANY ($65::TEXT[])
                AND v.year_listed <= extract(
                  YEAR
                  FROM
                    $66::date
                )::int
            )
          SELECT
            village_code,
            'party.org' AS measure,
            count(*)::numeric AS value
          FROM
            orgs
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.members',
            count(*)
          FROM
            members
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.wealth',
            count(*)
          FROM
            members
          WHERE
            wealth_leader
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.secretary',
            count(*)
          FROM
            terms
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.one_shoulder',
            count(*)
          FROM
            terms
          WHERE
            one_shoulder
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.pv',
            1
          FROM
            pv
          UNION ALL
          SELECT
            village_code,
            'party.pv.wealth',
            1
          FROM
            pv
          WHERE
            wealth
        )
        UNION ALL
        (
          WITH
            cases AS MATERIALIZED (
              SELECT
                r.village_code,
                r.year,
                r.deadline,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $67::date + 1
                    AND "s"."county_code" = ANY ($68::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                party_rectification r
                JOIN procedure_case c ON c.county_code = r.county_code
                AND c.procedure = $69
                AND c.subject_id = r.id
              WHERE
                "r"."village_code" = ANY ($70::TEXT[])
                AND "r"."county_code" = ANY ($71::TEXT[])
                AND "c"."county_code" = ANY ($72::TEXT[])
                AND c.opened_at < $73::date + 1
            ),
            screened AS (
              SELECT
                s.village_code,
                s.result,
                s.assessed_on,
                s.adjusted_on,
                s.adjust_by
              FROM
                party_screening s
              WHERE
                "s"."village_code" = ANY ($74::TEXT[])
                AND "s"."county_code" = ANY ($75::TEXT[])
                AND s.assessed_on <= $76::date
            )
          SELECT
            village_code,
            'party.case.' || state AS measure,
            count(*)::numeric AS value
          FROM
            cases
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.case.overdue',
            count(*)
          FROM
            cases
          WHERE
            state IN ('identified', 'planned', 'rectifying')
            AND deadline < $77::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.case.late_year',
            count(*)
          FROM
            cases
          WHERE
            state IN ('identified', 'planned', 'rectifying')
            AND make_date(YEAR, 12, 31) < $78::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.screened.' || extract(
              YEAR
              FROM
                assessed_on
            )::int,
            count(*)
          FROM
            screened
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.unfit.' || extract(
              YEAR
              FROM
                assessed_on
            )::int,
            count(*)
          FROM
            screened
          WHERE
            result = 'incompetent'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.adjusted.' || extract(
              YEAR
              FROM
                adjusted_on
            )::int,
            count(*)
          FROM
            screened
          WHERE
            adjusted_on <= $79::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.adjust_overdue',
            count(*)
          FROM
            screened
          WHERE
            result = 'incompetent'
            AND (
              adjusted_on IS NULL
              OR adjusted_on > $80::date
            )
            AND adjust_by < $81::date
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            decision_state AS (
              SELECT
                c.region_code AS village_code,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.effective_date <= $82::date
                    AND "s"."county_code" = ANY ($83::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $84
                AND "c"."region_code" = ANY ($85::TEXT[])
                AND "c"."county_code" = ANY ($86::TEXT[])
            ),
            lag AS (
              SELECT
                p.village_code,
                least(p.held_on - v.held_on, $87) AS days
              FROM
                party_decision_step p
                JOIN party_decision_step v ON v.county_code = p.county_code
                AND v.decision_id = p.decision_id
                AND v.step = 'villagers_meeting'
              WHERE
                p.step = 'disclose_decision'
                AND p.held_on <= $88::date
                AND "p"."village_code" = ANY ($89::TEXT[])
                AND "p"."county_code" = ANY ($90::TEXT[])
            )
          SELECT
            village_code,
            'party.decision.state.' || state AS measure,
            count(*)::numeric AS value
          FROM
            decision_state
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'party.decision.disclose_lag.' || days,
            count(*)
          FROM
            lag
          GROUP BY
            1,
            2
        )
        UNION ALL
        (
          WITH
            known AS MATERIALIZED (
              SELECT
                region_code AS village_code
              FROM
                party_org
              WHERE
                "region_code" = ANY ($91::TEXT[])
                AND "county_code" = ANY ($92::TEXT[])
                AND length(region_code) = 12
                AND dissolved_on IS NULL
                AND coalesce(established_on, $93::date) <= $94::date
              UNION
              SELECT
                village_code
              FROM
                poor_village
              WHERE
                "village_code" = ANY ($95::TEXT[])
                AND "county_code" = ANY ($96::TEXT[])
                AND year_listed <= extract(
                  YEAR
                  FROM
                    $97::date
                )::int
              UNION
              SELECT
                village_code
              FROM
                party_fund_payment
              WHERE
                "village_code" = ANY ($98::TEXT[])
                AND "county_code" = ANY ($99::TEXT[])
                AND paid_on <= $100::date
              UNION
              SELECT
                village_code
              FROM
                party_collective_income
              WHERE
                "village_code" = ANY ($101::TEXT[])
                AND "county_code" = ANY ($102::TEXT[])
                AND YEAR <= extract(
                  YEAR
                  FROM
                    $103::date
                )::int
            ),
            earning AS MATERIALIZED (
              SELECT DISTINCT
                village_code
              FROM
                party_collective_income
              WHERE
                "village_code" = ANY ($104::TEXT[])
                AND "county_code" = ANY ($105::TEXT[])
                AND YEAR = extract(
                  YEAR
                  FROM
                    $106::date
                )::int
                AND amount_fen > 0
            )
          SELECT
            village_code,
            'party.v' AS measure,
            1::numeric AS value
          FROM
            known
          UNION ALL
          SELECT
            village_code,
            'party.paid.' || purpose || '.' || extract(
              YEAR
              FROM
                paid_on
            )::int,
            sum(amount_fen)
          FROM
            party_fund_payment
          WHERE
            "village_code" = ANY ($107::TEXT[])
            AND "county_code" = ANY ($108::TEXT[])
            AND paid_on <= $109::date
            AND purpose <> 'other'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            k.village_code,
            'party.hollow',
            1
          FROM
            known k
            LEFT JOIN earning e ON e.village_code = k.village_code
          WHERE
            e.village_code IS NULL
          UNION ALL
          SELECT
            village_code,
            'party.pay.late',
            count(*)
          FROM
            party_cadre_pay
          WHERE
            "village_code" = ANY ($110::TEXT[])
            AND "county_code" = ANY ($111::TEXT[])
            AND extract(
              YEAR
              FROM
                MONTH
            )::int = extract(
              YEAR
              FROM
                $112::date
            )::int
            AND due_on < $113::date
            AND (
              paid_on IS NULL
              OR paid_on > due_on
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            region_code,
            'party.commit',
            count(*)
          FROM
            party_commitment
          WHERE
            "region_code" = ANY ($114::TEXT[])
            AND "county_code" = ANY ($115::TEXT[])
            AND YEAR = extract(
              YEAR
              FROM
                $116::date
            )::int
            AND created_at < $117::date + 1
          GROUP BY
            1
          UNION ALL
          SELECT
            region_code,
            'party.commit.done',
            count(*)
          FROM
            party_commitment
          WHERE
            "region_code" = ANY ($118::TEXT[])
            AND "county_code" = ANY ($119::TEXT[])
            AND YEAR = extract(
              YEAR
              FROM
                $120::date
            )::int
            AND status = 'fulfilled'
            AND review = 'confirmed'
            AND reviewed_on <= $121::date
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'party.reserve',
            count(*)
          FROM
            party_reserve_cadre
          WHERE
            "village_code" = ANY ($122::TEXT[])
            AND "county_code" = ANY ($123::TEXT[])
            AND since <= $124::date
            AND (
              left_on IS NULL
              OR left_on > $125::date
            )
          GROUP BY
            1
        )
        UNION ALL
        (
          WITH
            cases AS MATERIALIZED (
              SELECT
                m.village_code,
                m.kind,
                m.decision_due,
                c.due_date,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $126::date + 1
                    AND "s"."county_code" = ANY ($127::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                monitoring_case m
                JOIN procedure_case c ON c.county_code = m.county_code
                AND c.procedure = $128
                AND c.subject_id = m.id
              WHERE
                "m"."village_code" = ANY ($129::TEXT[])
                AND "m"."county_code" = ANY ($130::TEXT[])
                AND "c"."county_code" = ANY ($131::TEXT[])
                AND c.opened_at < $132::date + 1
            ),
            hits AS (
              SELECT
                x.village_code,
                CASE
                  WHEN x.decided_at IS NULL
                  OR x.decided_at >= $133::date + 1 THEN 'open'
                  ELSE x.state
                END AS state
              FROM
                comparison_hit x
              WHERE
                "x"."village_code" = ANY ($134::TEXT[])
                AND "x"."county_code" = ANY ($135::TEXT[])
                AND x.created_at < $136::date + 1
            )
          SELECT
            village_code,
            'exit.mon.' || state AS measure,
            count(*)::numeric AS value
          FROM
            cases
          WHERE
            state IS NOT NULL
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'exit.mon.kind.' || kind,
            count(*)
          FROM
            cases
          WHERE
            state = 'monitored'
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            village_code,
            'exit.mon.overdue',
            count(*)
          FROM
            cases
          WHERE
            state IN (
              'proposed',
              'visiting',
              'notice',
              'township_review',
              'county_decision'
            )
            AND (
              decision_due < $137::date
              OR due_date < $138::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hit.' || state,
            count(*)
          FROM
            hits
          GROUP BY
            1,
            2
        )
        UNION ALL
        (
          WITH
            line AS (
              SELECT
                coalesce(
                  (
                    SELECT
                      (value #>> '{}')::numeric
                    FROM
                      setting
                    WHERE
                      key = 'registry.poverty_line'
                      AND scope_code = ''
                      AND YEAR IN (
                        extract(
                          YEAR
                          FROM
                            $139::date
                        )::int,
                        0
                      )
                    ORDER BY
                      YEAR DESC
                    LIMIT
                      1
                  ),
                  3335
                ) AS v
            ),
            pct AS (
              SELECT
                coalesce(
                  (
                    SELECT
                      (value #>> '{}')::numeric
                    FROM
                      setting
                    WHERE
                      key = 'exit.incidence_pct'
                      AND scope_code = ''
                      AND YEAR = 0
                  ),
                  2
                ) AS v
            ),
            hh AS MATERIALIZED (
              SELECT
                e.village_code,
                e.closed_on,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $140::date + 1
                    AND "s"."county_code" = ANY ($141::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                exit_household e
                JOIN procedure_case c ON c.county_code = e.county_code
                AND c.procedure = $142
                AND c.subject_id = e.id
              WHERE
                "e"."village_code" = ANY ($143::TEXT[])
                AND "e"."county_code" = ANY ($144::TEXT[])
                AND "c"."county_code" = ANY ($145::TEXT[])
                AND c.opened_at < $146::date + 1
            ),
            areas AS MATERIALIZED (
              SELECT
                v.village_code,
                v.announced_on,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $147::date + 1
                    AND "s"."county_code" = ANY ($148::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                exit_village v
                JOIN procedure_case c ON c.county_code = v.county_code
                AND c.procedure = $149
                AND c.subject_id = v.id
              WHERE
                "v"."village_code" = ANY ($150::TEXT[])
                AND "v"."county_code" = ANY ($151::TEXT[])
                AND "c"."county_code" = ANY ($152::TEXT[])
                AND c.opened_at < $153::date + 1
            ),
            cv AS MATERIALIZED (
              -- The villages of the provincial poverty counties: their persons still poor and rural population, by county.
              SELECT
                r.code AS village_code
              FROM
                region r
                JOIN region k ON k.code = left(r.code, 6)
                AND k.is_poverty_county
              WHERE
                r.level = 5
                AND "r"."code" = ANY ($154::TEXT[])
            ),
            latest AS MATERIALIZED (
              -- Each county's latest exit and the state of its case, read by county (the tables are a county's), then placed
              -- on the poverty counties below: a distributed database runs each step where its rows are.
              SELECT DISTINCT
                ON (e.county_code) e.county_code,
                e.id,
                e.announced_on
              FROM
                exit_county e
              WHERE
                "e"."county_code" = ANY ($155::TEXT[])
                AND e.created_at < $156::date + 1
              ORDER BY
                e.county_code,
                e.year DESC
            ),
            county_cases AS MATERIALIZED (
              SELECT
                c.county_code,
                c.subject_id,
                (
                  SELECT
                    s.to_state
                  FROM
                    procedure_step s
                  WHERE
                    s.county_code = c.county_code
                    AND s.case_id = c.id
                    AND s.at < $157::date + 1
                    AND "s"."county_code" = ANY ($158::TEXT[])
                  ORDER BY
                    s.seq DESC
                  LIMIT
                    1
                ) AS state
              FROM
                procedure_case c
              WHERE
                c.procedure = $159
                AND "c"."county_code" = ANY ($160::TEXT[])
            ),
            counties AS MATERIALIZED (
              -- A poverty county's own figures (its exit), kept on the county's row (countyRow) and its latest exit's state.
              SELECT
                k.code AS county_code,
                k.code || '000000' AS row_code,
                x.announced_on,
                c.state
              FROM
                region k
                LEFT JOIN latest x ON x.county_code = k.code
                LEFT JOIN county_cases c ON c.county_code = k.code
                AND c.subject_id = x.id
              WHERE
                k.level = 3
                AND k.is_poverty_county
                AND k.code || '000000' = ANY ($161::TEXT[])
            )
          SELECT
            village_code,
            'exit.hh.open' AS measure,
            count(*)::numeric AS value
          FROM
            hh
          WHERE
            state IN (
              'proposed',
              'appraised',
              'verified',
              'agreed',
              'notice',
              'announced'
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hh.notice',
            count(*)
          FROM
            hh
          WHERE
            state = 'notice'
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.hh.closed.' || extract(
              YEAR
              FROM
                closed_on
            )::int,
            count(*)
          FROM
            hh
          WHERE
            state = 'closed'
            AND closed_on <= $162::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            h.village_code,
            'exit.hh.eligible_not_proposed',
            count(*)
          FROM
            household h
            JOIN household_income i ON i.county_code = h.county_code
            AND i.household_id = h.id
            AND i.year = extract(
              YEAR
              FROM
                $163::date
            )::int
            AND "i"."county_code" = ANY ($164::TEXT[])
          WHERE
            "h"."village_code" = ANY ($165::TEXT[])
            AND "h"."county_code" = ANY ($166::TEXT[])
            AND h.status IN ('poor', 'returned')
            AND i.per_capita > (
              SELECT
                v
              FROM
                line
            )
            AND h.guarantee_food
            AND h.guarantee_clothing
            AND h.guarantee_education
            AND h.guarantee_medical
            AND h.guarantee_housing
            AND NOT EXISTS (
              SELECT
                1
              FROM
                exit_household e
              WHERE
                e.county_code = h.county_code
                AND e.household_id = h.id
                AND e.year = extract(
                  YEAR
                  FROM
                    $167::date
                )::int
                AND "e"."county_code" = ANY ($168::TEXT[])
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            e.village_code,
            'exit.objection.open',
            count(*)
          FROM
            exit_objection o
            JOIN exit_household e ON e.county_code = o.county_code
            AND e.id = o.exit_household_id
          WHERE
            "e"."village_code" = ANY ($169::TEXT[])
            AND "e"."county_code" = ANY ($170::TEXT[])
            AND o.received_on <= $171::date
            AND (
              o.decided_on IS NULL
              OR o.decided_on > $172::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            x.village_code,
            'exit.complaint.open',
            count(*)
          FROM
            exit_complaint x
            JOIN procedure_case c ON c.county_code = x.county_code
            AND c.procedure = $173
            AND c.subject_id = x.id
          WHERE
            "x"."village_code" = ANY ($174::TEXT[])
            AND "x"."county_code" = ANY ($175::TEXT[])
            AND x.received_at < $176::date + 1
            AND (
              x.answered_on IS NULL
              OR x.answered_on > $177::date
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.v.open',
            count(*)
          FROM
            areas
          WHERE
            state IN (
              'proposed',
              'checked',
              'prechecked',
              'verified',
              'notice'
            )
          GROUP BY
            1
          UNION ALL
          SELECT
            village_code,
            'exit.v.exited.' || extract(
              YEAR
              FROM
                announced_on
            )::int,
            count(*)
          FROM
            areas
          WHERE
            state = 'announced'
            AND announced_on <= $178::date
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            cv.village_code,
            'exit.c.poor.' || left(cv.village_code, 6),
            sum(h.member_count)
          FROM
            cv
            JOIN household h ON h.county_code = left(cv.village_code, 6)
            AND h.village_code = cv.village_code
            AND "h"."county_code" = ANY ($179::TEXT[])
          WHERE
            h.status IN ('poor', 'returned')
          GROUP BY
            1,
            2
          UNION ALL
          SELECT
            cv.village_code,
            'exit.c.pop.' || left(cv.village_code, 6),
            coalesce(pv.rural_population, vp.rural_population)
          FROM
            cv
            LEFT JOIN poor_village pv ON pv.county_code = left(cv.village_code, 6)
            AND pv.village_code = cv.village_code
            AND "pv"."county_code" = ANY ($180::TEXT[])
            LEFT JOIN village_population vp ON vp.county_code = left(cv.village_code, 6)
            AND vp.village_code = cv.village_code
            AND "vp"."county_code" = ANY ($181::TEXT[])
          WHERE
            coalesce(pv.rural_population, vp.rural_population) IS NOT NULL
          UNION ALL
          SELECT
            row_code,
            'exit.c.remaining.' || county_code,
            1
          FROM
            counties
          WHERE
            state IS DISTINCT FROM 'announced'
          UNION ALL
          SELECT
            row_code,
            'exit.c.open',
            1
          FROM
            counties
          WHERE
            state IN (
              'proposed',
              'checked',
              'prechecked',
              'verified',
              'notice'
            )
          UNION ALL
          SELECT
            row_code,
            'exit.c.exited.' || extract(
              YEAR
              FROM
                announced_on
            )::int,
            1
          FROM
            counties
          WHERE
            state = 'announced'
            AND announced_on <= $182::date
          UNION ALL
          SELECT
            pv.village_code,
            'exit.v.meets',
            1
          FROM
            poor_village pv
          WHERE
            "pv"."village_code" = ANY ($183::TEXT[])
            AND "pv"."county_code" = ANY ($184::TEXT[])
            AND (
              pv.exit_year IS NULL
              OR pv.exit_year > extract(
                YEAR
                FROM
                  $185::date
              )::int
            )
            AND pv.rural_population > 0
            AND 100.0 * coalesce(
              (
                SELECT
                  sum(h.member_count)
                FROM
                  household h
                WHERE
                  h.county_code = pv.county_code
                  AND "h"."county_code" = ANY ($186::TEXT[])
                  AND h.village_code = pv.village_code
                  AND h.status IN ('poor', 'returned')
              ),
              0
            ) / pv.rural_population < (
              SELECT
                v
              FROM
                pct
            )
        )
      ) m
    GROUP BY
      1,
      2
  ),
  old AS (
    SELECT
      region_code AS village_code,
      measure,
      value
    FROM
      indicator_rollup
    WHERE
      region_code = ANY ($187::TEXT[])
  ),
  delta AS (
    SELECT
      coalesce(f.village_code, o.village_code) AS village_code,
      coalesce(f.measure, o.measure) AS measure,
      coalesce(f.value, 0) - coalesce(o.value, 0) AS d
    FROM
      fresh f
      FULL JOIN old o ON o.village_code = f.village_code
      AND o.measure = f.measure
    WHERE
      coalesce(f.value, 0) <> coalesce(o.value, 0)
  )
INSERT INTO
  indicator_rollup (region_code, measure, value)
SELECT
  left(village_code, l),
  measure,
  sum(d)
FROM
  delta
  CROSS JOIN (
    VALUES
      (2),
      (4),
      (6),
      (9),
      (12)
  ) AS lv (l)
GROUP BY
  1,
  2
ORDER BY
  1,
  2
ON CONFLICT (region_code, measure) DO UPDATE
SET
  value = indicator_rollup.value + excluded.value;

DELETE FROM indicator_rollup
WHERE
  value = 0
  AND region_code IN (
    SELECT DISTINCT
      left(c, l)
    FROM
      unnest($1::TEXT[]) AS c
      CROSS JOIN (
        VALUES
          (2),
          (4),
          (6),
          (9),
          (12)
      ) AS lv (l)
  );

SELECT
  nextval('rollup_version');

COMMIT;

-- bumpVersion
SELECT
  nextval('rollup_version');

-- state: the province: every mark
WITH
  d AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dirty
        ORDER BY
          marked_at
        LIMIT
          $1
      ) x
  ),
  q AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dated
        ORDER BY
          marked_at
        LIMIT
          1
      ) x
  )
SELECT
  (
    SELECT
      last_value
    FROM
      rollup_version
  ) AS v,
  d.n + q.n AS n,
  least(d.since, q.since) AS since
FROM
  d,
  q;

-- state: a city: its counties' marks, named
SELECT
  code
FROM
  region
WHERE
  parent_code = $1
  AND code ~ '^[0-9]{6}$'
ORDER BY
  code;

WITH
  d AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dirty
        WHERE
          county_code IN (
            '211302',
            '211303',
            '211321',
            '211322',
            '211324',
            '211381',
            '211382'
          )
        ORDER BY
          marked_at
        LIMIT
          $1
      ) x
  ),
  q AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dated
        WHERE
          county_code IN (
            '211302',
            '211303',
            '211321',
            '211322',
            '211324',
            '211381',
            '211382'
          )
        ORDER BY
          marked_at
        LIMIT
          1
      ) x
  )
SELECT
  (
    SELECT
      last_value
    FROM
      rollup_version
  ) AS v,
  d.n + q.n AS n,
  least(d.since, q.since) AS since
FROM
  d,
  q;

-- state: a village: its county's marks
WITH
  d AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dirty
        WHERE
          county_code = $1
        ORDER BY
          marked_at
        LIMIT
          $2
      ) x
  ),
  q AS (
    SELECT
      count(*) AS n,
      min(marked_at) AS since
    FROM
      (
        SELECT
          marked_at
        FROM
          rollup_dated
        WHERE
          county_code = $3
        ORDER BY
          marked_at
        LIMIT
          1
      ) x
  )
SELECT
  (
    SELECT
      last_value
    FROM
      rollup_version
  ) AS v,
  d.n + q.n AS n,
  least(d.since, q.since) AS since
FROM
  d,
  q;

-- countiesOfCity
-- (no statement)

-- currentMeasures
SELECT
  region_code,
  measure,
  value
FROM
  indicator_rollup
WHERE
  region_code = ANY ($1::TEXT[]);

-- ensureMonth
SELECT
  1
FROM
  indicator_month
WHERE
  MONTH = $1::date;

BEGIN;

SELECT
  pg_advisory_xact_lock($1);

INSERT INTO
  indicator_month (MONTH)
VALUES
  ($1::date)
ON CONFLICT DO NOTHING
RETURNING
  MONTH;

INSERT INTO
  indicator_monthly (MONTH, region_code, measure, value)
SELECT
  $1::date,
  left(m.village_code, l),
  m.measure,
  sum(m.value)
FROM
  (
    (
      WITH
        hh AS MATERIALIZED (
          SELECT
            h.county_code,
            h.id,
            h.village_code,
            h.member_count,
            h.cause,
            h.category,
            h.planned_exit_year,
            (
              SELECT
                s.status
              FROM
                household_status_history s
              WHERE
                s.county_code = h.county_code
                AND s.household_id = h.id
                AND TRUE
                AND s.changed_on <= $2::date
              ORDER BY
                s.changed_on DESC,
                s.id DESC
              LIMIT
                1
            ) AS status,
            EXISTS (
              SELECT
                1
              FROM
                help_pairing hp
              WHERE
                hp.county_code = h.county_code
                AND hp.household_id = h.id
                AND TRUE
                AND hp.start_date <= $3::date
                AND (
                  hp.end_date IS NULL
                  OR hp.end_date > $4::date
                )
            ) AS helped,
            EXISTS (
              SELECT
                1
              FROM
                household_project pr
              WHERE
                pr.county_code = h.county_code
                AND pr.household_id = h.id
                AND TRUE
                AND pr.state <> 'cancelled'
                AND pr.year <= extract(
                  YEAR
                  FROM
                    $5::date
                )::int
            ) AS projected
          FROM
            household h
          WHERE
            TRUE
        ),
        live AS (
          SELECT
            *
          FROM
            hh
          WHERE
            status IS NOT NULL
        ),
        remaining AS (
          SELECT
            *
          FROM
            live
          WHERE
            status IN ('poor', 'returned')
        )
      SELECT
        village_code,
        'hh.status.' || status AS measure,
        count(*)::numeric AS value
      FROM
        live
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'p.status.' || status,
        sum(member_count)
      FROM
        live
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.cause.' || cause,
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.category.' || category,
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.helped',
        count(*)
      FROM
        remaining
      WHERE
        helped
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.projected',
        count(*)
      FROM
        remaining
      WHERE
        projected
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'),
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        l.village_code,
        'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int,
        count(*)
      FROM
        live l
        JOIN household_income i ON i.county_code = l.county_code
        AND i.household_id = l.id
        AND TRUE
        AND i.year = extract(
          YEAR
          FROM
            $6::date
        )::int
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        l.village_code,
        'inc.' || i.year || '.sum',
        sum(i.per_capita)
      FROM
        live l
        JOIN household_income i ON i.county_code = l.county_code
        AND i.household_id = l.id
        AND TRUE
        AND i.year = extract(
          YEAR
          FROM
            $7::date
        )::int
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'pv.listed.' || year_listed,
        count(*)
      FROM
        poor_village
      WHERE
        TRUE
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'pv.exited.' || exit_year,
        count(*)
      FROM
        poor_village
      WHERE
        exit_year IS NOT NULL
        AND TRUE
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        coalesce(pv.village_code, vp.village_code),
        'pop.rural',
        coalesce(pv.rural_population, vp.rural_population)::numeric
      FROM
        (
          SELECT
            village_code,
            rural_population
          FROM
            poor_village
          WHERE
            TRUE
        ) pv
        FULL JOIN (
          SELECT
            village_code,
            rural_population
          FROM
            village_population
          WHERE
            TRUE
        ) vp ON vp.village_code = pv.village_code
      UNION ALL
      SELECT
        v.village_code,
        'pv.due.' || v.planned_exit_year || '.' || least(
          floor(1000.0 * coalesce(x.poor, 0) / v.rural_population),
          100
        )::int,
        1
      FROM
        poor_village v
        LEFT JOIN (
          SELECT
            village_code,
            sum(member_count) AS poor
          FROM
            remaining
          GROUP BY
            1
        ) x ON x.village_code = v.village_code
      WHERE
        v.exit_year IS NULL
        AND v.planned_exit_year IS NOT NULL
        AND v.rural_population > 0
        AND TRUE
    )
    UNION ALL
    (
      SELECT
        NULL::text AS village_code,
        NULL::text AS measure,
        0::numeric AS value
      WHERE
        FALSE
    )
    UNION ALL
    (
      WITH
        posted AS MATERIALIZED (
          SELECT
            p.village_code,
            p.role
          FROM
            cadre_posting p
          WHERE
            TRUE
            AND p.confirmed_on <= $8::date
            AND p.start_date <= $9::date
            AND (
              p.end_date IS NULL
              OR p.end_date >= $10::date
            )
        ),
        teams AS (
          SELECT
            v.village_code,
            count(x.role) AS members,
            count(x.role) FILTER (
              WHERE
                x.role = 'first_secretary'
            ) AS secretaries
          FROM
            poor_village v
            LEFT JOIN posted x ON x.village_code = v.village_code
          WHERE
            TRUE
            AND v.year_listed <= extract(
              YEAR
              FROM
                $11::date
            )::int
          GROUP BY
            v.village_code
        ),
        leave_state AS (
          SELECT
            c.region_code AS village_code,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $12::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $13
            AND TRUE
            AND c.opened_at < $14::date + 1
        )
      SELECT
        village_code,
        'cadre.in_post' AS measure,
        count(*)::numeric AS value
      FROM
        posted
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'cadre.in_post.' || role,
        count(*)
      FROM
        posted
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'cadre.pv',
        1
      FROM
        teams
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.team.' || least(members, 9),
        1
      FROM
        teams
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.secretary',
        1
      FROM
        teams
      WHERE
        secretaries > 0
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.staffed.' || least(members, 9),
        1
      FROM
        teams
      WHERE
        secretaries > 0
      UNION ALL
      SELECT
        village_code,
        'cadre.leave.waiting',
        count(*)
      FROM
        leave_state
      WHERE
        state = 'requested'
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'cadre.replaced.' || extract(
          YEAR
          FROM
            end_date
        )::int,
        count(*)
      FROM
        cadre_posting
      WHERE
        TRUE
        AND end_kind = 'replaced'
        AND end_date <= $15::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        c.village_code,
        'cadre.att.today',
        count(DISTINCT c.posting_id)
      FROM
        (
          SELECT
            p.village_code,
            k.posting_id,
            k.lat,
            k.lon,
            k.accuracy_m,
            vp.lat AS plat,
            vp.lon AS plon
          FROM
            cadre_checkin k
            JOIN cadre_posting p ON p.county_code = k.county_code
            AND p.id = k.posting_id
            JOIN village_point vp ON vp.county_code = p.county_code
            AND vp.village_code = p.village_code
          WHERE
            TRUE
            AND k.device_time >= ($16::date::text || 'T00:00:00+08:00')::timestamptz
            AND k.device_time < ($17::date::text || 'T00:00:00+08:00')::timestamptz + interval '1 day'
            AND k.accuracy_m <= $18
        ) c
      WHERE
        2 * 6371008.8 * asin(
          least(
            1,
            sqrt(
              power(sin(radians(c.lat - c.plat) / 2), 2) + cos(radians(c.plat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - c.plon) / 2), 2)
            )
          )
        ) <= $19
      GROUP BY
        1
      UNION ALL
      SELECT
        a.village_code,
        'cadre.att.rows',
        count(*)
      FROM
        cadre_attendance_month a
      WHERE
        TRUE
        AND a.month = date_trunc('month', $20::date)::date
      GROUP BY
        1
      UNION ALL
      SELECT
        a.village_code,
        'cadre.att.compliant',
        count(*)
      FROM
        cadre_attendance_month a
      WHERE
        TRUE
        AND a.month = date_trunc('month', $21::date)::date
        AND a.compliant
      GROUP BY
        1
      UNION ALL
      SELECT
        f.village_code,
        'cadre.flag.open',
        count(*)
      FROM
        cadre_flag f
      WHERE
        TRUE
        AND f.code <> 'absence_candidate'
        AND f.opened_at < $22::date + 1
        AND (
          f.decided_at IS NULL
          OR f.decided_at >= $23::date + 1
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        p.village_code,
        'cadre.absence.year',
        count(*)
      FROM
        cadre_absence x
        JOIN cadre_posting p ON p.county_code = x.county_code
        AND p.id = x.posting_id
      WHERE
        TRUE
        AND NOT x.excused
        AND x.day <= $24::date
        AND x.day >= date_trunc('year', $25::date)::date
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        orgs AS MATERIALIZED (
          SELECT
            o.county_code,
            o.id,
            o.region_code AS village_code
          FROM
            party_org o
          WHERE
            TRUE
            AND length(o.region_code) = 12
            AND (
              o.established_on IS NULL
              OR o.established_on <= $26::date
            )
            AND (
              o.dissolved_on IS NULL
              OR o.dissolved_on > $27::date
            )
        ),
        members AS MATERIALIZED (
          SELECT
            o.village_code,
            m.wealth_leader
          FROM
            orgs o
            JOIN party_member m ON m.county_code = o.county_code
            AND m.org_id = o.id
          WHERE
            TRUE
            AND m.joined_on <= $28::date
            AND (
              m.left_on IS NULL
              OR m.left_on > $29::date
            )
        ),
        terms AS (
          SELECT
            o.village_code,
            t.one_shoulder
          FROM
            orgs o
            JOIN party_secretary_term t ON t.county_code = o.county_code
            AND t.org_id = o.id
          WHERE
            TRUE
            AND t.start_date <= $30::date
            AND (
              t.end_date IS NULL
              OR t.end_date >= $31::date
            )
        ),
        pv AS (
          SELECT
            v.village_code,
            EXISTS (
              SELECT
                1
              FROM
                members m
              WHERE
                m.village_code = v.village_code
                AND m.wealth_leader
            ) AS wealth
          FROM
            poor_village v
          WHERE
            TRUE
            AND v.year_listed <= extract(
              YEAR
              FROM
                $32::date
            )::int
        )
      SELECT
        village_code,
        'party.org' AS measure,
        count(*)::numeric AS value
      FROM
        orgs
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.members',
        count(*)
      FROM
        members
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.wealth',
        count(*)
      FROM
        members
      WHERE
        wealth_leader
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.secretary',
        count(*)
      FROM
        terms
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.one_shoulder',
        count(*)
      FROM
        terms
      WHERE
        one_shoulder
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.pv',
        1
      FROM
        pv
      UNION ALL
      SELECT
        village_code,
        'party.pv.wealth',
        1
      FROM
        pv
      WHERE
        wealth
    )
    UNION ALL
    (
      WITH
        cases AS MATERIALIZED (
          SELECT
            r.village_code,
            r.year,
            r.deadline,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $33::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            party_rectification r
            JOIN procedure_case c ON c.county_code = r.county_code
            AND c.procedure = $34
            AND c.subject_id = r.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $35::date + 1
        ),
        screened AS (
          SELECT
            s.village_code,
            s.result,
            s.assessed_on,
            s.adjusted_on,
            s.adjust_by
          FROM
            party_screening s
          WHERE
            TRUE
            AND s.assessed_on <= $36::date
        )
      SELECT
        village_code,
        'party.case.' || state AS measure,
        count(*)::numeric AS value
      FROM
        cases
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.case.overdue',
        count(*)
      FROM
        cases
      WHERE
        state IN ('identified', 'planned', 'rectifying')
        AND deadline < $37::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.case.late_year',
        count(*)
      FROM
        cases
      WHERE
        state IN ('identified', 'planned', 'rectifying')
        AND make_date(YEAR, 12, 31) < $38::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.screened.' || extract(
          YEAR
          FROM
            assessed_on
        )::int,
        count(*)
      FROM
        screened
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.unfit.' || extract(
          YEAR
          FROM
            assessed_on
        )::int,
        count(*)
      FROM
        screened
      WHERE
        result = 'incompetent'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.adjusted.' || extract(
          YEAR
          FROM
            adjusted_on
        )::int,
        count(*)
      FROM
        screened
      WHERE
        adjusted_on <= $39::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.adjust_overdue',
        count(*)
      FROM
        screened
      WHERE
        result = 'incompetent'
        AND (
          adjusted_on IS NULL
          OR adjusted_on > $40::date
        )
        AND adjust_by < $41::date
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        decision_state AS (
          SELECT
            c.region_code AS village_code,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.effective_date <= $42::date
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $43
            AND TRUE
        ),
        lag AS (
          SELECT
            p.village_code,
            least(p.held_on - v.held_on, $44) AS days
          FROM
            party_decision_step p
            JOIN party_decision_step v ON v.county_code = p.county_code
            AND v.decision_id = p.decision_id
            AND v.step = 'villagers_meeting'
          WHERE
            p.step = 'disclose_decision'
            AND p.held_on <= $45::date
            AND TRUE
        )
      SELECT
        village_code,
        'party.decision.state.' || state AS measure,
        count(*)::numeric AS value
      FROM
        decision_state
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.decision.disclose_lag.' || days,
        count(*)
      FROM
        lag
      GROUP BY
        1,
        2
    )
    UNION ALL
    (
      WITH
        known AS MATERIALIZED (
          SELECT
            region_code AS village_code
          FROM
            party_org
          WHERE
            TRUE
            AND length(region_code) = 12
            AND dissolved_on IS NULL
            AND coalesce(established_on, $46::date) <= $47::date
          UNION
          SELECT
            village_code
          FROM
            poor_village
          WHERE
            TRUE
            AND year_listed <= extract(
              YEAR
              FROM
                $48::date
            )::int
          UNION
          SELECT
            village_code
          FROM
            party_fund_payment
          WHERE
            TRUE
            AND paid_on <= $49::date
          UNION
          SELECT
            village_code
          FROM
            party_collective_income
          WHERE
            TRUE
            AND YEAR <= extract(
              YEAR
              FROM
                $50::date
            )::int
        ),
        earning AS MATERIALIZED (
          SELECT DISTINCT
            village_code
          FROM
            party_collective_income
          WHERE
            TRUE
            AND YEAR = extract(
              YEAR
              FROM
                $51::date
            )::int
            AND amount_fen > 0
        )
      SELECT
        village_code,
        'party.v' AS measure,
        1::numeric AS value
      FROM
        known
      UNION ALL
      SELECT
        village_code,
        'party.paid.' || purpose || '.' || extract(
          YEAR
          FROM
            paid_on
        )::int,
        sum(amount_fen)
      FROM
        party_fund_payment
      WHERE
        TRUE
        AND paid_on <= $52::date
        AND purpose <> 'other'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        k.village_code,
        'party.hollow',
        1
      FROM
        known k
        LEFT JOIN earning e ON e.village_code = k.village_code
      WHERE
        e.village_code IS NULL
      UNION ALL
      SELECT
        village_code,
        'party.pay.late',
        count(*)
      FROM
        party_cadre_pay
      WHERE
        TRUE
        AND extract(
          YEAR
          FROM
            MONTH
        )::int = extract(
          YEAR
          FROM
            $53::date
        )::int
        AND due_on < $54::date
        AND (
          paid_on IS NULL
          OR paid_on > due_on
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        region_code,
        'party.commit',
        count(*)
      FROM
        party_commitment
      WHERE
        TRUE
        AND YEAR = extract(
          YEAR
          FROM
            $55::date
        )::int
        AND created_at < $56::date + 1
      GROUP BY
        1
      UNION ALL
      SELECT
        region_code,
        'party.commit.done',
        count(*)
      FROM
        party_commitment
      WHERE
        TRUE
        AND YEAR = extract(
          YEAR
          FROM
            $57::date
        )::int
        AND status = 'fulfilled'
        AND review = 'confirmed'
        AND reviewed_on <= $58::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.reserve',
        count(*)
      FROM
        party_reserve_cadre
      WHERE
        TRUE
        AND since <= $59::date
        AND (
          left_on IS NULL
          OR left_on > $60::date
        )
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        cases AS MATERIALIZED (
          SELECT
            m.village_code,
            m.kind,
            m.decision_due,
            c.due_date,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $61::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            monitoring_case m
            JOIN procedure_case c ON c.county_code = m.county_code
            AND c.procedure = $62
            AND c.subject_id = m.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $63::date + 1
        ),
        hits AS (
          SELECT
            x.village_code,
            CASE
              WHEN x.decided_at IS NULL
              OR x.decided_at >= $64::date + 1 THEN 'open'
              ELSE x.state
            END AS state
          FROM
            comparison_hit x
          WHERE
            TRUE
            AND x.created_at < $65::date + 1
        )
      SELECT
        village_code,
        'exit.mon.' || state AS measure,
        count(*)::numeric AS value
      FROM
        cases
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'exit.mon.kind.' || kind,
        count(*)
      FROM
        cases
      WHERE
        state = 'monitored'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'exit.mon.overdue',
        count(*)
      FROM
        cases
      WHERE
        state IN (
          'proposed',
          'visiting',
          'notice',
          'township_review',
          'county_decision'
        )
        AND (
          decision_due < $66::date
          OR due_date < $67::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hit.' || state,
        count(*)
      FROM
        hits
      GROUP BY
        1,
        2
    )
    UNION ALL
    (
      WITH
        line AS (
          SELECT
            coalesce(
              (
                SELECT
                  (value #>> '{}')::numeric
                FROM
                  setting
                WHERE
                  key = 'registry.poverty_line'
                  AND scope_code = ''
                  AND YEAR IN (
                    extract(
                      YEAR
                      FROM
                        $68::date
                    )::int,
                    0
                  )
                ORDER BY
                  YEAR DESC
                LIMIT
                  1
              ),
              3335
            ) AS v
        ),
        pct AS (
          SELECT
            coalesce(
              (
                SELECT
                  (value #>> '{}')::numeric
                FROM
                  setting
                WHERE
                  key = 'exit.incidence_pct'
                  AND scope_code = ''
                  AND YEAR = 0
              ),
              2
            ) AS v
        ),
        hh AS MATERIALIZED (
          SELECT
            e.village_code,
            e.closed_on,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $69::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            exit_household e
            JOIN procedure_case c ON c.county_code = e.county_code
            AND c.procedure = $70
            AND c.subject_id = e.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $71::date + 1
        ),
        areas AS MATERIALIZED (
          SELECT
            v.village_code,
            v.announced_on,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $72::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            exit_village v
            JOIN procedure_case c ON c.county_code = v.county_code
            AND c.procedure = $73
            AND c.subject_id = v.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $74::date + 1
        ),
        cv AS MATERIALIZED (
          -- The villages of the provincial poverty counties: their persons still poor and rural population, by county.
          SELECT
            r.code AS village_code
          FROM
            region r
            JOIN region k ON k.code = left(r.code, 6)
            AND k.is_poverty_county
          WHERE
            r.level = 5
            AND TRUE
        ),
        latest AS MATERIALIZED (
          -- Each county's latest exit and the state of its case, read by county (the tables are a county's), then placed
          -- on the poverty counties below: a distributed database runs each step where its rows are.
          SELECT DISTINCT
            ON (e.county_code) e.county_code,
            e.id,
            e.announced_on
          FROM
            exit_county e
          WHERE
            TRUE
            AND e.created_at < $75::date + 1
          ORDER BY
            e.county_code,
            e.year DESC
        ),
        county_cases AS MATERIALIZED (
          SELECT
            c.county_code,
            c.subject_id,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $76::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $77
            AND TRUE
        ),
        counties AS MATERIALIZED (
          -- A poverty county's own figures (its exit), kept on the county's row (countyRow) and its latest exit's state.
          SELECT
            k.code AS county_code,
            k.code || '000000' AS row_code,
            x.announced_on,
            c.state
          FROM
            region k
            LEFT JOIN latest x ON x.county_code = k.code
            LEFT JOIN county_cases c ON c.county_code = k.code
            AND c.subject_id = x.id
          WHERE
            k.level = 3
            AND k.is_poverty_county
            AND TRUE
        )
      SELECT
        village_code,
        'exit.hh.open' AS measure,
        count(*)::numeric AS value
      FROM
        hh
      WHERE
        state IN (
          'proposed',
          'appraised',
          'verified',
          'agreed',
          'notice',
          'announced'
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hh.notice',
        count(*)
      FROM
        hh
      WHERE
        state = 'notice'
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hh.closed.' || extract(
          YEAR
          FROM
            closed_on
        )::int,
        count(*)
      FROM
        hh
      WHERE
        state = 'closed'
        AND closed_on <= $78::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        h.village_code,
        'exit.hh.eligible_not_proposed',
        count(*)
      FROM
        household h
        JOIN household_income i ON i.county_code = h.county_code
        AND i.household_id = h.id
        AND i.year = extract(
          YEAR
          FROM
            $79::date
        )::int
        AND TRUE
      WHERE
        TRUE
        AND h.status IN ('poor', 'returned')
        AND i.per_capita > (
          SELECT
            v
          FROM
            line
        )
        AND h.guarantee_food
        AND h.guarantee_clothing
        AND h.guarantee_education
        AND h.guarantee_medical
        AND h.guarantee_housing
        AND NOT EXISTS (
          SELECT
            1
          FROM
            exit_household e
          WHERE
            e.county_code = h.county_code
            AND e.household_id = h.id
            AND e.year = extract(
              YEAR
              FROM
                $80::date
            )::int
            AND TRUE
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        e.village_code,
        'exit.objection.open',
        count(*)
      FROM
        exit_objection o
        JOIN exit_household e ON e.county_code = o.county_code
        AND e.id = o.exit_household_id
      WHERE
        TRUE
        AND o.received_on <= $81::date
        AND (
          o.decided_on IS NULL
          OR o.decided_on > $82::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        x.village_code,
        'exit.complaint.open',
        count(*)
      FROM
        exit_complaint x
        JOIN procedure_case c ON c.county_code = x.county_code
        AND c.procedure = $83
        AND c.subject_id = x.id
      WHERE
        TRUE
        AND x.received_at < $84::date + 1
        AND (
          x.answered_on IS NULL
          OR x.answered_on > $85::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.v.open',
        count(*)
      FROM
        areas
      WHERE
        state IN (
          'proposed',
          'checked',
          'prechecked',
          'verified',
          'notice'
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.v.exited.' || extract(
          YEAR
          FROM
            announced_on
        )::int,
        count(*)
      FROM
        areas
      WHERE
        state = 'announced'
        AND announced_on <= $86::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        cv.village_code,
        'exit.c.poor.' || left(cv.village_code, 6),
        sum(h.member_count)
      FROM
        cv
        JOIN household h ON h.county_code = left(cv.village_code, 6)
        AND h.village_code = cv.village_code
        AND TRUE
      WHERE
        (
          SELECT
            s.status
          FROM
            household_status_history s
          WHERE
            s.county_code = h.county_code
            AND s.household_id = h.id
            AND s.changed_on <= $87::date
          ORDER BY
            s.changed_on DESC,
            s.id DESC
          LIMIT
            1
        ) IN ('poor', 'returned')
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        cv.village_code,
        'exit.c.pop.' || left(cv.village_code, 6),
        coalesce(pv.rural_population, vp.rural_population)
      FROM
        cv
        LEFT JOIN poor_village pv ON pv.county_code = left(cv.village_code, 6)
        AND pv.village_code = cv.village_code
        AND TRUE
        LEFT JOIN village_population vp ON vp.county_code = left(cv.village_code, 6)
        AND vp.village_code = cv.village_code
        AND TRUE
      WHERE
        coalesce(pv.rural_population, vp.rural_population) IS NOT NULL
      UNION ALL
      SELECT
        row_code,
        'exit.c.remaining.' || county_code,
        1
      FROM
        counties
      WHERE
        state IS DISTINCT FROM 'announced'
      UNION ALL
      SELECT
        row_code,
        'exit.c.open',
        1
      FROM
        counties
      WHERE
        state IN (
          'proposed',
          'checked',
          'prechecked',
          'verified',
          'notice'
        )
      UNION ALL
      SELECT
        row_code,
        'exit.c.exited.' || extract(
          YEAR
          FROM
            announced_on
        )::int,
        1
      FROM
        counties
      WHERE
        state = 'announced'
        AND announced_on <= $88::date
      UNION ALL
      SELECT
        pv.village_code,
        'exit.v.meets',
        1
      FROM
        poor_village pv
      WHERE
        TRUE
        AND (
          pv.exit_year IS NULL
          OR pv.exit_year > extract(
            YEAR
            FROM
              $89::date
          )::int
        )
        AND pv.rural_population > 0
        AND 100.0 * coalesce(
          (
            SELECT
              sum(h.member_count)
            FROM
              household h
            WHERE
              h.county_code = pv.county_code
              AND TRUE
              AND h.village_code = pv.village_code
              AND h.status IN ('poor', 'returned')
          ),
          0
        ) / pv.rural_population < (
          SELECT
            v
          FROM
            pct
        )
    )
  ) m
  CROSS JOIN (
    VALUES
      (2),
      (4),
      (6),
      (9),
      (12)
  ) AS lv (l)
GROUP BY
  2,
  3
HAVING
  sum(m.value) <> 0;

SELECT
  nextval('rollup_version');

COMMIT;

SELECT
  nextval('rollup_version');

-- measuresForMonths: closed months computed when missing
SELECT
  region_code,
  measure,
  value
FROM
  indicator_rollup
WHERE
  region_code = ANY ($1::TEXT[]);

SELECT
  to_char(MONTH, 'YYYY-MM') AS m
FROM
  indicator_month
WHERE
  MONTH = ANY ($1::date[]);

SELECT
  1
FROM
  indicator_month
WHERE
  MONTH = $1::date;

BEGIN;

SELECT
  pg_advisory_xact_lock($1);

INSERT INTO
  indicator_month (MONTH)
VALUES
  ($1::date)
ON CONFLICT DO NOTHING
RETURNING
  MONTH;

INSERT INTO
  indicator_monthly (MONTH, region_code, measure, value)
SELECT
  $1::date,
  left(m.village_code, l),
  m.measure,
  sum(m.value)
FROM
  (
    (
      WITH
        hh AS MATERIALIZED (
          SELECT
            h.county_code,
            h.id,
            h.village_code,
            h.member_count,
            h.cause,
            h.category,
            h.planned_exit_year,
            (
              SELECT
                s.status
              FROM
                household_status_history s
              WHERE
                s.county_code = h.county_code
                AND s.household_id = h.id
                AND TRUE
                AND s.changed_on <= $2::date
              ORDER BY
                s.changed_on DESC,
                s.id DESC
              LIMIT
                1
            ) AS status,
            EXISTS (
              SELECT
                1
              FROM
                help_pairing hp
              WHERE
                hp.county_code = h.county_code
                AND hp.household_id = h.id
                AND TRUE
                AND hp.start_date <= $3::date
                AND (
                  hp.end_date IS NULL
                  OR hp.end_date > $4::date
                )
            ) AS helped,
            EXISTS (
              SELECT
                1
              FROM
                household_project pr
              WHERE
                pr.county_code = h.county_code
                AND pr.household_id = h.id
                AND TRUE
                AND pr.state <> 'cancelled'
                AND pr.year <= extract(
                  YEAR
                  FROM
                    $5::date
                )::int
            ) AS projected
          FROM
            household h
          WHERE
            TRUE
        ),
        live AS (
          SELECT
            *
          FROM
            hh
          WHERE
            status IS NOT NULL
        ),
        remaining AS (
          SELECT
            *
          FROM
            live
          WHERE
            status IN ('poor', 'returned')
        )
      SELECT
        village_code,
        'hh.status.' || status AS measure,
        count(*)::numeric AS value
      FROM
        live
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'p.status.' || status,
        sum(member_count)
      FROM
        live
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.cause.' || cause,
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.category.' || category,
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.helped',
        count(*)
      FROM
        remaining
      WHERE
        helped
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.projected',
        count(*)
      FROM
        remaining
      WHERE
        projected
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'hh.remaining.deadline.' || coalesce(planned_exit_year::text, 'none'),
        count(*)
      FROM
        remaining
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        l.village_code,
        'inc.' || i.year || '.band.' || least(floor(i.per_capita / 1000), 10)::int,
        count(*)
      FROM
        live l
        JOIN household_income i ON i.county_code = l.county_code
        AND i.household_id = l.id
        AND TRUE
        AND i.year = extract(
          YEAR
          FROM
            $6::date
        )::int
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        l.village_code,
        'inc.' || i.year || '.sum',
        sum(i.per_capita)
      FROM
        live l
        JOIN household_income i ON i.county_code = l.county_code
        AND i.household_id = l.id
        AND TRUE
        AND i.year = extract(
          YEAR
          FROM
            $7::date
        )::int
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'pv.listed.' || year_listed,
        count(*)
      FROM
        poor_village
      WHERE
        TRUE
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'pv.exited.' || exit_year,
        count(*)
      FROM
        poor_village
      WHERE
        exit_year IS NOT NULL
        AND TRUE
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        coalesce(pv.village_code, vp.village_code),
        'pop.rural',
        coalesce(pv.rural_population, vp.rural_population)::numeric
      FROM
        (
          SELECT
            village_code,
            rural_population
          FROM
            poor_village
          WHERE
            TRUE
        ) pv
        FULL JOIN (
          SELECT
            village_code,
            rural_population
          FROM
            village_population
          WHERE
            TRUE
        ) vp ON vp.village_code = pv.village_code
      UNION ALL
      SELECT
        v.village_code,
        'pv.due.' || v.planned_exit_year || '.' || least(
          floor(1000.0 * coalesce(x.poor, 0) / v.rural_population),
          100
        )::int,
        1
      FROM
        poor_village v
        LEFT JOIN (
          SELECT
            village_code,
            sum(member_count) AS poor
          FROM
            remaining
          GROUP BY
            1
        ) x ON x.village_code = v.village_code
      WHERE
        v.exit_year IS NULL
        AND v.planned_exit_year IS NOT NULL
        AND v.rural_population > 0
        AND TRUE
    )
    UNION ALL
    (
      SELECT
        NULL::text AS village_code,
        NULL::text AS measure,
        0::numeric AS value
      WHERE
        FALSE
    )
    UNION ALL
    (
      WITH
        posted AS MATERIALIZED (
          SELECT
            p.village_code,
            p.role
          FROM
            cadre_posting p
          WHERE
            TRUE
            AND p.confirmed_on <= $8::date
            AND p.start_date <= $9::date
            AND (
              p.end_date IS NULL
              OR p.end_date >= $10::date
            )
        ),
        teams AS (
          SELECT
            v.village_code,
            count(x.role) AS members,
            count(x.role) FILTER (
              WHERE
                x.role = 'first_secretary'
            ) AS secretaries
          FROM
            poor_village v
            LEFT JOIN posted x ON x.village_code = v.village_code
          WHERE
            TRUE
            AND v.year_listed <= extract(
              YEAR
              FROM
                $11::date
            )::int
          GROUP BY
            v.village_code
        ),
        leave_state AS (
          SELECT
            c.region_code AS village_code,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $12::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $13
            AND TRUE
            AND c.opened_at < $14::date + 1
        )
      SELECT
        village_code,
        'cadre.in_post' AS measure,
        count(*)::numeric AS value
      FROM
        posted
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'cadre.in_post.' || role,
        count(*)
      FROM
        posted
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'cadre.pv',
        1
      FROM
        teams
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.team.' || least(members, 9),
        1
      FROM
        teams
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.secretary',
        1
      FROM
        teams
      WHERE
        secretaries > 0
      UNION ALL
      SELECT
        village_code,
        'cadre.pv.staffed.' || least(members, 9),
        1
      FROM
        teams
      WHERE
        secretaries > 0
      UNION ALL
      SELECT
        village_code,
        'cadre.leave.waiting',
        count(*)
      FROM
        leave_state
      WHERE
        state = 'requested'
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'cadre.replaced.' || extract(
          YEAR
          FROM
            end_date
        )::int,
        count(*)
      FROM
        cadre_posting
      WHERE
        TRUE
        AND end_kind = 'replaced'
        AND end_date <= $15::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        c.village_code,
        'cadre.att.today',
        count(DISTINCT c.posting_id)
      FROM
        (
          SELECT
            p.village_code,
            k.posting_id,
            k.lat,
            k.lon,
            k.accuracy_m,
            vp.lat AS plat,
            vp.lon AS plon
          FROM
            cadre_checkin k
            JOIN cadre_posting p ON p.county_code = k.county_code
            AND p.id = k.posting_id
            JOIN village_point vp ON vp.county_code = p.county_code
            AND vp.village_code = p.village_code
          WHERE
            TRUE
            AND k.device_time >= ($16::date::text || 'T00:00:00+08:00')::timestamptz
            AND k.device_time < ($17::date::text || 'T00:00:00+08:00')::timestamptz + interval '1 day'
            AND k.accuracy_m <= $18
        ) c
      WHERE
        2 * 6371008.8 * asin(
          least(
            1,
            sqrt(
              power(sin(radians(c.lat - c.plat) / 2), 2) + cos(radians(c.plat)) * cos(radians(c.lat)) * power(sin(radians(c.lon - c.plon) / 2), 2)
            )
          )
        ) <= $19
      GROUP BY
        1
      UNION ALL
      SELECT
        a.village_code,
        'cadre.att.rows',
        count(*)
      FROM
        cadre_attendance_month a
      WHERE
        TRUE
        AND a.month = date_trunc('month', $20::date)::date
      GROUP BY
        1
      UNION ALL
      SELECT
        a.village_code,
        'cadre.att.compliant',
        count(*)
      FROM
        cadre_attendance_month a
      WHERE
        TRUE
        AND a.month = date_trunc('month', $21::date)::date
        AND a.compliant
      GROUP BY
        1
      UNION ALL
      SELECT
        f.village_code,
        'cadre.flag.open',
        count(*)
      FROM
        cadre_flag f
      WHERE
        TRUE
        AND f.code <> 'absence_candidate'
        AND f.opened_at < $22::date + 1
        AND (
          f.decided_at IS NULL
          OR f.decided_at >= $23::date + 1
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        p.village_code,
        'cadre.absence.year',
        count(*)
      FROM
        cadre_absence x
        JOIN cadre_posting p ON p.county_code = x.county_code
        AND p.id = x.posting_id
      WHERE
        TRUE
        AND NOT x.excused
        AND x.day <= $24::date
        AND x.day >= date_trunc('year', $25::date)::date
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        orgs AS MATERIALIZED (
          SELECT
            o.county_code,
            o.id,
            o.region_code AS village_code
          FROM
            party_org o
          WHERE
            TRUE
            AND length(o.region_code) = 12
            AND (
              o.established_on IS NULL
              OR o.established_on <= $26::date
            )
            AND (
              o.dissolved_on IS NULL
              OR o.dissolved_on > $27::date
            )
        ),
        members AS MATERIALIZED (
          SELECT
            o.village_code,
            m.wealth_leader
          FROM
            orgs o
            JOIN party_member m ON m.county_code = o.county_code
            AND m.org_id = o.id
          WHERE
            TRUE
            AND m.joined_on <= $28::date
            AND (
              m.left_on IS NULL
              OR m.left_on > $29::date
            )
        ),
        terms AS (
          SELECT
            o.village_code,
            t.one_shoulder
          FROM
            orgs o
            JOIN party_secretary_term t ON t.county_code = o.county_code
            AND t.org_id = o.id
          WHERE
            TRUE
            AND t.start_date <= $30::date
            AND (
              t.end_date IS NULL
              OR t.end_date >= $31::date
            )
        ),
        pv AS (
          SELECT
            v.village_code,
            EXISTS (
              SELECT
                1
              FROM
                members m
              WHERE
                m.village_code = v.village_code
                AND m.wealth_leader
            ) AS wealth
          FROM
            poor_village v
          WHERE
            TRUE
            AND v.year_listed <= extract(
              YEAR
              FROM
                $32::date
            )::int
        )
      SELECT
        village_code,
        'party.org' AS measure,
        count(*)::numeric AS value
      FROM
        orgs
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.members',
        count(*)
      FROM
        members
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.wealth',
        count(*)
      FROM
        members
      WHERE
        wealth_leader
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.secretary',
        count(*)
      FROM
        terms
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.one_shoulder',
        count(*)
      FROM
        terms
      WHERE
        one_shoulder
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.pv',
        1
      FROM
        pv
      UNION ALL
      SELECT
        village_code,
        'party.pv.wealth',
        1
      FROM
        pv
      WHERE
        wealth
    )
    UNION ALL
    (
      WITH
        cases AS MATERIALIZED (
          SELECT
            r.village_code,
            r.year,
            r.deadline,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $33::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            party_rectification r
            JOIN procedure_case c ON c.county_code = r.county_code
            AND c.procedure = $34
            AND c.subject_id = r.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $35::date + 1
        ),
        screened AS (
          SELECT
            s.village_code,
            s.result,
            s.assessed_on,
            s.adjusted_on,
            s.adjust_by
          FROM
            party_screening s
          WHERE
            TRUE
            AND s.assessed_on <= $36::date
        )
      SELECT
        village_code,
        'party.case.' || state AS measure,
        count(*)::numeric AS value
      FROM
        cases
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.case.overdue',
        count(*)
      FROM
        cases
      WHERE
        state IN ('identified', 'planned', 'rectifying')
        AND deadline < $37::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.case.late_year',
        count(*)
      FROM
        cases
      WHERE
        state IN ('identified', 'planned', 'rectifying')
        AND make_date(YEAR, 12, 31) < $38::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.screened.' || extract(
          YEAR
          FROM
            assessed_on
        )::int,
        count(*)
      FROM
        screened
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.unfit.' || extract(
          YEAR
          FROM
            assessed_on
        )::int,
        count(*)
      FROM
        screened
      WHERE
        result = 'incompetent'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.adjusted.' || extract(
          YEAR
          FROM
            adjusted_on
        )::int,
        count(*)
      FROM
        screened
      WHERE
        adjusted_on <= $39::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.adjust_overdue',
        count(*)
      FROM
        screened
      WHERE
        result = 'incompetent'
        AND (
          adjusted_on IS NULL
          OR adjusted_on > $40::date
        )
        AND adjust_by < $41::date
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        decision_state AS (
          SELECT
            c.region_code AS village_code,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.effective_date <= $42::date
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $43
            AND TRUE
        ),
        lag AS (
          SELECT
            p.village_code,
            least(p.held_on - v.held_on, $44) AS days
          FROM
            party_decision_step p
            JOIN party_decision_step v ON v.county_code = p.county_code
            AND v.decision_id = p.decision_id
            AND v.step = 'villagers_meeting'
          WHERE
            p.step = 'disclose_decision'
            AND p.held_on <= $45::date
            AND TRUE
        )
      SELECT
        village_code,
        'party.decision.state.' || state AS measure,
        count(*)::numeric AS value
      FROM
        decision_state
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'party.decision.disclose_lag.' || days,
        count(*)
      FROM
        lag
      GROUP BY
        1,
        2
    )
    UNION ALL
    (
      WITH
        known AS MATERIALIZED (
          SELECT
            region_code AS village_code
          FROM
            party_org
          WHERE
            TRUE
            AND length(region_code) = 12
            AND dissolved_on IS NULL
            AND coalesce(established_on, $46::date) <= $47::date
          UNION
          SELECT
            village_code
          FROM
            poor_village
          WHERE
            TRUE
            AND year_listed <= extract(
              YEAR
              FROM
                $48::date
            )::int
          UNION
          SELECT
            village_code
          FROM
            party_fund_payment
          WHERE
            TRUE
            AND paid_on <= $49::date
          UNION
          SELECT
            village_code
          FROM
            party_collective_income
          WHERE
            TRUE
            AND YEAR <= extract(
              YEAR
              FROM
                $50::date
            )::int
        ),
        earning AS MATERIALIZED (
          SELECT DISTINCT
            village_code
          FROM
            party_collective_income
          WHERE
            TRUE
            AND YEAR = extract(
              YEAR
              FROM
                $51::date
            )::int
            AND amount_fen > 0
        )
      SELECT
        village_code,
        'party.v' AS measure,
        1::numeric AS value
      FROM
        known
      UNION ALL
      SELECT
        village_code,
        'party.paid.' || purpose || '.' || extract(
          YEAR
          FROM
            paid_on
        )::int,
        sum(amount_fen)
      FROM
        party_fund_payment
      WHERE
        TRUE
        AND paid_on <= $52::date
        AND purpose <> 'other'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        k.village_code,
        'party.hollow',
        1
      FROM
        known k
        LEFT JOIN earning e ON e.village_code = k.village_code
      WHERE
        e.village_code IS NULL
      UNION ALL
      SELECT
        village_code,
        'party.pay.late',
        count(*)
      FROM
        party_cadre_pay
      WHERE
        TRUE
        AND extract(
          YEAR
          FROM
            MONTH
        )::int = extract(
          YEAR
          FROM
            $53::date
        )::int
        AND due_on < $54::date
        AND (
          paid_on IS NULL
          OR paid_on > due_on
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        region_code,
        'party.commit',
        count(*)
      FROM
        party_commitment
      WHERE
        TRUE
        AND YEAR = extract(
          YEAR
          FROM
            $55::date
        )::int
        AND created_at < $56::date + 1
      GROUP BY
        1
      UNION ALL
      SELECT
        region_code,
        'party.commit.done',
        count(*)
      FROM
        party_commitment
      WHERE
        TRUE
        AND YEAR = extract(
          YEAR
          FROM
            $57::date
        )::int
        AND status = 'fulfilled'
        AND review = 'confirmed'
        AND reviewed_on <= $58::date
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'party.reserve',
        count(*)
      FROM
        party_reserve_cadre
      WHERE
        TRUE
        AND since <= $59::date
        AND (
          left_on IS NULL
          OR left_on > $60::date
        )
      GROUP BY
        1
    )
    UNION ALL
    (
      WITH
        cases AS MATERIALIZED (
          SELECT
            m.village_code,
            m.kind,
            m.decision_due,
            c.due_date,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $61::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            monitoring_case m
            JOIN procedure_case c ON c.county_code = m.county_code
            AND c.procedure = $62
            AND c.subject_id = m.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $63::date + 1
        ),
        hits AS (
          SELECT
            x.village_code,
            CASE
              WHEN x.decided_at IS NULL
              OR x.decided_at >= $64::date + 1 THEN 'open'
              ELSE x.state
            END AS state
          FROM
            comparison_hit x
          WHERE
            TRUE
            AND x.created_at < $65::date + 1
        )
      SELECT
        village_code,
        'exit.mon.' || state AS measure,
        count(*)::numeric AS value
      FROM
        cases
      WHERE
        state IS NOT NULL
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'exit.mon.kind.' || kind,
        count(*)
      FROM
        cases
      WHERE
        state = 'monitored'
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        village_code,
        'exit.mon.overdue',
        count(*)
      FROM
        cases
      WHERE
        state IN (
          'proposed',
          'visiting',
          'notice',
          'township_review',
          'county_decision'
        )
        AND (
          decision_due < $66::date
          OR due_date < $67::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hit.' || state,
        count(*)
      FROM
        hits
      GROUP BY
        1,
        2
    )
    UNION ALL
    (
      WITH
        line AS (
          SELECT
            coalesce(
              (
                SELECT
                  (value #>> '{}')::numeric
                FROM
                  setting
                WHERE
                  key = 'registry.poverty_line'
                  AND scope_code = ''
                  AND YEAR IN (
                    extract(
                      YEAR
                      FROM
                        $68::date
                    )::int,
                    0
                  )
                ORDER BY
                  YEAR DESC
                LIMIT
                  1
              ),
              3335
            ) AS v
        ),
        pct AS (
          SELECT
            coalesce(
              (
                SELECT
                  (value #>> '{}')::numeric
                FROM
                  setting
                WHERE
                  key = 'exit.incidence_pct'
                  AND scope_code = ''
                  AND YEAR = 0
              ),
              2
            ) AS v
        ),
        hh AS MATERIALIZED (
          SELECT
            e.village_code,
            e.closed_on,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $69::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            exit_household e
            JOIN procedure_case c ON c.county_code = e.county_code
            AND c.procedure = $70
            AND c.subject_id = e.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $71::date + 1
        ),
        areas AS MATERIALIZED (
          SELECT
            v.village_code,
            v.announced_on,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $72::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            exit_village v
            JOIN procedure_case c ON c.county_code = v.county_code
            AND c.procedure = $73
            AND c.subject_id = v.id
          WHERE
            TRUE
            AND TRUE
            AND c.opened_at < $74::date + 1
        ),
        cv AS MATERIALIZED (
          -- The villages of the provincial poverty counties: their persons still poor and rural population, by county.
          SELECT
            r.code AS village_code
          FROM
            region r
            JOIN region k ON k.code = left(r.code, 6)
            AND k.is_poverty_county
          WHERE
            r.level = 5
            AND TRUE
        ),
        latest AS MATERIALIZED (
          -- Each county's latest exit and the state of its case, read by county (the tables are a county's), then placed
          -- on the poverty counties below: a distributed database runs each step where its rows are.
          SELECT DISTINCT
            ON (e.county_code) e.county_code,
            e.id,
            e.announced_on
          FROM
            exit_county e
          WHERE
            TRUE
            AND e.created_at < $75::date + 1
          ORDER BY
            e.county_code,
            e.year DESC
        ),
        county_cases AS MATERIALIZED (
          SELECT
            c.county_code,
            c.subject_id,
            (
              SELECT
                s.to_state
              FROM
                procedure_step s
              WHERE
                s.county_code = c.county_code
                AND s.case_id = c.id
                AND s.at < $76::date + 1
                AND TRUE
              ORDER BY
                s.seq DESC
              LIMIT
                1
            ) AS state
          FROM
            procedure_case c
          WHERE
            c.procedure = $77
            AND TRUE
        ),
        counties AS MATERIALIZED (
          -- A poverty county's own figures (its exit), kept on the county's row (countyRow) and its latest exit's state.
          SELECT
            k.code AS county_code,
            k.code || '000000' AS row_code,
            x.announced_on,
            c.state
          FROM
            region k
            LEFT JOIN latest x ON x.county_code = k.code
            LEFT JOIN county_cases c ON c.county_code = k.code
            AND c.subject_id = x.id
          WHERE
            k.level = 3
            AND k.is_poverty_county
            AND TRUE
        )
      SELECT
        village_code,
        'exit.hh.open' AS measure,
        count(*)::numeric AS value
      FROM
        hh
      WHERE
        state IN (
          'proposed',
          'appraised',
          'verified',
          'agreed',
          'notice',
          'announced'
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hh.notice',
        count(*)
      FROM
        hh
      WHERE
        state = 'notice'
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.hh.closed.' || extract(
          YEAR
          FROM
            closed_on
        )::int,
        count(*)
      FROM
        hh
      WHERE
        state = 'closed'
        AND closed_on <= $78::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        h.village_code,
        'exit.hh.eligible_not_proposed',
        count(*)
      FROM
        household h
        JOIN household_income i ON i.county_code = h.county_code
        AND i.household_id = h.id
        AND i.year = extract(
          YEAR
          FROM
            $79::date
        )::int
        AND TRUE
      WHERE
        TRUE
        AND h.status IN ('poor', 'returned')
        AND i.per_capita > (
          SELECT
            v
          FROM
            line
        )
        AND h.guarantee_food
        AND h.guarantee_clothing
        AND h.guarantee_education
        AND h.guarantee_medical
        AND h.guarantee_housing
        AND NOT EXISTS (
          SELECT
            1
          FROM
            exit_household e
          WHERE
            e.county_code = h.county_code
            AND e.household_id = h.id
            AND e.year = extract(
              YEAR
              FROM
                $80::date
            )::int
            AND TRUE
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        e.village_code,
        'exit.objection.open',
        count(*)
      FROM
        exit_objection o
        JOIN exit_household e ON e.county_code = o.county_code
        AND e.id = o.exit_household_id
      WHERE
        TRUE
        AND o.received_on <= $81::date
        AND (
          o.decided_on IS NULL
          OR o.decided_on > $82::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        x.village_code,
        'exit.complaint.open',
        count(*)
      FROM
        exit_complaint x
        JOIN procedure_case c ON c.county_code = x.county_code
        AND c.procedure = $83
        AND c.subject_id = x.id
      WHERE
        TRUE
        AND x.received_at < $84::date + 1
        AND (
          x.answered_on IS NULL
          OR x.answered_on > $85::date
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.v.open',
        count(*)
      FROM
        areas
      WHERE
        state IN (
          'proposed',
          'checked',
          'prechecked',
          'verified',
          'notice'
        )
      GROUP BY
        1
      UNION ALL
      SELECT
        village_code,
        'exit.v.exited.' || extract(
          YEAR
          FROM
            announced_on
        )::int,
        count(*)
      FROM
        areas
      WHERE
        state = 'announced'
        AND announced_on <= $86::date
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        cv.village_code,
        'exit.c.poor.' || left(cv.village_code, 6),
        sum(h.member_count)
      FROM
        cv
        JOIN household h ON h.county_code = left(cv.village_code, 6)
        AND h.village_code = cv.village_code
        AND TRUE
      WHERE
        (
          SELECT
            s.status
          FROM
            household_status_history s
          WHERE
            s.county_code = h.county_code
            AND s.household_id = h.id
            AND s.changed_on <= $87::date
          ORDER BY
            s.changed_on DESC,
            s.id DESC
          LIMIT
            1
        ) IN ('poor', 'returned')
      GROUP BY
        1,
        2
      UNION ALL
      SELECT
        cv.village_code,
        'exit.c.pop.' || left(cv.village_code, 6),
        coalesce(pv.rural_population, vp.rural_population)
      FROM
        cv
        LEFT JOIN poor_village pv ON pv.county_code = left(cv.village_code, 6)
        AND pv.village_code = cv.village_code
        AND TRUE
        LEFT JOIN village_population vp ON vp.county_code = left(cv.village_code, 6)
        AND vp.village_code = cv.village_code
        AND TRUE
      WHERE
        coalesce(pv.rural_population, vp.rural_population) IS NOT NULL
      UNION ALL
      SELECT
        row_code,
        'exit.c.remaining.' || county_code,
        1
      FROM
        counties
      WHERE
        state IS DISTINCT FROM 'announced'
      UNION ALL
      SELECT
        row_code,
        'exit.c.open',
        1
      FROM
        counties
      WHERE
        state IN (
          'proposed',
          'checked',
          'prechecked',
          'verified',
          'notice'
        )
      UNION ALL
      SELECT
        row_code,
        'exit.c.exited.' || extract(
          YEAR
          FROM
            announced_on
        )::int,
        1
      FROM
        counties
      WHERE
        state = 'announced'
        AND announced_on <= $88::date
      UNION ALL
      SELECT
        pv.village_code,
        'exit.v.meets',
        1
      FROM
        poor_village pv
      WHERE
        TRUE
        AND (
          pv.exit_year IS NULL
          OR pv.exit_year > extract(
            YEAR
            FROM
              $89::date
          )::int
        )
        AND pv.rural_population > 0
        AND 100.0 * coalesce(
          (
            SELECT
              sum(h.member_count)
            FROM
              household h
            WHERE
              h.county_code = pv.county_code
              AND TRUE
              AND h.village_code = pv.village_code
              AND h.status IN ('poor', 'returned')
          ),
          0
        ) / pv.rural_population < (
          SELECT
            v
          FROM
            pct
        )
    )
  ) m
  CROSS JOIN (
    VALUES
      (2),
      (4),
      (6),
      (9),
      (12)
  ) AS lv (l)
GROUP BY
  2,
  3
HAVING
  sum(m.value) <> 0;

SELECT
  nextval('rollup_version');

COMMIT;

SELECT
  nextval('rollup_version');

SELECT
  to_char(MONTH, 'YYYY-MM') AS m,
  region_code,
  measure,
  value
FROM
  indicator_monthly
WHERE
  MONTH = ANY ($1::date[])
  AND region_code = ANY ($2::TEXT[]);

-- measuresForMonths: missing months left pending
SELECT
  region_code,
  measure,
  value
FROM
  indicator_rollup
WHERE
  region_code = ANY ($1::TEXT[]);

SELECT
  to_char(MONTH, 'YYYY-MM') AS m
FROM
  indicator_month
WHERE
  MONTH = ANY ($1::date[]);

-- firstMonth
SELECT
  min(changed_on)::text AS d
FROM
  household_status_history;

SELECT
  NULL::text AS d;

SELECT
  min(start_date)::text AS d
FROM
  cadre_posting;

SELECT
  least(
    (
      SELECT
        min(established_on)
      FROM
        party_org
    ),
    (
      SELECT
        min(joined_on)
      FROM
        party_member
    )
  )::text AS d;

SELECT
  least(
    (
      SELECT
        min(created_at)::date
      FROM
        party_rectification
    ),
    (
      SELECT
        min(assessed_on)
      FROM
        party_screening
    )
  )::text AS d;

SELECT
  min(proposed_on)::text AS d
FROM
  party_decision;

SELECT
  least(
    (
      SELECT
        min(paid_on)
      FROM
        party_fund_payment
    ),
    (
      SELECT
        min(MONTH)
      FROM
        party_cadre_pay
    ),
    (
      SELECT
        make_date(min(YEAR), 1, 1)
      FROM
        party_collective_income
    ),
    (
      SELECT
        min(since)
      FROM
        party_reserve_cadre
    )
  )::text AS d;

SELECT
  least(
    (
      SELECT
        min(created_at)::date
      FROM
        monitoring_case
    ),
    (
      SELECT
        min(created_at)::date
      FROM
        comparison_hit
    )
  )::text AS d;

SELECT
  least(
    (
      SELECT
        min(created_at)::date
      FROM
        exit_household
    ),
    (
      SELECT
        min(created_at)::date
      FROM
        exit_village
    ),
    (
      SELECT
        min(created_at)::date
      FROM
        exit_county
    )
  )::text AS d;
