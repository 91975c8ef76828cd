import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { DECISION, STEPS } from './procedure.ts';

/** The village the demo accounts look at first (海丰村): it always has decisions. */
const FOCUS = '211381109201';

const MATTERS: [string, string, number | null][] = [
  ['村集体光伏电站收益分配', 'funds', 120000],
  ['村内道路硬化工程', 'project', 380000],
  ['集体机动地发包', 'land', null],
  ['村部办公用房维修', 'project', 85000],
  ['扶贫车间对外租赁', 'collective_assets', 60000],
  ['设置村级公益岗位', 'welfare', 36000],
  ['农田灌溉渠修缮', 'project', 150000],
  ['集体林地经营权流转', 'land', null],
  ['村级互助资金使用方案', 'funds', 50000],
  ['村集体养殖场承包', 'collective_assets', 200000],
  ['饮水安全工程配套建设', 'project', 90000],
  ['困难群众临时救助', 'welfare', 20000],
];
const STATES = [DECISION.initial, ...STEPS.map((s) => DECISION.transitions.find((t) => t.action === s)?.to as string)];
const DEADLINES = STATES.map((s) => {
  const d = DECISION.states[s]?.deadline;
  return d === undefined ? null : typeof d === 'number' ? d : d.fallback;
});

/**
 * Organisations and members for the chosen villages that have none (when the core part's demo has not run): one
 * branch per village, its members the village's registered persons (20–49 of them). Guarded by NOT EXISTS.
 */
async function ensureOrgs(tx: Tx, province: string) {
  await sql`
    INSERT INTO party_org (county_code, region_code, name, kind, established_on)
    WITH have AS MATERIALIZED (
      SELECT o.region_code FROM party_org o
      WHERE (o.county_code, o.region_code) IN (SELECT left(village_code, 6), village_code FROM pd_village) AND o.dissolved_on IS NULL)
    SELECT left(v.code, 6), v.code, v.name || '党支部', 'branch', DATE '1998-07-01'
    FROM region v JOIN pd_village c ON c.village_code = v.code LEFT JOIN have ON have.region_code = v.code
    WHERE have.region_code IS NULL`.execute(tx);
  await sql`
    INSERT INTO party_member (county_code, org_id, person_id, joined_on)
    SELECT x.county_code, x.org_id, x.person_id, DATE '2005-07-01' + (x.rn * 97 % 3000)::int
    FROM (
      SELECT o.county_code, o.id AS org_id, m.person_id, c.h,
             row_number() OVER (PARTITION BY o.county_code, o.id ORDER BY m.person_id) AS rn
      FROM pd_village c
      JOIN party_org o ON o.county_code = left(c.village_code, 6) AND o.region_code = c.village_code AND o.dissolved_on IS NULL
      JOIN household h ON h.county_code = o.county_code AND h.village_code = c.village_code
      JOIN household_member m ON m.county_code = h.county_code AND m.household_id = h.id
      WHERE NOT EXISTS (SELECT 1 FROM party_member pm WHERE pm.county_code = o.county_code AND pm.org_id = o.id AND pm.left_on IS NULL)
        AND NOT EXISTS (SELECT 1 FROM party_member pm WHERE pm.county_code = m.county_code AND pm.person_id = m.person_id AND pm.left_on IS NULL)
    ) x
    WHERE x.rn <= 20 + x.h % 30 AND x.county_code LIKE ${`${province}%`}`.execute(tx);
}

/**
 * The demo's 四议一审两公开 decisions: two to four in one village of five with a register (海丰村 always), spread over
 * every step (and some rejected at the members' meeting), with their cases, step history and meeting facts, written
 * set-based. Open ones whose last step is older than its deadline are overdue, as in life. Nothing is done when the
 * province has decisions already.
 */
export async function loadDemoPartyDecisions(db: Db, _keys: PiiKeys, opts: { provinceCode?: string } = {}) {
  const province = opts.provinceCode ?? '21';
  const any = await sql`SELECT 1 FROM party_decision WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  return db.transaction().execute(async (tx) => {
    await sql`
      CREATE TEMP TABLE pd_village ON COMMIT DROP AS
      SELECT village_code, abs(hashtext(village_code)) AS h FROM (SELECT DISTINCT village_code FROM household WHERE village_code LIKE ${`${province}%`}) v
      WHERE abs(hashtext(village_code)) % 5 = 0 OR village_code = ${FOCUS}`.execute(tx);
    await ensureOrgs(tx, province);
    const today = thisDay();
    // stage 0–7: the steps taken in order; 8: voted down at the members' meeting.
    await sql`
      CREATE TEMP TABLE pd_plan ON COMMIT DROP AS
      SELECT o.county_code, c.village_code, o.id AS org_id, k, (c.h + k * 4) % 9 AS stage,
             m.title, m.category, m.amount, (ARRAY['members_villagers', 'village_cadres', 'higher_level'])[1 + (c.h + k) % 3] AS source,
             (SELECT count(*)::int FROM party_member pm WHERE pm.county_code = o.county_code AND pm.org_id = o.id AND pm.left_on IS NULL) AS members,
             ${today}::date - (least((c.h + k * 4) % 9, 7) * 7 + 3 + (c.h + k * 11) % 25)::int AS proposed_on
      FROM pd_village c
      JOIN party_org o ON o.county_code = left(c.village_code, 6) AND o.region_code = c.village_code AND o.dissolved_on IS NULL
      CROSS JOIN LATERAL generate_series(1, 2 + c.h % 3) AS k
      JOIN (SELECT * FROM unnest(${MATTERS.map((m) => m[0])}::text[], ${MATTERS.map((m) => m[1])}::text[], ${MATTERS.map((m) => m[2])}::numeric[])
            WITH ORDINALITY AS x(title, category, amount, i)) m ON m.i = 1 + (c.h + k * 5) % ${MATTERS.length}`.execute(tx);
    // A village without members cannot have held its members' meeting: its decisions stay before it.
    await sql`UPDATE pd_plan SET stage = least(stage, 2) WHERE members < 5`.execute(tx);
    await sql`
      INSERT INTO party_decision (county_code, village_code, org_id, title, content, category, amount, source, proposed_on)
      SELECT county_code, village_code, org_id, title,
             '经' || (CASE source WHEN 'higher_level' THEN '乡镇党委' WHEN 'village_cadres' THEN '村干部' ELSE '党员群众' END) || '提出，拟' || title || '，具体方案附后。',
             category, amount, source, proposed_on
      FROM pd_plan ORDER BY county_code, village_code, k`.execute(tx);
    await sql`
      CREATE TEMP TABLE pd_step ON COMMIT DROP AS
      SELECT p.county_code, d.id AS decision_id, p.village_code, p.stage, p.members, i,
             CASE WHEN p.stage = 8 AND i = 3 THEN 'vote_down' ELSE (${[...STEPS]}::text[])[i] END AS action,
             (${[...STEPS]}::text[])[i] AS step,
             (${STATES}::text[])[i] AS from_state,
             CASE WHEN p.stage = 8 AND i = 3 THEN 'rejected' ELSE (${STATES}::text[])[i + 1] END AS to_state,
             p.proposed_on + i * 7 AS held_on
      FROM pd_plan p
      JOIN party_decision d ON d.county_code = p.county_code AND d.village_code = p.village_code AND d.title = p.title
      CROSS JOIN LATERAL generate_series(1, CASE WHEN p.stage = 8 THEN 3 ELSE p.stage END) AS i`.execute(tx);
    await sql`
      INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, closed_at, version)
      SELECT county_code, ${DECISION.id}, id, village_code, state, since,
             CASE WHEN state IN ('result_disclosed', 'rejected') THEN NULL ELSE since::date + (${DEADLINES}::int[])[array_position(${STATES}::text[], state)] END,
             proposed_on, CASE WHEN state IN ('result_disclosed', 'rejected') THEN since END, 1 + n
      FROM (
        SELECT d.county_code, d.id, d.village_code, d.proposed_on, coalesce(s.state, 'proposed') AS state,
               coalesce(s.last_on, d.proposed_on)::timestamptz + interval '10 hours' AS since, coalesce(s.n, 0) AS n
        FROM party_decision d
        JOIN pd_plan p ON p.county_code = d.county_code AND p.village_code = d.village_code AND p.title = d.title
        LEFT JOIN (
          SELECT decision_id, (array_agg(to_state ORDER BY i DESC))[1] AS state, max(held_on) AS last_on, count(*)::int AS n
          FROM pd_step GROUP BY decision_id
        ) s ON s.decision_id = d.id
      ) x`.execute(tx);
    await sql`
      INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, at, effective_date, actor_id, actor_name, actor_scope, reason, note)
      SELECT c.county_code, c.id, 1, 'open', NULL::text, 'proposed', c.opened_at + interval '10 hours', c.opened_at::date, NULL::bigint, '演示数据', c.region_code, NULL::text, d.title
      FROM procedure_case c JOIN party_decision d ON d.county_code = c.county_code AND d.id = c.subject_id
      WHERE c.procedure = ${DECISION.id} AND c.county_code LIKE ${`${province}%`}
      UNION ALL
      SELECT c.county_code, c.id, 1 + s.i, s.action, s.from_state, s.to_state, s.held_on + interval '10 hours', s.held_on, NULL, '演示数据',
             CASE WHEN s.step = 'township_review' THEN left(c.region_code, 9) ELSE c.region_code END,
             CASE WHEN s.action = 'vote_down' THEN '党员大会审议表决未通过' END, NULL::text
      FROM pd_step s JOIN procedure_case c ON c.county_code = s.county_code AND c.procedure = ${DECISION.id} AND c.subject_id = s.decision_id`.execute(
      tx,
    );
    await sql`
      INSERT INTO party_decision_step (county_code, decision_id, step, village_code, held_on, present, total, votes_for, votes_against, votes_abstain,
                                       township_attendee, joint, outcome, summary, place)
      SELECT county_code, decision_id, step, village_code, held_on, present, total, votes_for, present - votes_for - abstain, abstain,
             attendee, false, outcome, summary, place
      FROM (
        SELECT s.*,
          CASE s.step WHEN 'org_propose' THEN 5 + s.decision_id % 3 WHEN 'committees' THEN 7 + s.decision_id % 3
                      WHEN 'members_meeting' THEN s.members WHEN 'villagers_meeting' THEN 40 + s.decision_id % 40 END AS total,
          CASE s.step WHEN 'org_propose' THEN 5 + s.decision_id % 3 WHEN 'committees' THEN 7 + s.decision_id % 3
                      WHEN 'members_meeting' THEN (s.members * 4 + 4) / 5 WHEN 'villagers_meeting' THEN (3 * (40 + s.decision_id % 40) + 3) / 4 END AS present,
          CASE WHEN s.action = 'vote_down' THEN s.members / 2
               WHEN s.step = 'members_meeting' THEN (s.members * 4 + 4) / 5 - 1
               WHEN s.step = 'villagers_meeting' THEN (3 * (40 + s.decision_id % 40) + 3) / 4 - 3
               WHEN s.step IN ('org_propose', 'committees') THEN CASE s.step WHEN 'org_propose' THEN 5 + s.decision_id % 3 ELSE 7 + s.decision_id % 3 END END AS votes_for,
          CASE WHEN s.step = 'villagers_meeting' THEN 1 WHEN s.step IN ('org_propose', 'committees', 'members_meeting') THEN 0 END AS abstain,
          CASE WHEN s.step IN ('members_meeting', 'villagers_meeting', 'township_review')
               THEN (ARRAY['李建国', '王海燕', '张志强', '刘秀梅', '陈立新'])[1 + s.decision_id % 5] END AS attendee,
          CASE WHEN s.action = 'vote_down' THEN 'rejected' WHEN s.step LIKE 'disclose%' THEN 'done' ELSE 'passed' END AS outcome,
          CASE WHEN s.step = 'disclose_result' THEN '已按决议实施完毕，资金收支明细已张榜公布，接受群众监督。' END AS summary,
          CASE WHEN s.step LIKE 'disclose%' THEN '村务公开栏' END AS place
        FROM pd_step s
      ) x`.execute(tx);
    const counts = await sql<{ state: string; n: number }>`
      SELECT state, count(*)::int AS n FROM procedure_case WHERE procedure = ${DECISION.id} AND county_code LIKE ${`${province}%`} GROUP BY state`.execute(
      tx,
    );
    return Object.fromEntries(counts.rows.map((r) => [r.state, Number(r.n)])) as Record<string, number>;
  });
}

export const describeDecisionDemo = (c: Record<string, number>) =>
  `demo decisions (四议一审两公开): ${Object.values(c).reduce((a, b) => a + b, 0)} (${Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`;
