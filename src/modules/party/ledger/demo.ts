import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { ADJUSTMENT } from '../screening/procedures.ts';
import { DEFAULT_CAUSES } from './causes.ts';
import { RECTIFICATION } from './procedures.ts';

/**
 * The demo's weak-and-lax ledger and last year's screening (issue 12): about 6 % of the organisations identified this
 * year or last, spread over every state of the ledger (some past their deadline, some of last year still open), and a
 * screening round per county for last year with every poor village's secretary assessed (a few unfit: half adjusted,
 * half overdue). Deterministic (hashes of the village code and the seed), set-based. When the party core's demo did
 * not run, each poor village gets a minimal organisation whose secretary is one of its household heads.
 */
export async function loadDemoPartyLedger(db: Db, _keys: PiiKeys, opts: { seed?: number; provinceCode?: string } = {}) {
  const province = opts.provinceCode ?? '21';
  const seed = String(opts.seed ?? 20170601);
  const any = await sql`SELECT 1 FROM party_rectification WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  return db.transaction().execute(async (tx) => {
    await minimalOrgs(tx, province);
    const cases = await ledger(tx, province, seed);
    const screened = await screening(tx, province, seed);
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      scopeCode: province,
      entity: 'party_rectification',
      entityId: province,
      action: 'demo_load',
      after: { cases, screened },
    });
    return { cases, screened };
  });
}

export const describePartyLedgerDemo = (r: { cases: number; screened: number }) =>
  `demo party ledger: ${r.cases} rectification cases, ${r.screened} secretaries screened`;

/** An organisation per poor village without one, its secretary a household head of the village (the first by id). */
async function minimalOrgs(tx: Tx, province: string) {
  await sql`
    INSERT INTO party_org (county_code, region_code, name, kind, established_on)
    SELECT pv.county_code, pv.village_code, left(r.name, 50) || '党支部', 'branch', '1998-07-01'
    FROM poor_village pv JOIN region r ON r.code = pv.village_code
    WHERE pv.county_code LIKE ${`${province}%`}
      AND NOT EXISTS (SELECT 1 FROM party_org o WHERE o.county_code = pv.county_code AND o.region_code = pv.village_code AND o.dissolved_on IS NULL)`.execute(
    tx,
  );
  await sql`
    INSERT INTO party_secretary_term (county_code, org_id, person_id, one_shoulder, start_date)
    SELECT o.county_code, o.id, h.head_person_id, (hashtext(o.region_code) % 3 = 0), make_date(2018 + abs(hashtext(o.region_code)) % 3, 1, 15)
    FROM party_org o
    JOIN LATERAL (SELECT head_person_id FROM household h WHERE h.county_code = o.county_code AND h.village_code = o.region_code
                  AND h.head_person_id IS NOT NULL ORDER BY h.id LIMIT 1) h ON TRUE
    WHERE o.county_code LIKE ${`${province}%`} AND o.dissolved_on IS NULL
      AND NOT EXISTS (SELECT 1 FROM party_secretary_term t WHERE t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL)`.execute(
    tx,
  );
}

const STATES = Object.keys(RECTIFICATION.states);

/** About 6 % of the village organisations, each with a case whose state and dates follow from its hash. */
async function ledger(tx: Tx, province: string, seed: string) {
  const year = thisYear();
  const today = thisDay();
  const codes = DEFAULT_CAUSES.map((c) => c.code);
  const picked = await sql<{ n: number }>`
    WITH pick AS (
      SELECT o.county_code, o.region_code, o.id AS org_id, abs(hashtext(o.region_code || ${seed})) AS h
      FROM party_org o WHERE o.county_code LIKE ${`${province}%`} AND length(o.region_code) = 12 AND o.dissolved_on IS NULL
    ), chosen AS (
      SELECT *, (h / 17) % 5 AS stage, CASE WHEN (h / 85) % 4 = 0 THEN ${year - 1}::int ELSE ${year}::int END AS year FROM pick WHERE h % 100 < 6
    ), ins AS (
      INSERT INTO party_rectification (county_code, village_code, org_id, year, causes, problems, plan, county_leader, township_member,
                                       first_secretary_posting_id, first_secretary_name, deadline, closed_on, consolidated_on)
      SELECT c.county_code, c.region_code, c.org_id, c.year,
             ARRAY[(${codes}::text[])[1 + c.h % ${codes.length}], (${codes}::text[])[1 + (c.h / 7) % ${codes.length}]],
             '经排查，' || (ARRAY['组织生活不正常，“三会一课”流于形式', '班子成员不团结，议事决策推进困难', '群众反映强烈，服务意识差',
                                  '村务、财务长期不公开'])[1 + c.h % 4],
             CASE WHEN c.stage >= 1 THEN '调整充实班子，规范“三会一课”，建立党员联系户制度，按月公开党务村务财务' END,
             CASE WHEN c.stage >= 1 THEN (ARRAY['王建国', '李志强', '张海军', '刘振华', '陈立新'])[1 + c.h % 5] END,
             CASE WHEN c.stage >= 1 THEN (ARRAY['赵晓东', '孙丽', '周国庆', '吴海燕'])[1 + (c.h / 3) % 4] END,
             fs.id, fs.name,
             CASE WHEN c.stage >= 1 THEN
               CASE WHEN c.h % 3 = 0 AND c.stage <= 2 THEN (${today}::date - 20 - (c.h % 60)) ELSE make_date(c.year, 11, 30) END END,
             CASE WHEN c.stage >= 3 THEN least(make_date(c.year, 10, 15), ${today}::date - 100) END,
             CASE WHEN c.stage >= 4 THEN ${today}::date - 5 END
      FROM chosen c
      LEFT JOIN LATERAL (
        SELECT p.id, pe.name FROM cadre_posting p JOIN cadre cd ON cd.county_code = p.county_code AND cd.id = p.cadre_id
        JOIN person pe ON pe.county_code = cd.county_code AND pe.id = cd.person_id
        WHERE c.stage >= 1 AND p.county_code = c.county_code AND p.village_code = c.region_code AND p.role = 'first_secretary'
          AND p.confirmed_on IS NOT NULL AND p.end_date IS NULL ORDER BY p.start_date DESC LIMIT 1) fs ON TRUE
      ON CONFLICT DO NOTHING
      RETURNING county_code, id, village_code, year, deadline, closed_on, consolidated_on
    ), cases AS (
      INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, closed_at, version)
      SELECT i.county_code, ${RECTIFICATION.id}, i.id, i.village_code,
             (${STATES}::text[])[1 + (abs(hashtext(i.village_code || ${seed})) / 17) % 5],
             least(CASE (abs(hashtext(i.village_code || ${seed})) / 17) % 5 WHEN 0 THEN make_date(i.year, 2, 20)
                     WHEN 1 THEN make_date(i.year, 3, 20) WHEN 2 THEN make_date(i.year, 4, 1) WHEN 3 THEN i.closed_on
                     ELSE i.consolidated_on END, ${today}::date)::timestamptz, NULL, make_date(i.year, 2, 20), NULL, 1 + (abs(hashtext(i.village_code || ${seed})) / 17) % 5
      FROM ins i
      RETURNING county_code, id, subject_id, state, version
    ), steps AS (
      INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, effective_date, actor_name, actor_scope, reason, note)
      SELECT c.county_code, c.id, s.seq, s.action, s.from_state, s.to_state,
             least(CASE s.seq WHEN 1 THEN make_date(i.year, 2, 20) WHEN 2 THEN make_date(i.year, 3, 20) WHEN 3 THEN make_date(i.year, 4, 1)
                              WHEN 4 THEN i.closed_on ELSE i.consolidated_on END, ${today}::date),
             'demo', c.county_code, NULL, NULL
      FROM cases c JOIN ins i ON i.county_code = c.county_code AND i.id = c.subject_id
      JOIN (VALUES (1, 'open', NULL, 'identified'), (2, 'plan', 'identified', 'planned'), (3, 'start', 'planned', 'rectifying'),
                   (4, 'close', 'rectifying', 'closed'), (5, 'consolidate', 'closed', 'consolidated')) AS s(seq, action, from_state, to_state)
        ON s.seq <= c.version
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM cases`.execute(tx);
  const n = Number(picked.rows[0]?.n ?? 0);
  // Identified cases are due to have their measures set 30 days after the step (the procedure's deadline).
  // The day in UTC, not the session's zone: an immutable expression (Citus refuses a zone-dependent one in an UPDATE).
  await sql`UPDATE procedure_case SET due_date = (state_since AT TIME ZONE 'UTC')::date + CASE state WHEN 'identified' THEN 30 ELSE 365 END
            WHERE procedure = ${RECTIFICATION.id} AND state IN ('identified', 'closed') AND county_code LIKE ${`${province}%`}`.execute(tx);
  return n;
}

/** Last year's round per county: every listed secretary assessed; unfit ones get an adjustment, half of them done. */
async function screening(tx: Tx, province: string, seed: string) {
  const year = thisYear() - 1;
  await sql`
    INSERT INTO party_screening_round (county_code, year, opened_on, note)
    SELECT DISTINCT pv.county_code, ${year}::int, make_date(${year}::int, 3, 1), '年度村党组织书记“过筛子”'
    FROM poor_village pv WHERE pv.county_code LIKE ${`${province}%`}
    ON CONFLICT DO NOTHING`.execute(tx);
  const listed = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO party_screening (county_code, round_id, village_code, org_id, term_id, result, opinion, note, assessed_on, assessed_by, adjust_by)
      SELECT o.county_code, r.id, o.region_code, o.id, t.id, x.result,
             CASE x.result WHEN 'competent' THEN 'satisfied' WHEN 'basically' THEN 'basically' ELSE 'dissatisfied' END,
             CASE x.result WHEN 'incompetent' THEN '群众满意度低，带富能力弱' END,
             make_date(${year}::int, 4, 1) + (x.h % 120), 'demo', CASE x.result WHEN 'incompetent' THEN make_date(${year}::int, 12, 31) END
      FROM poor_village pv
      JOIN party_screening_round r ON r.county_code = pv.county_code AND r.year = ${year}
      JOIN party_org o ON o.county_code = pv.county_code AND o.region_code = pv.village_code AND o.dissolved_on IS NULL
      JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
      CROSS JOIN LATERAL (SELECT abs(hashtext(pv.village_code || ${seed} || 's')) AS h) hh
      CROSS JOIN LATERAL (SELECT hh.h, CASE WHEN hh.h % 100 < 6 THEN 'incompetent' WHEN hh.h % 100 < 25 THEN 'basically' ELSE 'competent' END AS result) x
      WHERE pv.county_code LIKE ${`${province}%`}
      ON CONFLICT DO NOTHING
      RETURNING county_code, id, village_code, result
    ), cases AS (
      INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, opened_at)
      SELECT county_code, ${ADJUSTMENT.id}, id, village_code, 'pending', make_date(${year}::int, 6, 1), make_date(${year}::int, 6, 1)
      FROM ins WHERE result = 'incompetent'
      RETURNING county_code, id
    ), steps AS (
      INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, effective_date, actor_name, actor_scope)
      SELECT county_code, id, 1, 'open', NULL, 'pending', make_date(${year}::int, 6, 1), 'demo', county_code FROM cases
    )
    SELECT count(*)::int AS n FROM ins`.execute(tx);
  // Half the unfit secretaries were replaced by another household head of the village in the autumn: their terms end
  // first (one statement), then the successors' start (another), so the one-current-secretary index holds throughout.
  const onDay = sql`make_date(${year}::int, 10, 8)`;
  await sql`
    UPDATE party_secretary_term t SET end_date = ${onDay}, end_reason = 'adjusted', end_note = '过筛子研判不胜任'
    FROM party_screening s JOIN party_screening_round r ON r.county_code = s.county_code AND r.id = s.round_id AND r.year = ${year}
    WHERE s.county_code LIKE ${`${province}%`} AND s.result = 'incompetent' AND abs(hashtext(s.village_code || ${seed})) % 2 = 0
      AND t.county_code = s.county_code AND t.id = s.term_id AND t.end_date IS NULL AND t.start_date < ${onDay}
      AND EXISTS (SELECT 1 FROM household h WHERE h.county_code = s.county_code AND h.village_code = s.village_code
                  AND h.head_person_id IS NOT NULL AND h.head_person_id <> t.person_id)`.execute(tx);
  await sql`
    WITH due AS (
      SELECT s.county_code, s.id, s.org_id, h.head_person_id AS person_id
      FROM party_screening s
      JOIN party_screening_round r ON r.county_code = s.county_code AND r.id = s.round_id AND r.year = ${year}
      JOIN party_secretary_term t ON t.county_code = s.county_code AND t.id = s.term_id AND t.end_reason = 'adjusted'
      JOIN LATERAL (SELECT head_person_id FROM household h WHERE h.county_code = s.county_code AND h.village_code = s.village_code
                    AND h.head_person_id IS NOT NULL AND h.head_person_id <> t.person_id ORDER BY h.id LIMIT 1) h ON TRUE
      WHERE s.county_code LIKE ${`${province}%`} AND s.result = 'incompetent' AND s.successor_term_id IS NULL
    ), started AS (
      INSERT INTO party_secretary_term (county_code, org_id, person_id, start_date)
      SELECT county_code, org_id, person_id, ${onDay} FROM due RETURNING county_code, id, org_id
    ), marked AS (
      UPDATE party_screening s SET successor_term_id = st.id, adjusted_on = ${onDay}
      FROM due d JOIN started st ON st.county_code = d.county_code AND st.org_id = d.org_id
      WHERE s.county_code = d.county_code AND s.id = d.id RETURNING s.county_code, s.id
    ), moved AS (
      UPDATE procedure_case c SET state = 'adjusted', state_since = ${onDay}, closed_at = ${onDay}, version = 2
      FROM marked m WHERE c.county_code = m.county_code AND c.procedure = ${ADJUSTMENT.id} AND c.subject_id = m.id
      RETURNING c.county_code, c.id
    )
    INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, effective_date, actor_name, actor_scope)
    SELECT county_code, id, 2, 'adjust', 'pending', 'adjusted', ${onDay}, 'demo', county_code FROM moved`.execute(tx);
  return Number(listed.rows[0]?.n ?? 0);
}
