/**
 * HTTP latency benchmark with autocannon against a running Fupin server started here on a PostgreSQL database
 * that already holds a register (e.g. the one `bench/import.ts --scale 1 --keep` leaves):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_bench_… npx tsx bench/http.ts [--seconds 10] [--connections 20]
 *
 * Logs in as the demo province user (the server is started with --demo) and reports p50/p95/p99 per URL.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { arg, login, startServer } from './support.ts';

const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '20'));
// --only A,B: the targets whose name contains A or B (e.g. --only health,ready).
const only = arg('only', '').split(',');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const { base, stop } = await startServer({ prefix: 'fupin-http' });

const db = new pg.Client({ connectionString: url });
await db.connect();
const total = Number((await db.query('SELECT count(*) AS n FROM household')).rows[0].n);
const deepRow = (
  await db.query('SELECT county_code, id FROM household ORDER BY county_code, id OFFSET $1 LIMIT 1', [Math.floor(total * 0.9)])
).rows[0];
const deep = `${deepRow?.county_code}-${deepRow?.id}`;
const deepCounty = `211381-${(await db.query(`SELECT id FROM household WHERE county_code = '211381' ORDER BY id OFFSET 5000 LIMIT 1`)).rows[0]?.id}`;
const someName = (await db.query(`SELECT left(name, 2) AS n FROM person WHERE county_code = '211381' LIMIT 1`)).rows[0]?.n;
const someNo = (await db.query(`SELECT left(household_no, 14) AS n FROM household WHERE county_code = '211381' LIMIT 1`)).rows[0]?.n;
const someVillage = (await db.query(`SELECT left(name, 2) AS n FROM region WHERE level = 5 AND code LIKE '211381%' LIMIT 1`)).rows[0]?.n;
await db.end();

const cookie = await login(base, 'sheng');
const county = await login(base, 'beipiao');
const township = await login(base, 'dongguanying');
const targets: [string, string, string][] = [
  ['province, first page', '/api/registry/households?limit=50', cookie],
  ['province, page at 90%', `/api/registry/households?limit=50&cursor=${deep}`, cookie],
  ['province, status=poor', '/api/registry/households?status=poor&limit=50', cookie],
  ['province, cause=illness & category=dibao', '/api/registry/households?cause=illness&category=dibao&limit=50', cookie],
  ['province, gap=no_helper', '/api/registry/households?gap=no_helper&limit=50', cookie],
  ['province, gap=deadline_passed', '/api/registry/households?gap=deadline_passed&limit=50', cookie],
  ['province, gap=no_deadline', '/api/registry/households?gap=no_deadline&limit=50', cookie],
  ['province, search by name', `/api/registry/households?q=${encodeURIComponent(someName ?? '王')}&limit=50`, cookie],
  ['province, search by initials', '/api/registry/households?q=wxm&limit=50', cookie],
  ['county 北票市, first page', '/api/registry/households?limit=50', county],
  ['county, deep page', `/api/registry/households?limit=50&cursor=${deepCounty}`, county],
  ['county, gap=no_project', '/api/registry/households?gap=no_project&limit=50', county],
  ['county, search by name', `/api/registry/households?q=${encodeURIComponent(someName ?? '王')}&limit=50`, county],
  ['county, search by initials', '/api/registry/households?q=wx&limit=50', county],
  ['province, search by full pinyin', '/api/registry/households?q=wangxiu&limit=50', cookie],
  ['county, search by full pinyin', '/api/registry/households?q=wangxiu&limit=50', county],
  ['county, search by household number', `/api/registry/households?q=${someNo ?? '2113811'}&limit=50`, county],
  ['county, search by village name', `/api/registry/households?q=${encodeURIComponent(someVillage ?? '海丰')}&limit=50`, county],
  ['county, still poor (command centre link)', '/api/registry/households?status=poor,returned&limit=50', county],
  ['township 东官营镇, status=poor', '/api/registry/households?status=poor&limit=50', township],
  ['health (liveness)', '/api/health', ''],
  ['ready (readiness)', '/api/ready', ''],
  ['county dashboard (cached)', '/api/command/dashboard?region=211381', county],
].filter(([name]) => only.some((o) => name.includes(o))) as [string, string, string][];

console.log(`${total} households; ${connections} connections, ${seconds} s per URL`);
console.log(
  'what'.padEnd(44),
  'req/s'.padStart(7),
  'p50'.padStart(6),
  'p95'.padStart(6),
  'p97.5'.padStart(6),
  'p99'.padStart(6),
  'non-2xx'.padStart(8),
);
for (const [name, path_, c] of targets) {
  const r = await autocannon({ url: base + path_, connections, duration: seconds, headers: { cookie: c } });
  const p95 = (r.latency as unknown as Record<string, number>).p95 ?? r.latency.p97_5;
  console.log(
    name.padEnd(44),
    String(Math.round(r.requests.average)).padStart(7),
    `${r.latency.p50}`.padStart(6),
    `${p95}`.padStart(6),
    `${r.latency.p97_5}`.padStart(6),
    `${r.latency.p99}`.padStart(6),
    String(r.non2xx).padStart(8),
  );
}
stop();
process.exit(0);
