import type { Tx } from '../../../db/types.ts';

/** Reserve cadres (后备干部) of a region's villages and their training. */

export function locateReserve(tx: Tx, id: string) {
  if (!/^\d{1,15}$/.test(id)) return Promise.resolve(null);
  return tx
    .selectFrom('party_reserve_cadre')
    .select('village_code')
    .where('id', '=', Number(id))
    .executeTakeFirst()
    .then((r) => r?.village_code ?? null);
}

export function listReserves(tx: Tx, region: string, limit: number) {
  return tx
    .selectFrom('party_reserve_cadre as rc')
    .innerJoin('person as pe', (j) => j.onRef('pe.county_code', '=', 'rc.county_code').onRef('pe.id', '=', 'rc.person_id'))
    .innerJoin('region as r', 'r.code', 'rc.village_code')
    .select((eb) => [
      'rc.id',
      'rc.county_code',
      'rc.village_code',
      'r.name as village_name',
      'pe.name',
      'pe.id_masked',
      'pe.gender',
      'rc.since',
      'rc.source',
      'rc.education',
      'rc.left_on',
      'rc.left_reason',
      'rc.left_note',
      eb
        .selectFrom('party_reserve_training as t')
        .select((e) => e.fn.coalesce(e.fn.sum<string>('t.hours'), e.val('0')).as('h'))
        .whereRef('t.county_code', '=', 'rc.county_code')
        .whereRef('t.reserve_id', '=', 'rc.id')
        .as('hours'),
    ])
    .where('rc.village_code', 'like', `${region}%`)
    .orderBy('rc.left_on', (o) => o.nullsFirst())
    .orderBy('rc.village_code')
    .orderBy('rc.id')
    .limit(limit)
    .execute();
}

export function insertReserve(
  tx: Tx,
  v: { county_code: string; village_code: string; person_id: number; since: string; source: string | null; education: string | null },
) {
  return tx
    .insertInto('party_reserve_cadre')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
    .then((r) => (r ? Number(r.id) : null));
}

export function reserveById(tx: Tx, id: number) {
  return tx.selectFrom('party_reserve_cadre').selectAll().where('id', '=', id).executeTakeFirst();
}

export function trainings(tx: Tx, county: string, reserveId: number) {
  return tx
    .selectFrom('party_reserve_training')
    .select(['id', 'trained_on', 'course', 'hours', 'organiser'])
    .where('county_code', '=', county)
    .where('reserve_id', '=', reserveId)
    .orderBy('trained_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function insertTraining(
  tx: Tx,
  v: { county_code: string; reserve_id: number; trained_on: string; course: string; hours: number; organiser: string | null },
) {
  return tx
    .insertInto('party_reserve_training')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.id));
}

/** The reserve cadre locked for leaving: two concurrent leavings queue here and the second sees the first. */
export function lockReserve(tx: Tx, county: string, id: number) {
  return tx
    .selectFrom('party_reserve_cadre')
    .select(['since', 'left_on'])
    .where('county_code', '=', county)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Leaving the reserve is dated with its reason; the row stays (never deleted). */
export function endReserve(tx: Tx, county: string, id: number, v: { left_on: string; left_reason: string; left_note: string | null }) {
  return tx
    .updateTable('party_reserve_cadre')
    .set(v)
    .where('county_code', '=', county)
    .where('id', '=', id)
    .where('left_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
}
