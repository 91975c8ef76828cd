import { sql } from 'kysely';
import type { Db, Tx } from '../../db/types.ts';
import { thisDay, thisYear } from '../../server/clock.ts';
import * as audit from '../audit/service.ts';
import { markCountyRows } from '../command/rollups.ts';
import type { PiiKeys } from '../pii/crypto.ts';
import { povertyCounties } from './villages/queries.ts';

/** The village the demo accounts look at first (海丰村): it always has a batch in every state. */
const FOCUS = '211381109201';
const HH_STATES = ['proposed', 'appraised', 'verified', 'agreed', 'notice', 'announced', 'closed'] as const;
const HH_ACTIONS = ['open', 'appraise', 'verify', 'agree', 'publish', 'announce', 'close'] as const;
/** Days between two demo steps: more than the 7-day notice, so every announcement comes after its notice ended. */
const GAP = 8;

async function steps(tx: Tx, procedure: string, states: readonly string[], actions: readonly string[]) {
  // Every step up to the case's state, dated GAP days apart and ending on the day of its last step.
  await sql`
    INSERT INTO procedure_step (county_code, case_id, seq, action, from_state, to_state, at, effective_date, actor_id, actor_name, actor_scope)
    SELECT c.county_code, c.id, j + 1, (${actions}::text[])[j + 1], CASE WHEN j = 0 THEN NULL ELSE (${states}::text[])[j] END,
           (${states}::text[])[j + 1], (c.state_since::date - ${GAP} * (k.k - j))::timestamptz + interval '10 hours',
           c.state_since::date - ${GAP} * (k.k - j), NULL, 'demo', left(c.region_code, 6)
    FROM procedure_case c
    CROSS JOIN LATERAL (SELECT array_position(${states}::text[], c.state) - 1 AS k) k
    CROSS JOIN LATERAL generate_series(0, k.k) j
    WHERE c.procedure = ${procedure} AND NOT EXISTS (SELECT 1 FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id)`.execute(
    tx,
  );
}

/**
 * The demo's exit procedures, set-based: in one village of eight with poor households (海丰村 always) a batch of this
 * year of up to seven eligible households, one in each state (the closed ones exited in the register with a dated
 * status row), an open objection on a household in notice, public complaints in 海丰村, three poor villages in the
 * village exit procedure and 北票市 in the county exit procedure (pre-checked by the city). Runs once per province.
 */
export async function loadDemoExit(db: Db, _keys: PiiKeys, opts: { provinceCode?: string } = {}) {
  const province = opts.provinceCode ?? '21';
  if ((await sql`SELECT 1 FROM exit_batch WHERE county_code LIKE ${`${province}%`} LIMIT 1`.execute(db)).rows.length) return null;
  const year = thisYear();
  const today = thisDay();
  return db.transaction().execute(async (tx) => {
    // 海丰村 always has ten eligible households (the demo accounts' village): income above the line, the guarantees.
    await sql`CREATE TEMP TABLE ex_focus ON COMMIT DROP AS
      SELECT county_code, id FROM household WHERE county_code = ${FOCUS.slice(0, 6)} AND village_code = ${FOCUS} AND status = 'poor'
      ORDER BY id LIMIT 10`.execute(tx);
    await sql`UPDATE household h SET guarantee_food = true, guarantee_clothing = true, guarantee_education = true,
                guarantee_medical = true, guarantee_housing = true FROM ex_focus f WHERE f.county_code = h.county_code AND f.id = h.id`.execute(
      tx,
    );
    await sql`INSERT INTO household_income (county_code, household_id, year, per_capita)
      SELECT county_code, id, ${year}::int, 4200 + id % 1500 FROM ex_focus
      ON CONFLICT (county_code, household_id, year) DO UPDATE SET per_capita = greatest(household_income.per_capita, excluded.per_capita)
      WHERE household_income.per_capita <= 3335`.execute(tx);
    await sql`CREATE TEMP TABLE ex_pick ON COMMIT DROP AS
      SELECT h.county_code, h.id AS household_id, h.village_code, i.per_capita,
             row_number() OVER (PARTITION BY h.village_code ORDER BY h.id) - 1 AS k
      FROM household h
      JOIN household_income i ON i.county_code = h.county_code AND i.household_id = h.id AND i.year = ${year}
      WHERE h.county_code LIKE ${`${province}%`} AND h.status = 'poor' AND i.per_capita > 3335
        AND h.id NOT IN (SELECT id FROM ex_focus ORDER BY id DESC LIMIT 2)
        AND h.guarantee_food AND h.guarantee_clothing AND h.guarantee_education AND h.guarantee_medical AND h.guarantee_housing
        AND (h.village_code = ${FOCUS} OR abs(hashtext(h.village_code)) % 8 = 0)`.execute(tx);
    await sql`DELETE FROM ex_pick WHERE k >= 8`.execute(tx);
    await sql`ALTER TABLE ex_pick ADD COLUMN st int, ADD COLUMN lag int`.execute(tx);
    // k 0–6: one household in each state; 7: a notice that has ended, waiting for the announcement.
    await sql`UPDATE ex_pick SET st = CASE WHEN k = 7 THEN 4 ELSE k END, lag = CASE WHEN k = 4 THEN 3 WHEN k = 7 THEN 9 ELSE 1 + k END`.execute(
      tx,
    );
    await sql`INSERT INTO exit_batch (county_code, village_code, year, proposed_on)
      SELECT DISTINCT county_code, village_code, ${year}::int, ${today}::date - ${GAP * 7}::int FROM ex_pick`.execute(tx);
    // The last step's day: those in notice split between a notice still running and one that has ended.
    await sql`INSERT INTO exit_household (county_code, batch_id, household_id, village_code, year, income_per_capita, poverty_line,
                                          notice_from, notice_until, announced_on, closed_on)
      SELECT p.county_code, b.id, p.household_id, p.village_code, ${year}::int, p.per_capita, 3335,
             CASE WHEN p.st >= 4 THEN d.last - ${GAP} * (p.st - 4) END, CASE WHEN p.st >= 4 THEN d.last - ${GAP} * (p.st - 4) + 6 END,
             CASE WHEN p.st >= 5 THEN d.last - ${GAP} * (p.st - 5) END, CASE WHEN p.st = 6 THEN d.last END
      FROM ex_pick p
      JOIN exit_batch b ON b.county_code = p.county_code AND b.village_code = p.village_code AND b.year = ${year}
      CROSS JOIN LATERAL (SELECT ${today}::date - p.lag AS last) d`.execute(tx);
    await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, closed_at, version)
      SELECT e.county_code, 'household_exit', e.id, e.village_code, (${HH_STATES}::text[])[p.st + 1], d.last::timestamptz + interval '10 hours',
             CASE WHEN p.st = 6 THEN NULL WHEN p.st = 4 THEN d.last + 15 ELSE d.last + 30 END,
             (d.last - ${GAP} * p.st)::timestamptz + interval '10 hours', CASE WHEN p.st = 6 THEN d.last::timestamptz + interval '10 hours' END, p.st + 1
      FROM exit_household e JOIN ex_pick p ON p.county_code = e.county_code AND p.household_id = e.household_id
      CROSS JOIN LATERAL (SELECT ${today}::date - p.lag AS last) d
      WHERE e.year = ${year}`.execute(tx);
    await steps(tx, 'household_exit', HH_STATES, HH_ACTIONS);
    // 销号: the closed ones exit in the register, dated.
    await sql`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
      SELECT e.county_code, e.household_id, 'exited', 'poor', e.closed_on, 'exit' FROM exit_household e
      WHERE e.closed_on IS NOT NULL AND e.county_code LIKE ${`${province}%`}`.execute(tx);
    await sql`UPDATE household h SET status = 'exited', exit_year = ${year}, updated_at = now() FROM exit_household e
      WHERE e.county_code = h.county_code AND e.household_id = h.id AND e.closed_on IS NOT NULL AND e.county_code LIKE ${`${province}%`}`.execute(
      tx,
    );
    // An open objection on every household whose notice is still running in 海丰村 and on one in eight elsewhere.
    await sql`INSERT INTO exit_objection (county_code, exit_household_id, source, content, received_on, recorded_by)
      SELECT e.county_code, e.id, 'visit', '村民反映该户家庭经营收入不稳定，建议再核实', greatest(e.notice_from, ${today}::date - 1), 'demo'
      FROM exit_household e JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
      WHERE c.state = 'notice' AND e.notice_until >= ${today}::date AND (e.village_code = ${FOCUS} OR e.id % 8 = 0)`.execute(tx);
    const complaints = await demoComplaints(tx, year, today);
    const villages = await demoVillages(tx, province, year, today);
    const counties = await demoCounty(tx, year, today);
    await audit.record(tx, audit.SYSTEM_ACTOR, {
      scopeCode: province,
      entity: 'exit_batch',
      entityId: province,
      action: 'demo',
      after: { year },
    });
    const n = await sql<{ b: number; h: number }>`
      SELECT (SELECT count(*)::int FROM exit_batch) AS b, (SELECT count(*)::int FROM exit_household) AS h`.execute(tx);
    return { batches: Number(n.rows[0]?.b), households: Number(n.rows[0]?.h), complaints, villages, counties };
  });
}

async function demoComplaints(tx: Tx, year: number, today: string) {
  const county = FOCUS.slice(0, 6);
  const made = await sql<{ id: number }>`
    INSERT INTO exit_complaint (county_code, reference, village_code, kind, exit_household_id, content, client_digest, received_at)
    SELECT ${county}, ${county} || '-DEMO' || lpad(n::text, 6, '0'), ${FOCUS}, CASE WHEN n = 1 THEN 'objection' ELSE 'complaint' END,
           CASE WHEN n = 1 THEN (SELECT e.id FROM exit_household e JOIN procedure_case c ON c.county_code = e.county_code
                                 AND c.procedure = 'household_exit' AND c.subject_id = e.id
                                 WHERE e.village_code = ${FOCUS} AND c.state = 'notice' AND e.year = ${year} ORDER BY e.id LIMIT 1) END,
           (ARRAY['对公示名单中的一户有异议：家中常年有病人', '村里的光伏收益分配没有公开', '帮扶干部很少到我家'])[n], 'demo',
           (${today}::date - n * 9)::timestamptz + interval '9 hours'
    FROM generate_series(1, 3) n RETURNING id`.execute(tx);
  await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at)
    SELECT x.county_code, 'exit_complaint', x.id, x.village_code, 'received', x.received_at, x.received_at::date + 15, x.received_at
    FROM exit_complaint x WHERE x.id = ANY(${made.rows.map((r) => Number(r.id))}::bigint[])`.execute(tx);
  await steps(tx, 'exit_complaint', ['received', 'answered'], ['open', 'answer']);
  await sql`INSERT INTO exit_objection (county_code, exit_household_id, source, content, received_on, complaint_id, recorded_by)
    SELECT county_code, exit_household_id, 'public_page', content, received_at::date, id, 'public-page' FROM exit_complaint
    WHERE exit_household_id IS NOT NULL AND id = ANY(${made.rows.map((r) => Number(r.id))}::bigint[])`.execute(tx);
  return made.rows.length;
}

async function demoVillages(tx: Tx, province: string, year: number, today: string) {
  // Three poor villages not yet exited, the lowest incidence first, outside the demo township: proposed, checked, in
  // notice; and the demo township's poor village beside 海丰村, left for the township to propose. The demo register's
  // incidence runs high (few villages are under 2 %), so each of these is given the rural population that puts it at
  // 1.5 %: a village in the procedure has met the threshold, as the proposal requires.
  const township = FOCUS.slice(0, 9);
  const candidates = sql`
    SELECT pv.county_code, pv.village_code, p.poor, pv.rural_population AS pop
    FROM poor_village pv
    CROSS JOIN LATERAL (SELECT coalesce(sum(h.member_count), 0)::int AS poor FROM household h
                        WHERE h.county_code = pv.county_code AND h.village_code = pv.village_code AND h.status IN ('poor', 'returned')) p
    WHERE pv.county_code LIKE ${`${province}%`} AND pv.exit_year IS NULL AND pv.rural_population > 0`;
  const picked = await sql<{ county_code: string; village_code: string; poor: number; pop: number; k: number }>`
    SELECT c.*, (row_number() OVER (ORDER BY c.poor::numeric / c.pop, c.village_code) - 1)::int AS k FROM (${candidates}) c
    WHERE c.village_code NOT LIKE ${`${township}%`} ORDER BY c.poor::numeric / c.pop, c.village_code LIMIT 3`.execute(tx);
  const ready = await sql<{ county_code: string; village_code: string; poor: number; pop: number }>`
    SELECT c.* FROM (${candidates}) c WHERE c.village_code LIKE ${`${township}%`} AND c.village_code <> ${FOCUS}
    ORDER BY c.poor::numeric / c.pop, c.village_code LIMIT 1`.execute(tx);
  for (const v of [...picked.rows, ...ready.rows]) {
    const pop = Math.max(Number(v.pop ?? 0), Math.ceil((Number(v.poor) * 100) / 1.5));
    await sql`UPDATE poor_village SET rural_population = ${pop}::int WHERE county_code = ${v.county_code} AND village_code = ${v.village_code}`.execute(
      tx,
    );
    v.pop = pop;
  }
  const states = ['proposed', 'checked', 'notice'];
  const ok =
    '{"collective_income":true,"roads":true,"drinking_water":true,"electricity":true,"housing":true,"clinic":true,"activity_venue":true}';
  for (const v of picked.rows) {
    const k = Number(v.k);
    const last = new Date(Date.parse(`${today}T00:00:00Z`) - (2 + k) * 86_400_000).toISOString().slice(0, 10);
    const e = await sql<{ id: number }>`
      INSERT INTO exit_village (county_code, village_code, year, poor_persons, rural_population, checklist, verified, notice_from, notice_until)
      VALUES (${v.county_code}, ${v.village_code}, ${year}::int, ${v.poor}::int, ${v.pop}::int, ${ok}::jsonb, ${k >= 1 ? ok : '{}'}::jsonb,
              ${k === 2 ? last : null}::date, ${k === 2 ? last : null}::date + 6) RETURNING id`.execute(tx);
    await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, version)
      VALUES (${v.county_code}, 'village_exit', ${Number(e.rows[0]?.id)}, ${v.village_code}, ${states[k]}, ${last}::date + interval '10 hours',
              ${last}::date + ${k === 2 ? 15 : 30}::int, (${last}::date - ${GAP * k}::int) + interval '10 hours', ${k + 1})`.execute(tx);
  }
  await steps(tx, 'village_exit', ['proposed', 'checked', 'notice', 'announced'], ['open', 'check', 'publish', 'announce']);
  return picked.rows.length;
}

async function demoCounty(tx: Tx, year: number, today: string) {
  const county = FOCUS.slice(0, 6);
  // The county's figures as the county exit takes them (persons still poor over the rural population of all villages).
  const [c] = await povertyCounties(tx, county);
  if (!c || c.county_code !== county) return 0;
  const r = await sql<{ id: number }>`
    INSERT INTO exit_county (county_code, year, poor_persons, rural_population)
    VALUES (${county}, ${year}::int, ${Number(c.poor_persons)}::int, ${Number(c.rural_population)}::int) RETURNING id`.execute(tx);
  const id = r.rows[0]?.id;
  if (id === undefined) return 0;
  await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state, state_since, due_date, opened_at, version)
    VALUES (${county}, 'county_exit', ${Number(id)}, ${county}, 'prechecked', ${today}::date - 3 + interval '10 hours', ${today}::date + 27,
            ${today}::date - 11 + interval '10 hours', 2)`.execute(tx);
  await steps(
    tx,
    'county_exit',
    ['proposed', 'prechecked', 'verified', 'notice', 'announced'],
    ['open', 'precheck', 'verify', 'publish', 'announce'],
  );
  await markCountyRows(tx, [county]);
  return 1;
}

export function describeExitDemo(d: NonNullable<Awaited<ReturnType<typeof loadDemoExit>>>) {
  return `demo exit: ${d.batches} village batches, ${d.households} households in every state, ${d.complaints} public complaints, ${d.villages} villages and ${d.counties} county in procedure`;
}
