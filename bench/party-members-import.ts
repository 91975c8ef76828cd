/**
 * Party members import benchmark (bench/import.ts's method): N synthetic members over the villages of five demo
 * counties written as one CSV (the members' Chinese headers), imported through the real path (read → check → stage →
 * SQL checks → commit); in the same run PostgreSQL's own COPY of the same file into a bare 12-column table, and the
 * floor: the committed rows (persons, their identities, members, the audit row) written again with no checks into
 * empty copies of those tables with the same indexes, keys and foreign keys, in one transaction.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/party-members-import.ts --rows 200000
 *   … --into fupin_bench_123   import into a database that exists (e.g. one `bench/import.ts --scale 1 --keep` left:
 *                              the scale-1 register) instead of a fresh one; the rows it adds are left there
 *   … --run K                  the K-th run into one database (other people: each run's rows are new)
 *   … --explain                auto_explain: plans of statements over 1 s go to the PostgreSQL server's log
 *
 * Prints rows, seconds and rows/s of the import, the bare COPY, the floor, the ratios and peak RSS.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/db/connection.ts';
import type { Db } from '../src/db/types.ts';
import { commitParty, partyFileStager } from '../src/modules/party/interchange/service.ts';
import { parseKey } from '../src/modules/pii/crypto.ts';
import { checkDigit } from '../src/modules/registry/idcard.ts';
import { printTimings } from '../src/server/timing.ts';
import { arg, freshDatabase } from './support.ts';

const N = Number(arg('rows', '200000'));
const PROVINCE_COUNTIES = arg('counties', '211381,211321,210727,211324,210921').split(',');
const into = arg('into', '');
// Runs into one database each need their own people: --run K takes sequence numbers 9xx from 900 + 20K.
const run = Number(arg('run', '0'));
const base = process.env.DATABASE_URL;
if (!base) throw new Error('set DATABASE_URL to a PostgreSQL server');
const keys = parseKey(randomBytes(64).toString('base64'));

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100).unref();

const target = new URL(base);
if (into) target.pathname = `/${into}`;
if (process.argv.includes('--explain') && into) await explainLongStatements(base, into);
const fresh = into ? null : await freshDatabase(base, 'fupin_bench_party');
if (fresh) {
  if (process.argv.includes('--explain')) await explainLongStatements(base, fresh.name);
  await fresh.database.close();
}
const url = fresh ? fresh.url : target.toString();
const database = await openDatabase({ url, dataDir: os.tmpdir() });
try {
  const db = database.db;
  const villages = (
    await sql<{
      code: string;
    }>`SELECT code FROM region WHERE level = 5 AND left(code, 6) = ANY(${PROVINCE_COUNTIES}::text[]) ORDER BY code`.execute(db)
  ).rows.map((r) => r.code);
  await sql`INSERT INTO party_org (county_code, region_code, name, kind)
    SELECT left(code, 6), code, '中共' || name || '支部委员会', 'branch' FROM region r WHERE code = ANY(${villages}::text[])
      AND NOT EXISTS (SELECT 1 FROM party_org o WHERE o.county_code = left(r.code, 6) AND o.region_code = r.code AND o.dissolved_on IS NULL)`.execute(
    db,
  );
  await sql`ANALYZE party_org`.execute(db);
  const file = path.join(os.tmpdir(), `fupin-party-members-${N}-${run}.csv`);
  const lines = ['姓名,证件号码,性别,村代码,行政村,入党日期,党员类别,岗位,职责,是否致富带头人,致富产业,联系电话'];
  for (let i = 0; i < N; i++) {
    const v = villages[i % villages.length] as string;
    const birth = new Date(Date.UTC(1950, 0, 1) + (i % 16000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    // 9xx sequence numbers: in a database with the demo register, the rare member who gets a register person's number
    // is a row with a problem (another name), the rest are new persons.
    const seq = String(900 + 20 * run + Math.floor(i / 16000)).padStart(3, '0');
    const id17 = `${v.slice(0, 6)}${birth}${seq}`;
    const leader = i % 37 === 0;
    lines.push(
      `党员${i},${id17}${checkDigit(id17)},${Number(seq) % 2 ? '男' : '女'},${v},,2005-07-01,正式党员,${i % 3 ? '' : '政策宣传岗'},,${leader ? '是' : '否'},${leader ? '肉牛养殖' : ''},`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const before = Number((await sql<{ n: string }>`SELECT coalesce(max(id), 0) AS n FROM person`.execute(db)).rows[0]?.n ?? 0);
  const started = Date.now();
  const staged = (await partyFileStager('party_members')(db, keys, {
    path: file,
    filename: path.basename(file),
    scopeCode: '21',
    actor: { id: null, username: 'bench' },
  })) as { batchId: number; counts: { rows: number; rowsWithProblems: number } };
  const previewed = Date.now();
  const counts = await commitParty(db, { id: null, username: 'bench' }, 'party_members', staged.batchId);
  const done = Date.now();
  const floorS = await membersWriteFloor(db, before);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_bare (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text, l text)',
  );
  const t0 = Date.now();
  await pipeline(createReadStream(file), client.query(copyFrom('COPY bench_bare FROM STDIN (FORMAT csv, HEADER true)')));
  const copyS = (Date.now() - t0) / 1000;
  await client.query('DROP TABLE bench_bare');
  await client.end();
  const seconds = (done - started) / 1000;
  console.log(
    JSON.stringify({
      rows: staged.counts.rows,
      problems: staged.counts.rowsWithProblems,
      committed: counts.records,
      previewSeconds: (previewed - started) / 1000,
      commitSeconds: (done - previewed) / 1000,
      seconds,
      rowsPerSecond: Math.round(N / seconds),
      bareCopySeconds: copyS,
      floorSeconds: Math.round(floorS * 10) / 10,
      importOverCopy: Math.round((seconds / copyS) * 10) / 10,
      floorOverCopy: Math.round((floorS / copyS) * 10) / 10,
      importOverFloor: Math.round((seconds / floorS) * 10) / 10,
      peakRssMb: Math.round(peak / 1e6),
    }),
  );
  printTimings();
} finally {
  await database.close();
  if (fresh) {
    await fresh.admin.query(`DROP DATABASE IF EXISTS ${fresh.name} WITH (FORCE)`);
    await fresh.admin.end();
  }
}
process.exit(0);

/**
 * The floor under any import of members into this schema (bench/import.ts's registerWriteFloor for the party's tables):
 * the rows the import wrote — persons, identities, members, the audit row — written again with no checks into empty
 * copies with the same indexes, unique keys, checks and foreign keys, in one transaction.
 */
async function membersWriteFloor(db: Db, personsBefore: number): Promise<number> {
  await sql`DROP SCHEMA IF EXISTS floor CASCADE`.execute(db);
  await sql`CREATE SCHEMA floor`.execute(db);
  for (const t of ['person', 'person_identity', 'party_member', 'audit_log'])
    await sql`CREATE TABLE ${sql.raw(`floor.${t} (LIKE public.${t} INCLUDING ALL)`)}`.execute(db);
  await sql`ALTER TABLE floor.party_member ADD FOREIGN KEY (county_code, person_id) REFERENCES floor.person (county_code, id),
            ADD FOREIGN KEY (county_code, org_id) REFERENCES public.party_org (county_code, id)`.execute(db);
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    await sql`INSERT INTO floor.person OVERRIDING SYSTEM VALUE SELECT * FROM public.person WHERE id > ${personsBefore}`.execute(tx);
    await sql`INSERT INTO floor.person_identity SELECT i.* FROM public.person_identity i
              JOIN public.person p ON p.county_code = i.county_code AND p.id = i.person_id WHERE p.id > ${personsBefore}`.execute(tx);
    await sql`INSERT INTO floor.party_member OVERRIDING SYSTEM VALUE SELECT * FROM public.party_member WHERE person_id > ${personsBefore}`.execute(
      tx,
    );
    await sql`INSERT INTO floor.audit_log OVERRIDING SYSTEM VALUE SELECT * FROM public.audit_log WHERE entity = 'party_member' AND action = 'import'`.execute(
      tx,
    );
  });
  const seconds = (performance.now() - t0) / 1000;
  await sql`DROP SCHEMA floor CASCADE`.execute(db);
  return seconds;
}

/** Plans of statements over a second go to the server's log (auto_explain), for this database's new sessions. */
async function explainLongStatements(server: string, name: string) {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${name} SET session_preload_libraries = 'auto_explain'`);
  await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_min_duration = '1s'`);
  await admin.query(`ALTER DATABASE ${name} SET auto_explain.log_nested_statements = on`);
  await admin.end();
}
