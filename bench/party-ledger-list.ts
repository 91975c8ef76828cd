/**
 * The rectification ledger (软弱涣散整顿台账) and the member list under load, p95 target ≤ 50 ms (issue 12):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fupin_s1 npx tsx bench/party-ledger-list.ts [--seconds 10] [--runs 3]
 *   npx tsx bench/party-ledger-list.ts --base http://127.0.0.1:3000      (a server already running, with the demo)
 *
 * Without --base a server is started here on DATABASE_URL (a database holding the demo and its ledger). Measures, for
 * each list, the province's first page, a page deep in the keyset, the county's and a township's page, with autocannon;
 * every target runs --runs times and the medians are printed last.
 */
import { arg, cpuMs, LoadRuns, load, login, startServer, waitForQuietDatabase, waitForServer } from './support.ts';

const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '20'));
const runs = Number(arg('runs', '3'));
let base = arg('base', '');
let serverPid = 0;
if (!base) {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL or --base');
  const started = await startServer({ prefix: 'fupin-pl' });
  base = started.base;
  serverPid = started.server.pid ?? 0;
}
/** CPU ms per request of the server and its PostgreSQL sessions over one run (a server started here only). */
async function measured(url: string, cookie: string) {
  const db = process.env.DATABASE_URL as string;
  const before = serverPid ? await cpuMs(serverPid, db) : null;
  const f = await load({ url, connections, duration: seconds, headers: { cookie } });
  const after = serverPid ? await cpuMs(serverPid, db) : null;
  const cpu = before && after ? (after.server - before.server + after.database - before.database) / f.requests : Number.NaN;
  return { f, cpu };
}
await waitForServer(base, 300);
if (serverPid) console.log(`waited ${await waitForQuietDatabase(process.env.DATABASE_URL as string)} s for a quiet database`);
const province = await login(base, 'sheng');
const county = await login(base, 'beipiao');
const township = await login(base, 'dongguanying');

/** A cursor about nine tenths into a list, read through the API itself. */
async function deepCursor(path: string, cookie: string) {
  const cursors: string[] = [];
  for (let cursor = ''; cursors.length < 400; ) {
    const r = await fetch(`${base}${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    const next = ((await r.json()) as { nextCursor: string | null }).nextCursor;
    if (!next) break;
    cursors.push(next);
    cursor = next;
  }
  const deep = cursors[Math.floor(cursors.length * 0.9)];
  return deep ? `&cursor=${encodeURIComponent(deep)}` : '';
}

const ledger = '/api/party/rectifications?limit=50';
// The member list is long (every member of the province): its deep cursor is taken within one county.
const members = '/api/party/members?limit=50';
const targets: [string, string, string][] = [
  ['ledger province, first page', ledger, province],
  ['ledger province, deep page', `${ledger}${await deepCursor(ledger, province)}`, province],
  ['ledger county 北票市', ledger, county],
  ['ledger county, overdue', `${ledger}&overdue=1`, county],
  ['ledger township 东官营镇', ledger, township],
  ['members province, first page', members, province],
  ['members province, wealth', `${members}&wealth=true`, province],
  ['members county 北票市', members, county],
  ['members county, deep page', `${members}${await deepCursor(members, county)}`, county],
  ['members county, name 王', `${members}&q=${encodeURIComponent('王')}`, county],
  ['members township 东官营镇', members, township],
];
// A freshly started server first catches up the command centre's figures: a few seconds of load, not measured.
await load({ url: base + ledger, connections, duration: Number(arg('warmup', '5')), headers: { cookie: province } });
const table = new LoadRuns(32);
table.header();
for (let run = 1; run <= runs; run++) {
  for (const [name, p, cookie] of targets) {
    const { f, cpu } = await measured(base + p, cookie);
    table.add(name, run, f, cpu);
  }
}
table.printMedians(`medians of ${runs} runs; the last column: CPU ms per request, the server and its PostgreSQL sessions`);
process.exit(0);
