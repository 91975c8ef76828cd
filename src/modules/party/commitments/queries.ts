import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/** Members' yearly public commitments (承诺), their fulfilment (践诺) and the organisation's review. */

export function locateCommitment(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return tx
    .selectFrom('party_commitment')
    .select('region_code')
    .where('id', '=', Number(id))
    .executeTakeFirst()
    .then((r) => r?.region_code ?? null);
}

/** The member (current or not) with their organisation's region, for a commitment's scope. */
export function memberOf(tx: Tx, memberId: number) {
  return tx
    .selectFrom('party_member as m')
    .innerJoin('party_org as o', (j) => j.onRef('o.county_code', '=', 'm.county_code').onRef('o.id', '=', 'm.org_id'))
    .select(['m.county_code', 'm.id', 'o.region_code', 'm.left_on'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
}

const COLUMNS = [
  'c.id',
  'c.county_code',
  'c.member_id',
  'c.region_code',
  'r.name as region_name',
  'pe.name',
  'c.year',
  'c.content',
  'c.status',
  'c.evidence',
  'c.attachment_ref',
  'c.review',
  'c.reviewed_on',
  'c.review_note',
  'c.version',
] as const;

export function listCommitments(tx: Tx, f: { region: string; year: number; status?: string }, limit: number) {
  let q = tx
    .selectFrom('party_commitment as c')
    .innerJoin('party_member as m', (j) => j.onRef('m.county_code', '=', 'c.county_code').onRef('m.id', '=', 'c.member_id'))
    .innerJoin('person as pe', (j) => j.onRef('pe.county_code', '=', 'm.county_code').onRef('pe.id', '=', 'm.person_id'))
    .innerJoin('region as r', 'r.code', 'c.region_code')
    .select(COLUMNS)
    .where('c.region_code', 'like', `${f.region}%`)
    .where('c.year', '=', f.year);
  if (f.status) q = q.where('c.status', '=', f.status);
  return q.orderBy('c.region_code').orderBy('c.id').limit(limit).execute();
}
export type CommitmentRow = Awaited<ReturnType<typeof listCommitments>>[number];

export function commitmentById(tx: Tx, id: number) {
  return tx
    .selectFrom('party_commitment as c')
    .innerJoin('party_member as m', (j) => j.onRef('m.county_code', '=', 'c.county_code').onRef('m.id', '=', 'c.member_id'))
    .innerJoin('person as pe', (j) => j.onRef('pe.county_code', '=', 'm.county_code').onRef('pe.id', '=', 'm.person_id'))
    .innerJoin('region as r', 'r.code', 'c.region_code')
    .select(COLUMNS)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function insertCommitment(
  tx: Tx,
  v: { county_code: string; member_id: number; region_code: string; year: number; content: string },
) {
  return tx
    .insertInto('party_commitment')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.id));
}

/** Fulfilment or review, from the version read; undefined when it changed meanwhile. */
export function updateCommitment(
  tx: Tx,
  county: string,
  id: number,
  version: number,
  v: Partial<{
    status: string;
    evidence: string | null;
    attachment_ref: string | null;
    review: string | null;
    reviewed_on: string | null;
    review_note: string | null;
  }>,
) {
  return tx
    .updateTable('party_commitment')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('county_code', '=', county)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

/** Commitments are keyed by region, not village: their village is marked for the command centre by hand. */
export function markVillageDirty(tx: Tx, village: string) {
  return tx
    .insertInto('rollup_dirty')
    .values({ county_code: village.slice(0, 6), village_code: village })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
