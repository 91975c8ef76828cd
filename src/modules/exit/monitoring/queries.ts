import { sql } from 'kysely';
import { inRegion } from '../../../db/region-scope.ts';
import type { Tx } from '../../../db/types.ts';
import { MONITORING } from './procedures.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A monitoring case belongs to its household's village. */
export function locateMonitoringCase(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM monitoring_case WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface HouseholdFacts {
  county_code: string;
  id: number;
  village_code: string;
  household_no: string;
  status: string;
  head_name: string | null;
  income: string | null;
  income_year: number | null;
}

/** A household as monitoring judges it: status, head and its latest per-capita income. */
export function householdFacts(tx: Tx, county: string, householdId: number) {
  return sql<HouseholdFacts>`
    SELECT h.county_code, h.id, h.village_code, h.household_no, h.status, p.name AS head_name,
           i.per_capita AS income, i.year AS income_year
    FROM household h
    LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
    LEFT JOIN LATERAL (SELECT per_capita, year FROM household_income x
                       WHERE x.county_code = h.county_code AND x.household_id = h.id ORDER BY year DESC LIMIT 1) i ON true
    WHERE h.county_code = ${county} AND h.id = ${householdId}`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

/** The household's case that is not closed (proposed … monitored), if any. */
export function liveCaseOf(tx: Tx, county: string, householdId: number) {
  return sql<{ id: number }>`
    SELECT m.id FROM monitoring_case m
    JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = ${MONITORING.id} AND c.subject_id = m.id
    WHERE m.county_code = ${county} AND m.household_id = ${householdId} AND c.closed_at IS NULL
    LIMIT 1`
    .execute(tx)
    .then((r) => r.rows[0] ?? null);
}

export interface NewMonitoring {
  county_code: string;
  household_id: number;
  village_code: string;
  kind: string;
  source: string;
  source_ref: number | null;
  risk: string;
  income: number | null;
  monitoring_only: boolean;
  created_by: number | null;
}

export function insertMonitoringCase(tx: Tx, row: NewMonitoring) {
  return sql<{ id: number }>`
    INSERT INTO monitoring_case (county_code, household_id, village_code, kind, source, source_ref, risk, income, monitoring_only, created_by)
    VALUES (${row.county_code}, ${row.household_id}, ${row.village_code}, ${row.kind}, ${row.source}, ${row.source_ref}, ${row.risk},
            ${row.income}, ${row.monitoring_only}, ${row.created_by})
    RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

/** Many proposals at once (the system's scan): returns each case's id with its household. */
export function insertMonitoringCases(tx: Tx, rows: readonly NewMonitoring[]) {
  if (!rows.length) return Promise.resolve([] as { county_code: string; id: number; household_id: number; village_code: string }[]);
  return sql<{ county_code: string; id: number; household_id: number; village_code: string }>`
    INSERT INTO monitoring_case (county_code, household_id, village_code, kind, source, source_ref, risk, income, monitoring_only, created_by)
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      county_code text, household_id bigint, village_code text, kind text, source text, source_ref bigint, risk text,
      income numeric, monitoring_only boolean, created_by bigint)
    RETURNING county_code, id, household_id, village_code`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id), household_id: Number(x.household_id) })));
}

export interface MonitoringRow {
  county_code: string;
  id: number;
  household_id: number;
  household_no: string;
  household_status: string;
  head_name: string | null;
  village_code: string;
  village_name: string;
  township_name: string;
  kind: string;
  source: string;
  risk: string;
  income: string | null;
  monitoring_only: boolean;
  confirmed_on: string | null;
  decision_due: string | null;
  consent_signed_on: string | null;
  included_on: string | null;
  checklist: Record<string, boolean> | null;
  ended_on: string | null;
  opened_on: string;
  case_id: number;
  state: string;
  version: number;
  step_due: string | null;
}

const columns = sql`
  m.county_code, m.id, m.household_id, h.household_no, h.status AS household_status, p.name AS head_name, m.village_code,
  v.name AS village_name, t.name AS township_name, m.kind, m.source, m.risk, m.income, m.monitoring_only,
  to_char(m.confirmed_on, 'YYYY-MM-DD') AS confirmed_on, to_char(m.decision_due, 'YYYY-MM-DD') AS decision_due,
  to_char(m.consent_signed_on, 'YYYY-MM-DD') AS consent_signed_on, to_char(m.included_on, 'YYYY-MM-DD') AS included_on,
  m.checklist, to_char(m.ended_on, 'YYYY-MM-DD') AS ended_on, to_char(c.opened_at, 'YYYY-MM-DD') AS opened_on,
  c.id AS case_id, c.state, c.version, to_char(c.due_date, 'YYYY-MM-DD') AS step_due`;
const from = sql`
  FROM monitoring_case m
  JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
  LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
  JOIN region v ON v.code = m.village_code
  JOIN region t ON t.code = left(m.village_code, 9)
  JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = ${MONITORING.id} AND c.subject_id = m.id`;

export interface MonitoringFilter {
  region: string;
  state?: string;
  kind?: string;
  /** Open cases past a step's deadline or the decision limit. */
  overdue?: { today: string };
}

const filtered = (f: MonitoringFilter) => sql`
  ${inRegion('m', f.region)}
  ${f.state ? sql`AND c.state = ${f.state}` : sql``}
  ${f.kind ? sql`AND m.kind = ${f.kind}` : sql``}
  ${f.overdue ? sql`AND c.closed_at IS NULL AND c.state <> 'monitored' AND (c.due_date < ${f.overdue.today}::date OR m.decision_due < ${f.overdue.today}::date)` : sql``}`;

/** The cases of a region, keyset on (county, id). */
export function listMonitoring(tx: Tx, f: MonitoringFilter, after: { county: string; id: number } | null, limit: number) {
  return sql<MonitoringRow>`
    SELECT ${columns} ${from}
    WHERE ${filtered(f)} ${after ? sql`AND (m.county_code, m.id) > (${after.county}, ${after.id})` : sql``}
    ORDER BY m.county_code, m.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export function monitoringById(tx: Tx, id: number) {
  return sql<MonitoringRow>`SELECT ${columns} ${from} WHERE m.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** Locks a case's facts while a step is judged. */
export function lockMonitoring(tx: Tx, county: string, id: number) {
  return sql`SELECT id FROM monitoring_case WHERE county_code = ${county} AND id = ${id} FOR UPDATE`.execute(tx);
}

export interface MonitoringFacts {
  confirmed_on?: string;
  decision_due?: string;
  consent_signed_on?: string;
  included_on?: string;
  checklist?: Record<string, boolean>;
  ended_on?: string;
}

/** Records the dated facts a step brings (only those given). */
export function setFacts(tx: Tx, county: string, id: number, f: MonitoringFacts) {
  return sql`
    UPDATE monitoring_case SET
      confirmed_on = coalesce(${f.confirmed_on ?? null}::date, confirmed_on),
      decision_due = coalesce(${f.decision_due ?? null}::date, decision_due),
      consent_signed_on = coalesce(${f.consent_signed_on ?? null}::date, consent_signed_on),
      included_on = coalesce(${f.included_on ?? null}::date, included_on),
      checklist = coalesce(${f.checklist ? JSON.stringify(f.checklist) : null}::jsonb, checklist),
      ended_on = coalesce(${f.ended_on ?? null}::date, ended_on)
    WHERE county_code = ${county} AND id = ${id}`.execute(tx);
}

export function insertMeasure(
  tx: Tx,
  county: string,
  caseId: number,
  m: { type: string; started_on: string; amount: number; note: string | null },
) {
  return sql<{ id: number }>`
    INSERT INTO monitoring_measure (county_code, case_id, type, started_on, amount, note)
    VALUES (${county}, ${caseId}, ${m.type}, ${m.started_on}::date, ${m.amount}, ${m.note}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function measuresOf(tx: Tx, county: string, caseId: number) {
  return sql<{ id: number; type: string; started_on: string; amount: string; note: string | null }>`
    SELECT id, type, to_char(started_on, 'YYYY-MM-DD') AS started_on, amount, note FROM monitoring_measure
    WHERE county_code = ${county} AND case_id = ${caseId} ORDER BY started_on, id`
    .execute(tx)
    .then((r) => r.rows);
}

/**
 * Exited households of a region whose latest per-capita income is under `line` and that have no live case: what the
 * system proposes for a person to confirm.
 */
export function systemCandidates(tx: Tx, region: string, line: number, limit: number) {
  return sql<{ county_code: string; id: number; village_code: string; income: string; year: number }>`
    SELECT h.county_code, h.id, h.village_code, i.per_capita AS income, i.year
    FROM household h
    JOIN LATERAL (SELECT per_capita, year FROM household_income x
                  WHERE x.county_code = h.county_code AND x.household_id = h.id ORDER BY year DESC LIMIT 1) i ON true
    WHERE ${inRegion('h', region)}
      AND h.status = 'exited' AND i.per_capita < ${line}
      AND NOT EXISTS (SELECT 1 FROM monitoring_case m
                      JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = ${MONITORING.id} AND c.subject_id = m.id
                      WHERE m.county_code = h.county_code AND m.household_id = h.id AND c.closed_at IS NULL)
    ORDER BY h.county_code, h.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows.map((x) => ({ ...x, id: Number(x.id) })));
}

/** A village's cases in their notice now, with the day the notice began (the public village board). */
export function noticesOfVillage(tx: Tx, villageCode: string) {
  return sql<{ head_name: string | null; notice_from: string }>`
    SELECT p.name AS head_name, to_char(s.effective_date, 'YYYY-MM-DD') AS notice_from
    FROM monitoring_case m
    JOIN procedure_case c ON c.county_code = m.county_code AND c.procedure = ${MONITORING.id} AND c.subject_id = m.id
    JOIN household h ON h.county_code = m.county_code AND h.id = m.household_id
    LEFT JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
    JOIN LATERAL (SELECT effective_date FROM procedure_step st WHERE st.county_code = c.county_code AND st.case_id = c.id
                  AND st.to_state = 'notice' ORDER BY st.seq DESC LIMIT 1) s ON true
    WHERE m.county_code = ${villageCode.slice(0, 6)} AND m.village_code = ${villageCode} AND c.state = 'notice'
    ORDER BY s.effective_date, m.id`
    .execute(tx)
    .then((r) => r.rows);
}
