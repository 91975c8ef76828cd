import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/** Village cadres' monthly pay (村干部报酬): the records, late ones first. */

export function locatePay(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return tx
    .selectFrom('party_cadre_pay')
    .select('village_code')
    .where('id', '=', Number(id))
    .executeTakeFirst()
    .then((r) => r?.village_code ?? null);
}

/**
 * A region's pay records of a year. `late`: unpaid past the due date (as of `today`) or paid after it. Late first,
 * then by month and village.
 */
export function listPay(tx: Tx, f: { region: string; year: number; late?: boolean; today: string }, limit: number) {
  const late = sql<boolean>`(cp.paid_on IS NULL AND cp.due_on < ${f.today}::date) OR cp.paid_on > cp.due_on`;
  let q = tx
    .selectFrom('party_cadre_pay as cp')
    .innerJoin('person as pe', (j) => j.onRef('pe.county_code', '=', 'cp.county_code').onRef('pe.id', '=', 'cp.person_id'))
    .innerJoin('region as r', 'r.code', 'cp.village_code')
    .select([
      'cp.id',
      'cp.county_code',
      'cp.village_code',
      'r.name as village_name',
      'pe.name',
      'pe.id_masked',
      'cp.post',
      'cp.month',
      'cp.amount_due_fen',
      'cp.due_on',
      'cp.paid_on',
      'cp.version',
      late.as('late'),
    ])
    .where('cp.village_code', 'like', `${f.region}%`)
    .where('cp.month', '>=', `${f.year}-01-01`)
    .where('cp.month', '<=', `${f.year}-12-01`);
  if (f.late) q = q.where(late);
  return q.orderBy(sql`${late} DESC`).orderBy('cp.month', 'desc').orderBy('cp.village_code').orderBy('cp.id').limit(limit).execute();
}
export type PayRow = Awaited<ReturnType<typeof listPay>>[number];

export function insertPay(
  tx: Tx,
  v: {
    county_code: string;
    village_code: string;
    person_id: number;
    post: string;
    month: string;
    amount_due_fen: number;
    due_on: string;
    paid_on: string | null;
  },
) {
  return tx
    .insertInto('party_cadre_pay')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((r) => (r ? Number(r.id) : null));
}

export function payById(tx: Tx, id: number) {
  return tx.selectFrom('party_cadre_pay').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the pay's date (or clears it) from the version read; undefined when it changed meanwhile. */
export function setPaid(tx: Tx, county: string, id: number, version: number, paidOn: string | null) {
  return tx
    .updateTable('party_cadre_pay')
    .set({ paid_on: paidOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('county_code', '=', county)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}
