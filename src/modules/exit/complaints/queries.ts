import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A complaint belongs to its village. */
export function locateComplaint(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM exit_complaint WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

export interface NewComplaint {
  county_code: string;
  reference: string;
  village_code: string;
  kind: 'objection' | 'complaint';
  exit_household_id: number | null;
  content: string;
  contact: string | null;
  client_digest: string;
}

export function insertComplaint(tx: Tx, row: NewComplaint) {
  return tx.insertInto('exit_complaint').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** A household of the village in public notice now, by its notice entry (the exit row): the objection's target. */
export function noticeEntry(tx: Tx, county: string, village: string, id: number) {
  return sql<{ id: number }>`
    SELECT e.id FROM exit_household e
    JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
    WHERE e.county_code = ${county} AND e.village_code = ${village} AND e.id = ${id} AND c.state = 'notice'`
    .execute(tx)
    .then((r) => r.rows[0]);
}

export interface ComplaintRow {
  id: number;
  county_code: string;
  reference: string;
  village_code: string;
  village_name: string;
  township_name: string | null;
  kind: string;
  exit_household_id: number | null;
  household_no: string | null;
  content: string;
  contact: string | null;
  received_at: Date | string;
  answer: string | null;
  answered_on: string | null;
  case_id: number;
  state: string;
  version: number;
  due_date: string | null;
}

const SELECT = sql`
  SELECT x.id, x.county_code, x.reference, x.village_code, v.name AS village_name, t.name AS township_name, x.kind,
         x.exit_household_id, h.household_no, x.content, x.contact, x.received_at, x.answer,
         to_char(x.answered_on, 'YYYY-MM-DD') AS answered_on, c.id AS case_id, c.state, c.version,
         to_char(c.due_date, 'YYYY-MM-DD') AS due_date
  FROM exit_complaint x
  JOIN region v ON v.code = x.village_code
  LEFT JOIN region t ON t.code = left(x.village_code, 9)
  JOIN procedure_case c ON c.county_code = x.county_code AND c.procedure = 'exit_complaint' AND c.subject_id = x.id
  LEFT JOIN exit_household e ON e.county_code = x.county_code AND e.id = x.exit_household_id
  LEFT JOIN household h ON h.county_code = e.county_code AND h.id = e.household_id`;

/** The complaints of a region, open ones first, newest first. */
export function complaints(tx: Tx, region: string, open: boolean) {
  return sql<ComplaintRow>`${SELECT}
    WHERE x.village_code LIKE ${`${region}%`} ${open ? sql`AND c.closed_at IS NULL` : sql``}
    ORDER BY c.closed_at IS NULL DESC, x.received_at DESC LIMIT 500`
    .execute(tx)
    .then((r) => r.rows);
}

export function complaintById(tx: Tx, id: number) {
  return sql<ComplaintRow>`${SELECT} WHERE x.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** A complaint by its reference (the county is the reference's first six digits). */
export function complaintByReference(tx: Tx, county: string, reference: string) {
  return sql<ComplaintRow>`${SELECT} WHERE x.county_code = ${county} AND x.reference = ${reference}`.execute(tx).then((r) => r.rows[0]);
}

export function setAnswer(tx: Tx, county: string, id: number, answer: string, day: string) {
  return tx
    .updateTable('exit_complaint')
    .set({ answer, answered_on: day })
    .where('county_code', '=', county)
    .where('id', '=', id)
    .execute();
}
