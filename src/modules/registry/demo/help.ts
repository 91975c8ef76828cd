import { drawGivenName, drawSurname } from './names.ts';
import { type Random, Weighted } from './random.ts';
import type { DemoHousehold, DemoProject } from './types.ts';

/** The help a demo household gets (./generate.ts): its helper (帮扶责任人, with a unique mobile number) and its projects. */

/** Project types that answer each cause (weights); projects are drawn without repeating a type. */
const PROJECTS_BY_CAUSE: Record<string, [string, number][]> = {
  illness: [
    ['health', 5],
    ['industry', 3],
    ['safety_net', 2],
    ['asset_income', 2],
    ['employment', 1],
  ],
  disability: [
    ['safety_net', 4],
    ['asset_income', 3],
    ['health', 2],
    ['industry', 2],
  ],
  schooling: [
    ['education', 6],
    ['employment', 2],
    ['industry', 2],
  ],
  disaster: [
    ['housing', 4],
    ['industry', 3],
    ['relocation', 2],
  ],
  land: [
    ['industry', 4],
    ['employment', 3],
    ['relocation', 2],
  ],
  water: [
    ['relocation', 3],
    ['industry', 3],
    ['ecological', 2],
  ],
  skills: [
    ['employment', 6],
    ['industry', 3],
  ],
  labour: [
    ['safety_net', 4],
    ['asset_income', 4],
    ['industry', 2],
  ],
  capital: [
    ['microcredit', 6],
    ['industry', 4],
  ],
  transport: [
    ['relocation', 4],
    ['industry', 3],
  ],
  drive: [
    ['employment', 4],
    ['industry', 4],
  ],
  other: [
    ['industry', 4],
    ['employment', 2],
    ['housing', 2],
    ['ecological', 2],
  ],
};

/** Typical amount per household (yuan), min and max. */
const PROJECT_AMOUNT: Record<string, [number, number]> = {
  industry: [2000, 10000],
  employment: [500, 3000],
  relocation: [20000, 60000],
  education: [1000, 5000],
  health: [500, 8000],
  ecological: [300, 1500],
  safety_net: [1000, 4000],
  housing: [10000, 35000],
  microcredit: [10000, 50000],
  asset_income: [500, 3000],
};

const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'],
];

/** The generator's helper counter: each new helper takes the next number, so phones never repeat. */
export interface HelperCounter {
  phoneOffset: number;
  helperCount: number;
}

export function newHelper(ctx: HelperCounter, rng: Random): { name: string; phone: string } {
  const g: 'M' | 'F' = rng.chance(0.6) ? 'M' : 'F';
  const name = drawSurname(rng) + drawGivenName(rng, g, rng.int(1962, 1992));
  // 8 digits from a bijection of the helper counter (7,654,321 is coprime to 10^8): phones never repeat.
  const tail = (ctx.helperCount++ * 7_654_321 + ctx.phoneOffset) % 100_000_000;
  return { name, phone: rng.pick(MOBILE_PREFIXES) + String(tail).padStart(8, '0') };
}

export function drawProjects(
  rng: Random,
  cause: string,
  guarantees: DemoHousehold['guarantees'],
  yearIdentified: number,
  exitYear: number | null,
  asOf: number,
) {
  const count = rng.chance(0.5) ? 1 : rng.chance(0.7) ? 2 : 3;
  const pool = [...(PROJECTS_BY_CAUSE[cause] ?? PROJECTS_BY_CAUSE.other ?? [])];
  if (!guarantees.housing) pool.unshift(['housing', 8]);
  const projects: DemoProject[] = [];
  const used = new Set<string>();
  const lastYear = exitYear ?? asOf + 1;
  for (let i = 0; i < count && used.size < pool.length; i++) {
    const type = new Weighted(pool.filter(([t]) => !used.has(t))).draw(rng);
    used.add(type);
    const year = rng.int(Math.min(yearIdentified, lastYear), lastYear);
    const [lo, hi] = PROJECT_AMOUNT[type] ?? [1000, 5000];
    const amount = Math.round(rng.range(lo, hi) / 100) * 100;
    let state: string;
    if (year > asOf) state = 'planned';
    else if (year < asOf) {
      const r = rng.float();
      state = r < 0.88 || exitYear !== null ? 'completed' : r < 0.96 ? 'in_progress' : 'cancelled';
    } else {
      const r = rng.float();
      state = exitYear !== null ? 'completed' : r < 0.6 ? 'in_progress' : r < 0.85 ? 'completed' : r < 0.97 ? 'planned' : 'cancelled';
    }
    projects.push({ type, year, amount, state });
  }
  return projects.sort((a, b) => a.year - b.year);
}
