import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { MONITORING } from './procedures.ts';

/**
 * The demo's return-to-poverty monitoring and department comparison (issue 13): about 4 % of the exited households
 * in a monitoring case of one of the three kinds, spread over every state (some past their deadline), with measures
 * for the monitored; and two department lists (vehicles, deaths) matched province-wide with hits open, confirmed and
 * dismissed. Deterministic (hashes of the household and the seed), set-based, a few seconds at scale 0.1.
 */
export async function loadDemoMonitoring(db: Db, _keys: PiiKeys, opts: { seed?: number; provinceCode?: string } = {}) {
  const province = opts.provinceCode ?? '21';
  const seed = String(opts.seed ?? 20201201);
  const any = await sql`SELECT 1 FROM monitoring_case WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db);
  if (any.rows.length) return null;
  return db.transaction().execute(async (tx) => {
    const cases = await monitoringCases(tx, province, seed);
    const hits = await comparisonHits(tx, province, seed);
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      scopeCode: province,
      entity: 'monitoring_case',
      entityId: province,
      action: 'demo_load',
      after: { cases, hits },
    });
    return { cases, hits };
  });
}

export const describeMonitoringDemo = (r: { cases: number; hits: number }) =>
  `demo monitoring: ${r.cases} monitoring cases, ${r.hits} department-data hits`;

// The path a case walks: the step that entered each state and its day after the opening.
const PATH = [
  ['open', null, 'proposed', 0],
  ['confirm', 'proposed', 'visiting', 1],
  ['consent', 'visiting', 'notice', 3],
  ['appraise', 'notice', 'township_review', 9],
  ['approve', 'township_review', 'county_decision', 11],
  ['include', 'county_decision', 'monitored', 13],
  ['leave', 'monitored', 'left', 380],
] as const;

async function monitoringCases(tx: Tx, province: string, seed: string) {
  const today = thisDay();
  const path = sql.join(PATH.map(([a, f, to, d], i) => sql`(${i + 1}::int, ${a}::text, ${f}::text, ${to}::text, ${d}::int)`));
  // stage: 1–5 in procedure, 6 monitored (most), 7 left, 8 rejected after the visit.
  const r = await sql<{ n: number }>`
    WITH pick AS (
      SELECT h.county_code, h.id, h.village_code, abs(hashtext(h.id::text || h.county_code || ${seed})) AS x
      FROM household h WHERE h.county_code LIKE ${`${province}%`} AND h.status = 'exited'
    ), chosen AS (
      SELECT p.*, (ARRAY[1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 7, 7, 8])[1 + (p.x / 7) % 14] AS stage,
             (ARRAY['unstable', 'marginal', 'hardship'])[1 + (p.x / 131) % 3] AS kind,
             (ARRAY['application', 'visit', 'visit', 'system', 'comparison'])[1 + (p.x / 3) % 5] AS source
      FROM pick p WHERE p.x % 100 < 4
    ), dated AS (
      SELECT c.*, (${today}::date - CASE WHEN c.stage <= 5 THEN (ARRAY[1, 2, 5, 10, 12])[c.stage] + CASE WHEN c.x % 4 = 0 THEN 20 ELSE 0 END
                                      WHEN c.stage = 6 THEN 30 + c.x % 330 WHEN c.stage = 7 THEN 400 + c.x % 200 ELSE 20 + c.x % 60 END) AS opened
      FROM chosen c
    ), latest_income AS MATERIALIZED (
      SELECT DISTINCT ON (x.county_code, x.household_id) x.county_code, x.household_id, x.per_capita FROM household_income x
      WHERE (x.county_code, x.household_id) IN (SELECT county_code, id FROM dated)
      ORDER BY x.county_code, x.household_id, x.year DESC
    ), ins AS (
      INSERT INTO monitoring_case (county_code, household_id, village_code, kind, source, risk, income, confirmed_on, decision_due,
                                   consent_signed_on, included_on, checklist, ended_on)
      SELECT d.county_code, d.id, d.village_code, d.kind, d.source,
             (ARRAY['户主突发重病，医疗自付费用较高', '家庭主要劳动力务工收入下降', '遭受冰雹灾害，玉米大幅减产', '子女上大学，教育支出增加',
                    '家庭成员因意外致残', '养殖生猪价格下跌，经营亏损'])[1 + d.x % 6],
             (i.per_capita * CASE d.kind WHEN 'unstable' THEN 0.8 ELSE 1 END)::numeric(12, 2),
             CASE WHEN d.stage >= 2 THEN d.opened + 1 END, CASE WHEN d.stage >= 2 THEN d.opened + 16 END,
             CASE WHEN d.stage >= 3 AND d.stage <> 8 THEN d.opened + 3 END, CASE WHEN d.stage IN (6, 7) THEN d.opened + 13 END,
             CASE WHEN d.stage = 7 THEN '{"income_stable": true, "guarantees": true, "safe_water": true, "risk_gone": true}'::jsonb END,
             CASE WHEN d.stage = 7 THEN d.opened + 380 WHEN d.stage = 8 THEN d.opened + 4 END
      FROM dated d
      LEFT JOIN latest_income i ON i.county_code = d.county_code AND i.household_id = d.id
      RETURNING county_code, id, village_code, household_id
    ), cases AS (
      INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, closed_at, version)
      SELECT i.county_code, ${MONITORING.id}, i.id, i.village_code,
             CASE WHEN d.stage = 8 THEN 'rejected' ELSE (ARRAY['proposed', 'visiting', 'notice', 'township_review', 'county_decision', 'monitored', 'left'])[d.stage] END,
             (d.opened + CASE WHEN d.stage = 8 THEN 4 ELSE (ARRAY[0, 1, 3, 9, 11, 13, 380])[d.stage] END)::timestamptz,
             CASE WHEN d.stage <= 5 THEN d.opened + (ARRAY[0, 1, 3, 9, 11])[d.stage] + (ARRAY[3, 3, 7, 3, 2])[d.stage] END,
             d.opened::timestamptz, CASE WHEN d.stage >= 7 THEN (d.opened + CASE WHEN d.stage = 8 THEN 4 ELSE 380 END)::timestamptz END,
             CASE WHEN d.stage = 8 THEN 3 ELSE d.stage END
      FROM ins i JOIN dated d ON d.county_code = i.county_code AND d.id = i.household_id
      RETURNING county_code, id, subject_id, state, version
    ), steps AS (
      INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, at, effective_date, actor_name, actor_scope, reason)
      SELECT c.county_code, c.id, s.seq, s.action, s.from_state, s.to_state, (d.opened + s.day)::timestamptz, d.opened + s.day, 'demo', c.county_code, NULL
      FROM cases c JOIN ins i ON i.county_code = c.county_code AND i.id = c.subject_id
      JOIN dated d ON d.county_code = i.county_code AND d.id = i.household_id
      JOIN (VALUES ${path}) AS s(seq, action, from_state, to_state, day) ON s.seq <= CASE WHEN d.stage = 8 THEN 2 ELSE d.stage END
      UNION ALL
      SELECT c.county_code, c.id, 3, 'reject', 'visiting', 'rejected', (d.opened + 4)::timestamptz, d.opened + 4, 'demo', c.county_code,
             '入户核实家庭收入稳定，风险已化解'
      FROM cases c JOIN ins i ON i.county_code = c.county_code AND i.id = c.subject_id
      JOIN dated d ON d.county_code = i.county_code AND d.id = i.household_id WHERE d.stage = 8
      RETURNING 1
    ), measures AS (
      INSERT INTO monitoring_measure (county_code, case_id, type, started_on, amount, note)
      SELECT i.county_code, i.id, (ARRAY['health', 'employment', 'industry', 'safety_net', 'education', 'microcredit'])[1 + d.x % 6],
             d.opened + 14, (1000 + (d.x % 40) * 250)::numeric, '监测帮扶措施'
      FROM ins i JOIN dated d ON d.county_code = i.county_code AND d.id = i.household_id WHERE d.stage IN (6, 7)
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM cases`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}

/** Two lists matched against the province: vehicles (most hits decided) and deaths (all waiting for the county). */
async function comparisonHits(tx: Tx, province: string, seed: string) {
  const batches = await sql<{ id: number; department: string }>`
    INSERT INTO comparison_batch (scope_code, department, label, filename, status, total_rows, problem_rows, header, actor_name, matched_at)
    VALUES (${province}, 'vehicle', NULL, '公安交管车辆登记信息.xlsx', 'matched', 0, 3, '["姓名","证件号码","号牌号码","车辆类型","登记日期"]', 'demo', now()),
           (${province}, 'death', NULL, '民政殡葬火化信息.csv', 'matched', 0, 0, '["姓名","证件号码","死亡日期","备注"]', 'demo', now())
    RETURNING id, department`.execute(tx);
  const vehicle = Number(batches.rows.find((b) => b.department === 'vehicle')?.id);
  const death = Number(batches.rows.find((b) => b.department === 'death')?.id);
  const r = await sql<{ n: number }>`
    WITH pick AS (
      SELECT m.county_code, m.person_id, m.household_id, h.village_code, p.name, abs(hashtext(m.person_id::text || m.county_code || ${seed})) AS x
      FROM household_member m JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
      JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
      WHERE m.county_code LIKE ${`${province}%`} AND h.status <> 'monitored'
    ), chosen AS (
      SELECT *, CASE WHEN x % 1000 < 3 THEN 'vehicle' ELSE 'death' END AS department, row_number() OVER (ORDER BY county_code, person_id) AS rn
      FROM pick WHERE x % 1000 < 4
    ), ins AS (
      INSERT INTO comparison_hit (county_code, batch_id, row_number, department, household_id, person_id, village_code, record, state, action,
                                  reason, decided_name, decided_at)
      SELECT c.county_code, CASE c.department WHEN 'vehicle' THEN ${vehicle}::bigint ELSE ${death}::bigint END, 1 + c.rn::int, c.department,
             c.household_id, c.person_id, c.village_code,
             CASE c.department WHEN 'vehicle' THEN jsonb_build_object('姓名', c.name, '号牌号码', '辽' || chr(65 + (c.x % 14)::int) || lpad((c.x % 99999)::text, 5, '0'),
                                                       '车辆类型', (ARRAY['小型轿车', '轻型货车', '三轮汽车', '二轮摩托车'])[1 + c.x % 4],
                                                       '登记日期', to_char(current_date - (c.x % 900)::int, 'YYYY-MM-DD'))
                  ELSE jsonb_build_object('姓名', c.name, '死亡日期', to_char(current_date - (c.x % 60)::int, 'YYYY-MM-DD'), '备注', '火化信息') END,
             CASE WHEN c.department = 'death' OR c.x % 3 = 0 THEN 'open' WHEN c.x % 3 = 1 THEN 'dismissed' ELSE 'confirmed' END,
             CASE WHEN c.department = 'vehicle' AND c.x % 3 = 2 THEN 'noted' END,
             CASE WHEN c.department = 'vehicle' AND c.x % 3 = 1 THEN '车辆为农用三轮车，价值低，不影响认定'
                  WHEN c.department = 'vehicle' AND c.x % 3 = 2 THEN '已核实购车，纳入年度动态调整复核' END,
             CASE WHEN c.department = 'vehicle' AND c.x % 3 <> 0 THEN 'demo' END,
             CASE WHEN c.department = 'vehicle' AND c.x % 3 <> 0 THEN now() - interval '3 days' END
      FROM chosen c
      RETURNING batch_id
    ), counted AS (
      UPDATE comparison_batch b SET hits = n.n, total_rows = n.n * 40 + b.problem_rows
      FROM (SELECT batch_id, count(*)::int AS n FROM ins GROUP BY batch_id) n WHERE b.id = n.batch_id
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM ins`.execute(tx);
  return Number(r.rows[0]?.n ?? 0);
}
