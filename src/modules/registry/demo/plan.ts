import { thisYear } from '../../../server/clock.ts';
import { Random } from './random.ts';
import type { DemoVillage, GenerateOptions, PoorVillagePlan, RegisterPlan } from './types.ts';

/** The plan of the demo register (./generate.ts): how many persons, which villages are poor, where the households go. */

export const SCALE_ONE = { persons: 810_000, poorVillages: 1_791 } as const;

/** Share of persons living in poor villages; the rest are in other (non-poor) villages. */
const POOR_VILLAGE_SHARE = 0.7;
/** Average persons per non-poor village that has poor households at all. */
const PERSONS_PER_OTHER_VILLAGE = 40;
/** Share of poor villages already exited by asOfYear. */
const EXITED_VILLAGE_SHARE = 0.18;

/** A rural village (村民委员会): statistical codes 2xx–3xx in the last three digits; 1xx are urban communities. */
function isRural(code: string): boolean {
  if (code.length !== 12) return true;
  const s = Number(code.slice(9));
  return s >= 200 && s < 400;
}

/** Splits `total` into integers proportional to `weights` (largest remainder), summing exactly to `total`. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) {
    const i = (order[k % order.length] as readonly [number, number])[1];
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/** Weighted sampling of k items without replacement (Efraimidis–Spirakis), deterministic for a given rng. */
function sampleWeighted<T>(rng: Random, items: readonly T[], weight: (t: T) => number, k: number): T[] {
  const keyed = items.map((t) => ({ t, key: Math.log(1 - rng.float()) / weight(t) }));
  keyed.sort((a, b) => b.key - a.key);
  return keyed.slice(0, k).map((x) => x.t);
}

/** By county, then code: each county's villages are contiguous, so its ID counters can be dropped when it ends. */
export function sortedVillages(villages: readonly DemoVillage[]): DemoVillage[] {
  const key = (v: DemoVillage) => `${v.county_code}/${v.code}`;
  return [...villages].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Where the households go and which villages are poor; cheap, deterministic, shared by the generator. */
export function planRegister(opts: GenerateOptions): RegisterPlan {
  if (!(opts.scale >= 0)) throw new Error('scale must be a non-negative number');
  const asOf = thisYear(opts.today);
  const persons = Math.round(SCALE_ONE.persons * opts.scale);
  const empty: RegisterPlan = { persons: 0, poorVillages: [], villagesWithHouseholds: 0, quotas: new Map() };
  if (persons === 0 || opts.villages.length === 0) return empty;

  const rng = new Random(opts.seed).derive('plan');
  const poverty = new Set(opts.povertyCountyCodes);
  const all = sortedVillages(opts.villages);
  const rural = all.filter((v) => isRural(v.code));
  const candidates = rural.length > 0 ? rural : all;

  const poorCount = Math.min(candidates.length, Math.max(1, Math.round(SCALE_ONE.poorVillages * opts.scale)));
  const poor = sampleWeighted(rng, candidates, (v) => (poverty.has(v.county_code) ? 6 : 1), poorCount);
  // A region that must hold data and drew no poor village gets its first village (in code order) as one, still
  // poor (a demo account's village with nothing left to do would show little).
  const forced = new Set<string>();
  for (const prefix of opts.regionsWithData ?? []) {
    if (poor.some((v) => v.code.startsWith(prefix))) continue;
    const pick = candidates.find((v) => v.code.startsWith(prefix));
    if (pick) {
      poor.push(pick);
      forced.add(pick.code);
    }
  }
  poor.sort((a, b) => (a.code < b.code ? -1 : 1));
  const poorCodes = new Set(poor.map((v) => v.code));
  const others = candidates.filter((v) => !poorCodes.has(v.code));

  const personsPoor = others.length === 0 ? persons : Math.round(persons * POOR_VILLAGE_SHARE);
  const personsOther = persons - personsPoor;
  const otherCount = Math.min(others.length, Math.max(personsOther > 0 ? 1 : 0, Math.round(personsOther / PERSONS_PER_OTHER_VILLAGE)));
  const chosenOthers = sampleWeighted(rng, others, (v) => (poverty.has(v.county_code) ? 4 : 1), otherCount);

  const quotas = new Map<string, number>();
  const poorQuota = apportion(
    personsPoor,
    poor.map(() => rng.range(0.6, 1.4)),
  );
  poor.forEach((v, i) => {
    quotas.set(v.code, poorQuota[i] as number);
  });
  const otherQuota = apportion(
    personsOther,
    chosenOthers.map(() => rng.range(0.5, 1.5)),
  );
  chosenOthers.forEach((v, i) => {
    quotas.set(v.code, (quotas.get(v.code) ?? 0) + (otherQuota[i] as number));
  });
  for (const [code, q] of quotas) if (q === 0) quotas.delete(code);

  const poorVillages = poor.map((v): PoorVillagePlan => {
    const registered = quotas.get(v.code) ?? 0;
    const yearListed = Math.min(asOf, rng.chance(0.85) ? asOf - 3 : rng.chance(0.65) ? asOf - 2 : asOf - 1);
    const exited = rng.chance(EXITED_VILLAGE_SHARE);
    const drawnExit = exited ? Math.max(yearListed, rng.chance(0.45) ? asOf - 1 : asOf) : null;
    const exitYear = forced.has(v.code) ? null : drawnExit;
    // Registered poor are 10–30% of a poor village's rural population.
    const ruralPopulation = Math.max(registered + 50, Math.round(registered / rng.range(0.1, 0.3)));
    return {
      village_code: v.code,
      township_code: v.township_code,
      county_code: v.county_code,
      name: v.name,
      year_listed: yearListed,
      rural_population: ruralPopulation,
      exit_year: exitYear,
    };
  });

  return { persons, poorVillages, villagesWithHouseholds: quotas.size, quotas };
}
