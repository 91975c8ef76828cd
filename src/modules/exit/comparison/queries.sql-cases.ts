import { sql } from 'kysely';
import { defineCases, type World } from '../../../db/sql-record/define.ts';
import type { Db } from '../../../db/types.ts';
import * as q from './queries.ts';

const batch = (w: World): q.NewBatch => ({
  scope_code: w.county,
  department: 'vehicle',
  label: null,
  filename: 'list.csv',
  actor_id: null,
  actor_name: 'sql',
});

let made: { batch: number; hit: number } | null = null;
/** A list with one row naming the recorded person, matched once, quietly. */
async function fixture(db: Db, w: World) {
  if (made) return made;
  const id = await q.insertBatch(db, batch(w));
  const hash = await sql<{ id_hash: string }>`SELECT id_hash FROM person WHERE county_code = ${w.county} AND id = ${w.personId}`.execute(
    db,
  );
  await sql`INSERT INTO comparison_row (batch_id, row_number, id_hash, id_masked, record)
            VALUES (${id}, 2, ${hash.rows[0]?.id_hash}, '2113**************', '{"号牌号码":"辽N12345"}')`.execute(db);
  await q.matchBatch(db, id, w.county, 'vehicle');
  const hit = await sql<{ id: number }>`SELECT id FROM comparison_hit WHERE batch_id = ${id}`.execute(db);
  made = { batch: id, hit: Number(hit.rows[0]?.id ?? 0) };
  return made;
}

export default defineCases(q, {
  locateHit: async (db, w, quiet) => q.locateHit(db, String((await quiet(() => fixture(db, w))).hit)),
  locateBatch: async (db, w, quiet) => q.locateBatch(db, String((await quiet(() => fixture(db, w))).batch)),
  insertBatch: (db, w) => q.insertBatch(db, batch(w)),
  setBatchRead: async (db, w, quiet) =>
    q.setBatchRead(db, (await quiet(() => fixture(db, w))).batch, { total: 1, problems: 0, header: ['证件号码'] }),
  batchById: async (db, w, quiet) => q.batchById(db, (await quiet(() => fixture(db, w))).batch),
  listBatches: (db, w) => q.listBatches(db, w.county, 50),
  problemRows: async (db, w, quiet) => q.problemRows(db, (await quiet(() => fixture(db, w))).batch, 50),
  matchMemory: (db) => db.transaction().execute((tx) => q.matchMemory(tx)),
  matchBatch: async (db, w, quiet) => q.matchBatch(db, (await quiet(() => fixture(db, w))).batch, w.city, 'vehicle'),
  analyzeRows: (db) => q.analyzeRows(db),
  setBatchMatched: async (db, w, quiet) => q.setBatchMatched(db, (await quiet(() => fixture(db, w))).batch, 1),
  dropRows: async (db, w, quiet) => q.dropRows(db, (await quiet(() => fixture(db, w))).batch),
  setBatchDiscarded: (db) => q.setBatchDiscarded(db, 0),
  listHits: [
    { name: 'a county, first page', run: (db, w) => q.listHits(db, { region: w.county }, null, 51) },
    {
      name: 'a city, a state, a department and a list, after a cursor',
      run: (db, w) => q.listHits(db, { region: w.city, state: 'open', department: 'death', batchId: 1 }, { county: w.county, id: 1 }, 51),
    },
  ],
  hitById: async (db, w, quiet) => q.hitById(db, (await quiet(() => fixture(db, w))).hit),
  decideHit: async (db, w, quiet) =>
    q.decideHit(db, w.county, (await quiet(() => fixture(db, w))).hit, {
      state: 'dismissed',
      action: null,
      reason: '核实无误',
      monitoring_case_id: null,
      by: null,
      name: 'sql',
    }),
  membersOf: (db, w) => q.membersOf(db, w.county, w.householdId),
});
