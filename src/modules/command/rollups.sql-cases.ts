import { sql } from 'kysely';
import { defineCases, type Quiet } from '../../db/sql-record/define.ts';
import type { Db } from '../../db/types.ts';
import * as q from './rollups.ts';

/** Marks a village as changed, as the register's triggers do. */
const markDirty = (db: Db, village: string, quiet: Quiet) =>
  quiet(() =>
    sql`INSERT INTO rollup_dirty (county_code, village_code) VALUES (${village.slice(0, 6)}, ${village}) ON CONFLICT DO NOTHING`.execute(
      db,
    ),
  );

export default defineCases(q, {
  allMeasures: { noSql: 'builds the measures query that refreshIn, ensureMonth and measuresForMonths send' },
  monthEnd: { noSql: 'date arithmetic' },
  countyRow: { noSql: 'a code' },
  marksRegion: { noSql: 'a code: whose marks a region waits for' },
  markCountyRows: (db, w) => q.markCountyRows(db, [w.county]),
  hasDirty: (db) => q.hasDirty(db),
  foldDated: async (db, w, quiet) => {
    await quiet(() =>
      sql`INSERT INTO rollup_dated (county_code, village_code, month, source, dated) VALUES (${w.county}, ${w.village}, DATE '2017-06-01', 'household_status_history', DATE '2017-06-15')`.execute(
        db,
      ),
    );
    await db.transaction().execute((tx) => q.foldDated(tx));
  },
  refresh: async (db, w, quiet) => {
    await markDirty(db, w.village, quiet);
    await q.refresh(db);
  },
  refreshIn: async (db, w, quiet) => {
    await markDirty(db, w.otherVillage, quiet);
    await db.transaction().execute((tx) => q.refreshIn(tx));
  },
  bumpVersion: (db) => q.bumpVersion(db),
  state: [
    { name: 'the province: every mark', run: (db) => q.state(db) },
    { name: "a city: its counties' marks, named", run: (db, w) => q.state(db, w.county.slice(0, 4)) },
    { name: "a village: its county's marks", run: (db, w) => q.state(db, w.village) },
  ],
  countiesOfCity: (db, w) => q.countiesOfCity(db, w.county.slice(0, 4)),
  currentMeasures: (db, w) => q.currentMeasures(db, [w.county, w.township, w.village]),
  ensureMonth: (db) => q.ensureMonth(db, '2017-06'),
  measuresForMonths: [
    {
      name: 'closed months computed when missing',
      run: (db, w) => q.measuresForMonths(db, [w.county, w.village], ['2017-05', '2017-06', '2017-12'], '2017-12'),
    },
    {
      name: 'missing months left pending',
      run: (db, w) => q.measuresForMonths(db, [w.county, w.village], ['2017-03', '2017-12'], '2017-12', 'pending'),
    },
  ],
  latestMonth: { noSql: 'the current month (decision: the present is the latest month)' },
  firstMonth: (db) => q.firstMonth(db),
});
