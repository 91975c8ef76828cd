/**
 * The household list under load on a database that already holds a register (e.g. the one `bench/citus.ts --keep`
 * leaves): a Fupin server is started on DATABASE_URL and autocannon loads the province's first and second page and a
 * county's first page.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5433/fupin_cb_citus_… npx tsx bench/household-list.ts [--seconds 10]
 *       [--connections 20] [--runs 3]
 *
 * Prints req/s and p50/p95/p99 per URL (medians of --runs runs).
 */
import { arg, type LoadFigures, load, loadHeader, loadLine, login, medianFigures, startServer } from './support.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL');
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '20'));
const runs = Number(arg('runs', '3'));

const { base, stop } = await startServer({ prefix: 'fupin-hl', env: { DATABASE_URL: url }, stdio: 'ignore' });
try {
  const sheng = await login(base, 'sheng');
  // A page after the first: no total is counted for it, so it shows the page's own reads (the walk from one county).
  const first = (await (await fetch(`${base}/api/registry/households?limit=50`, { headers: { cookie: sheng } })).json()) as {
    nextCursor: string | null;
  };
  const targets: [string, string, string][] = [
    ['province household list', '/api/registry/households?limit=50', sheng],
    ['province household list, page 2', `/api/registry/households?limit=50&cursor=${first.nextCursor}`, sheng],
    ['county household list', '/api/registry/households?limit=50', await login(base, 'beipiao')],
  ];
  loadHeader(40);
  for (const [name, path, cookie] of targets) {
    await fetch(`${base}${path}`, { headers: { cookie } });
    const all: LoadFigures[] = [];
    for (let i = 0; i < runs; i++) all.push(await load({ url: `${base}${path}`, connections, duration: seconds, headers: { cookie } }));
    loadLine(name, medianFigures(all), 40);
  }
} finally {
  stop();
}
process.exit(0);
