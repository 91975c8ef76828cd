/**
 * What out-of-scope conflicts cost an import preview (issue 9 item 4): 10,000 persons are registered in 义县, then a
 * village user previews 10,000 rows of fresh ID numbers and 10,000 rows of those foreign ID numbers, each recorded
 * as a security event.
 *
 *   npx tsx bench/scope-conflicts.ts                                   (embedded PGlite, in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/scope-conflicts.ts
 *
 * Prints the seconds of each preview and of recording the events (FUPIN_PROFILE=1 is set by the script).
 */
process.env.FUPIN_PROFILE = '1';
const { randomBytes } = await import('node:crypto');
const os = await import('node:os');
const { sql } = await import('kysely');
const pg = (await import('pg')).default;
const { openDatabase, openMemoryDatabase } = await import('../src/db/connection.ts');
const { migrateToLatest } = await import('../src/db/migrate.ts');
const { parseKey } = await import('../src/modules/pii/crypto.ts');
const { importProvince } = await import('../src/modules/regions/service.ts');
const { commit, discard, stage } = await import('../src/modules/registry/import/service.ts');
const { printTimings } = await import('../src/server/timing.ts');

const N = 10_000;
const base = process.env.DATABASE_URL;
let drop = async () => {};
let database: Awaited<ReturnType<typeof openDatabase>>;
if (base) {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const name = `fupin_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  database = await openDatabase({ url: url.toString(), dataDir: os.tmpdir() });
  drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
} else {
  database = await openMemoryDatabase();
}
const db = database.db;
await migrateToLatest(db);
await db.transaction().execute((tx) => importProvince(tx, '21'));
const keys = parseKey(randomBytes(64).toString('base64'));

/** A valid ID number (ISO 7064 MOD 11-2) for person i of a county. */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idOf(county: string, i: number) {
  const birth = new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 500))).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `${county}${birth}${String((i % 500) * 2 + 1).padStart(3, '0')}`;
  const sum = [...body].reduce((a, d, k) => a + Number(d) * (W[k] as number), 0);
  return body + '10X98765432'[sum % 11];
}
const rows = (village: string, prefix: string, ids: string[]) =>
  ids.map((id, i) => ({
    rowNumber: i + 2,
    cells: {
      village_code: village,
      household_no: `${prefix}${i}`,
      name: '李四',
      id_number: id,
      relation: '户主',
      category: '一般贫困户',
      poverty_cause: '因病',
      year_identified: 2016,
      household_status: '未脱贫',
    },
  }));

const setup = { id: null, username: 'setup' };
const foreign = Array.from({ length: N }, (_, i) => idOf('210727', i));
const registered = await stage(db, keys, { scopeCode: '210727', actor: setup, filename: 'yx' }, rows('210727101201', 'YX', foreign));
await commit(db, registered.batchId, setup);

const village = { id: 1_000_001, username: 'bench-village', ip: '127.0.0.1' };
const opts = { scopeCode: '211381109201', actor: village, filename: 'x' };
const time = async (label: string, ids: string[]) => {
  const t0 = performance.now();
  const r = await stage(db, keys, opts, rows('211381109201', 'HF', ids));
  const s = (performance.now() - t0) / 1000;
  await discard(db, r.batchId);
  console.log(`${label.padEnd(34)} ${s.toFixed(2)} s, ${r.counts.rowsWithProblems} rows with problems`);
};
await time(
  'preview, 10,000 fresh ID numbers',
  Array.from({ length: N }, (_, i) => idOf('211381', i)),
);
await time('preview, 10,000 foreign ID numbers', foreign);
const events = await sql<{ kind: string; n: number }>`SELECT kind, count(*) AS n FROM security_event GROUP BY kind ORDER BY kind`.execute(
  db,
);
console.log(`events: ${events.rows.map((r) => `${r.kind} ${r.n}`).join(', ')}`);
console.log(`engine: ${base ? 'PostgreSQL' : 'PGlite'}`);
printTimings();
await database.close();
await drop();
