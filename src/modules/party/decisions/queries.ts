import { sql } from 'kysely';
import { executePrepared } from '../../../db/prepared.ts';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);
const rows = <T>(r: { rows: T[] }) => r.rows;

/** A decision belongs to its village. */
export function locateDecision(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM party_decision WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface VillageOrgRow {
  county_code: string;
  id: number;
  name: string;
  one_shoulder: boolean | null;
}

/** The village's current party organisation and whether its current secretary is 一肩挑. */
export function villageOrg(tx: Tx, village: string) {
  return sql<VillageOrgRow>`
    SELECT o.county_code, o.id, o.name,
           (SELECT t.one_shoulder FROM party_secretary_term t
            WHERE t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL LIMIT 1) AS one_shoulder
    FROM party_org o
    WHERE o.county_code = ${village.slice(0, 6)} AND o.region_code = ${village} AND o.dissolved_on IS NULL`
    .execute(tx)
    .then((r) => r.rows[0]);
}

/** The organisation's members on a day: joined by then and not left before it. */
export function memberCount(tx: Tx, county: string, orgId: number, day: string) {
  return sql<{ n: number }>`
    SELECT count(*)::int AS n FROM party_member
    WHERE county_code = ${county} AND org_id = ${orgId} AND joined_on <= ${day}::date AND (left_on IS NULL OR left_on > ${day}::date)`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.n ?? 0));
}

/** A region row: its name and level (5: village). */
export function regionOf(tx: Tx, code: string) {
  return sql<{ code: string; name: string; level: number; township_name: string | null; county_name: string | null }>`
    SELECT r.code, r.name, r.level, t.name AS township_name, c.name AS county_name
    FROM region r LEFT JOIN region t ON t.code = left(r.code, 9) LEFT JOIN region c ON c.code = left(r.code, 6)
    WHERE r.code = ${code}`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface NewDecision {
  county_code: string;
  village_code: string;
  org_id: number;
  title: string;
  content: string;
  category: string;
  amount: string | null;
  source: string;
  proposed_on: string;
}

export function insertDecision(tx: Tx, d: NewDecision) {
  return sql<{ id: number }>`
    INSERT INTO party_decision (county_code, village_code, org_id, title, content, category, amount, source, proposed_on)
    VALUES (${d.county_code}, ${d.village_code}, ${d.org_id}, ${d.title}, ${d.content}, ${d.category}, ${d.amount}, ${d.source}, ${d.proposed_on})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export interface DecisionRow {
  county_code: string;
  id: number;
  village_code: string;
  village_name: string;
  org_id: number;
  title: string;
  content: string;
  category: string;
  amount: string | null;
  source: string;
  proposed_on: string;
  case_id: number;
  state: string;
  due_date: string | null;
  closed: boolean;
  version: number;
}

const decisionColumns = sql`
  d.county_code, d.id, d.village_code, v.name AS village_name, d.org_id, d.title, d.content, d.category, d.amount::text AS amount,
  d.source, to_char(d.proposed_on, 'YYYY-MM-DD') AS proposed_on, c.id AS case_id, c.state,
  to_char(c.due_date, 'YYYY-MM-DD') AS due_date, c.closed_at IS NOT NULL AS closed, c.version`;
const decisionFrom = sql`
  party_decision d
  JOIN region v ON v.code = d.village_code
  JOIN procedure_case c ON c.county_code = d.county_code AND c.procedure = 'party_decision' AND c.subject_id = d.id`;

export function decisionById(tx: Tx, id: number) {
  return sql<DecisionRow>`SELECT ${decisionColumns} FROM ${decisionFrom} WHERE d.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** Locks the decision: two steps on one decision are judged one after the other. */
export function lockDecision(tx: Tx, county: string, id: number) {
  return sql<{ id: number }>`SELECT id FROM party_decision WHERE county_code = ${county} AND id = ${id} FOR UPDATE`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface ListFilter {
  region: string;
  state?: string;
  village?: string;
  year?: number;
}

/** Decisions inside a region (a code prefix), newest first, keyset on id. */
export function listDecisions(tx: Tx, f: ListFilter, afterId: number | null, limit: number) {
  const prefix = f.village ?? f.region;
  const county = prefix.length >= 6 ? prefix.slice(0, 6) : null;
  return sql<DecisionRow>`
    SELECT ${decisionColumns} FROM ${decisionFrom}
    WHERE d.village_code LIKE ${`${prefix}%`} ${county ? sql`AND d.county_code = ${county}` : sql``}
      ${f.state ? sql`AND c.state = ${f.state}` : sql``}
      ${f.year ? sql`AND d.proposed_on >= make_date(${f.year}::int, 1, 1) AND d.proposed_on < make_date(${f.year}::int + 1, 1, 1)` : sql``}
      ${afterId ? sql`AND d.id < ${afterId}` : sql``}
    ORDER BY d.id DESC
    LIMIT ${limit}`
    .execute(tx)
    .then(rows);
}

export interface StepRow {
  decision_id: number;
  step: string;
  held_on: string;
  present: number | null;
  total: number | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  township_attendee: string | null;
  joint: boolean;
  outcome: string;
  summary: string | null;
  place: string | null;
}

const stepColumns = sql`
  s.decision_id, s.step, to_char(s.held_on, 'YYYY-MM-DD') AS held_on, s.present, s.total, s.votes_for, s.votes_against, s.votes_abstain,
  s.township_attendee, s.joint, s.outcome, s.summary, s.place`;

export function decisionSteps(tx: Tx, county: string, id: number) {
  return sql<StepRow>`
    SELECT ${stepColumns} FROM party_decision_step s WHERE s.county_code = ${county} AND s.decision_id = ${id}
    ORDER BY s.held_on, s.created_at`
    .execute(tx)
    .then(rows);
}

export type NewStep = Omit<StepRow, 'decision_id'> & { county_code: string; decision_id: number; village_code: string };

export function insertStep(tx: Tx, s: NewStep) {
  return sql`
    INSERT INTO party_decision_step (county_code, decision_id, step, village_code, held_on, present, total, votes_for, votes_against,
      votes_abstain, township_attendee, joint, outcome, summary, place)
    VALUES (${s.county_code}, ${s.decision_id}, ${s.step}, ${s.village_code}, ${s.held_on}, ${s.present}, ${s.total}, ${s.votes_for},
      ${s.votes_against}, ${s.votes_abstain}, ${s.township_attendee}, ${s.joint}, ${s.outcome}, ${s.summary}, ${s.place})`.execute(tx);
}

/** The village's decisions the public may see: disclosed (and their results once disclosed), newest first. */
export function disclosedDecisions(tx: Tx, village: string, limit: number) {
  return sql<DecisionRow>`
    SELECT ${decisionColumns} FROM ${decisionFrom}
    WHERE d.county_code = ${village.slice(0, 6)} AND d.village_code = ${village}
      AND c.state IN ('decision_disclosed', 'result_disclosed')
    ORDER BY d.id DESC LIMIT ${limit}`
    .execute(tx)
    .then(rows);
}

/** The steps of many decisions of one county (the public page, the village section). */
export function stepsOf(tx: Tx, county: string, ids: readonly number[]) {
  return sql<StepRow>`
    SELECT ${stepColumns} FROM party_decision_step s
    WHERE s.county_code = ${county} AND s.decision_id = ANY(${ids.map(Number)}::bigint[])
    ORDER BY s.decision_id, s.held_on, s.created_at`
    .execute(tx)
    .then(rows);
}

/**
 * A village's most recent decisions, each row carrying the village's count of decisions by state (the village page's
 * section: one statement; no row when the village has none). The newest decisions are picked first by the village's
 * index, then joined to their cases.
 */
export function villageDecisions(tx: Tx, village: string, limit: number) {
  const county = village.slice(0, 6);
  return executePrepared(
    tx,
    sql<DecisionRow & { by_state: { state: string; n: number }[] }>`
    SELECT ${decisionColumns},
      (SELECT json_agg(s ORDER BY s.state) FROM (
         SELECT c2.state, count(*)::int AS n FROM party_decision d2
         JOIN procedure_case c2 ON c2.county_code = d2.county_code AND c2.procedure = 'party_decision' AND c2.subject_id = d2.id
         WHERE d2.county_code = ${county} AND d2.village_code = ${village} GROUP BY c2.state) s) AS by_state
    FROM (SELECT * FROM party_decision WHERE county_code = ${county} AND village_code = ${village} ORDER BY id DESC LIMIT ${limit}) d
    JOIN region v ON v.code = d.village_code
    JOIN procedure_case c ON c.county_code = d.county_code AND c.procedure = 'party_decision' AND c.subject_id = d.id
    ORDER BY d.id DESC`,
  ).then(rows);
}
