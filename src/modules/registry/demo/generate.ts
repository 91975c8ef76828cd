import { thisYear, today } from '../../../server/clock.ts';
import { dayToIso, IdAllocator, yearStart } from './ids.ts';
import { drawGivenName, drawSurname } from './names.ts';
import { Random, Weighted } from './random.ts';

/**
 * Deterministic demo register of a province's poor households (建档立卡), one household at a time.
 *
 * Scale 1 is Liaoning as the source describes it in 2016–2017: 810,000 registered poor persons and 1,791 poor
 * villages; mostly in the 15 provincial poverty counties. The register is set in the present (`today`, by default the
 * clock): households were identified in the three years before this one, and by today about 40% have exited
 * (docs/decisions/0007-time-model.md). Every year below is relative to today's year. Everything is drawn from a seeded PRNG (./random.ts), village by village
 * from independent streams, so the same seed and villages always give the same register, and the whole register is
 * never held in memory (per village: its helpers; per county: the ID counters).
 *
 * Values are code-list codes (data/codelists/registry.json), not labels: category 'ordinary' | 'dibao' | 'tekun',
 * cause 'illness' …, status 'poor' | 'exited' | 'returned' | 'monitored', relation 'head' …, ethnicity '01' …
 * members[0] is always the head of household (relation 'head').
 *
 * Household numbers follow the national register's style: the 12-digit village code + a 4-digit sequence within
 * the village (e.g. 2113811092010001), so they are unique within a county (and the whole country).
 *
 * Synthetic ID numbers: the village's county code, the member's birth date, an odd/even sequence for the gender, a
 * valid check digit; unique by construction (./ids.ts).
 *
 * Deliberate gaps, so the command centre has something to show: ~3% of households have no helper, ~5% no project,
 * ~2% no planned exit year, ~2% are still poor after their planned exit year (planned_exit_year < asOfYear).
 */

export interface DemoVillage {
  code: string;
  name: string;
  township_code: string;
  county_code: string;
}

export interface GenerateOptions {
  /** 1 = 810,000 persons and 1,791 poor villages; 0.1 = 81,000 and 179. */
  scale: number;
  seed: number | string;
  /** The real villages to place households in (the caller reads them from the database). */
  villages: readonly DemoVillage[];
  /** The provincial poverty counties (6-digit codes): most poor villages and persons are there. */
  povertyCountyCodes: readonly string[];
  /** The register's present (default: the clock). Statuses, schooling and deadlines are as of its year; no date is after it. */
  today?: Date;
  /** Regions (code prefixes) that must hold households: the demo accounts' regions, so each has data to show. */
  regionsWithData?: readonly string[];
  /** Poverty line (yuan per person per year) by year; a setting, so the caller may pass its own. */
  povertyLines?: Readonly<Record<number, number>>;
}

export interface DemoMember {
  name: string;
  id_number: string;
  gender: 'M' | 'F';
  birth_date: string;
  ethnicity: string;
  relation: string;
  education: string;
  schooling: string;
  health: string;
  labour: string;
  work: string;
  medical_insurance: boolean;
}

export interface DemoProject {
  type: string;
  year: number;
  amount: number;
  state: string;
}

export interface DemoHousehold {
  county_code: string;
  township_code: string;
  village_code: string;
  household_no: string;
  category: string;
  cause: string;
  year_identified: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  status: 'poor' | 'exited' | 'returned' | 'monitored';
  /** How the status came to be, oldest first: poor (year identified) → exited (exit year) → returned / monitored (asOfYear). */
  status_history: { status: 'poor' | 'exited' | 'returned' | 'monitored'; year: number }[];
  incomes: { year: number; per_capita: number }[];
  guarantees: { food: boolean; clothing: boolean; education: boolean; medical: boolean; housing: boolean };
  helper: { name: string; phone: string } | null;
  projects: DemoProject[];
  members: DemoMember[];
}

export interface PoorVillagePlan {
  village_code: string;
  township_code: string;
  county_code: string;
  name: string;
  year_listed: number;
  /** Rural population (denominator of the poverty incidence), larger than the registered poor of the village. */
  rural_population: number;
  /** Year the village exited (its remaining poor below the threshold), null while still poor. */
  exit_year: number | null;
}

export interface RegisterPlan {
  /** Persons the register will contain, exactly. */
  persons: number;
  poorVillages: PoorVillagePlan[];
  /** Villages that will hold at least one household. */
  villagesWithHouseholds: number;
  /** Persons per village code (only villages that get households). */
  quotas: ReadonlyMap<string, number>;
}

export const SCALE_ONE = { persons: 810_000, poorVillages: 1_791 } as const;

/** Poverty lines used when none are passed (yuan, current prices): 2,800 (2014) … 4,000 (2020); later years +4% a year. */
export const DEFAULT_POVERTY_LINES: Readonly<Record<number, number>> = {
  2014: 2800,
  2015: 2855,
  2016: 2952,
  2017: 3335,
  2018: 3535,
  2019: 3747,
  2020: 4000,
};

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
function sortedVillages(villages: readonly DemoVillage[]): DemoVillage[] {
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

// ---------------------------------------------------------------------------------------------------------------
// distributions

const SIZE = new Weighted<number>([
  [1, 25],
  [2, 31],
  [3, 18],
  [4, 14],
  [5, 8],
  [6, 3],
  [7, 1],
]);

// biome-ignore format: a table
const CAUSE_WEIGHTS: [string, number][] = [
  ['illness', 40], ['disability', 15], ['labour', 11], ['skills', 9], ['capital', 8], ['schooling', 14],
  ['drive', 3], ['disaster', 2], ['land', 2], ['water', 1], ['transport', 1], ['other', 2],
];
const CAUSE = new Weighted(CAUSE_WEIGHTS);
const CAUSE_NO_STUDENT = new Weighted(CAUSE_WEIGHTS.filter(([c]) => c !== 'schooling'));

/** Ethnic mix of the rural poor per county (GB 3304 codes); others: DEFAULT_ETHNICITY. */
const DEFAULT_ETHNICITY = new Weighted<string>([
  ['01', 86],
  ['11', 10],
  ['02', 2],
  ['03', 1],
  ['10', 0.5],
  ['38', 0.5],
]);
const manchu = (share: number) =>
  new Weighted<string>([
    ['11', share],
    ['01', 99 - share],
    ['02', 0.5],
    ['03', 0.5],
  ]);
const mongol = (share: number) =>
  new Weighted<string>([
    ['01', 95 - share],
    ['02', share],
    ['11', 4],
    ['03', 1],
  ]);
const COUNTY_ETHNICITY: Record<string, Weighted<string>> = {
  '210323': manchu(75), // 岫岩满族自治县
  '210422': manchu(70), // 新宾满族自治县
  '210423': manchu(50), // 清原满族自治县
  '210521': manchu(55), // 本溪满族自治县
  '210522': manchu(50), // 桓仁满族自治县
  '210624': manchu(55), // 宽甸满族自治县
  '210682': manchu(55), // 凤城市
  '210782': manchu(35), // 北镇市
  '210921': mongol(20), // 阜新蒙古族自治县
  '211324': mongol(19), // 喀喇沁左翼蒙古族自治县
};

const WORK = new Weighted<string>([
  ['none', 45],
  ['township', 18],
  ['county', 14],
  ['province', 14],
  ['out_of_province', 9],
]);

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

// ---------------------------------------------------------------------------------------------------------------
// households

interface Skeleton {
  relation: string;
  gender: 'M' | 'F';
  age: number;
  surname: string;
  ethnicity: string;
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));
const other = (g: 'M' | 'F'): 'M' | 'F' => (g === 'M' ? 'F' : 'M');

/** Who lives in a household of `size`: relations, genders, ages, surnames and ethnic groups. */
function compose(rng: Random, size: number, ethnicity: Weighted<string>): Skeleton[] {
  const headEth = ethnicity.draw(rng);
  const people: Skeleton[] = [];
  const add = (relation: string, gender: 'M' | 'F', age: number, surname: string, eth = headEth) => {
    people.push({ relation, gender, age: clamp(Math.round(age), 0, 99), surname, ethnicity: eth });
  };
  const spouseEth = () => (rng.chance(0.75) ? headEth : ethnicity.draw(rng));
  const kid = (rel: 'child' | 'grandchild', age: number, surname: string) => {
    const g: 'M' | 'F' = rng.chance(0.52) ? 'M' : 'F';
    const relation = rel === 'child' ? (g === 'M' ? 'son' : 'daughter') : g === 'M' ? 'grandson' : 'granddaughter';
    add(relation, g, age, surname);
  };

  if (size === 1) {
    const elderly = rng.chance(0.65);
    const g: 'M' | 'F' = elderly ? (rng.chance(0.55) ? 'F' : 'M') : rng.chance(0.7) ? 'M' : 'F';
    add('head', g, elderly ? rng.int(60, 92) : rng.int(30, 59), drawSurname(rng, headEth));
    return people;
  }

  if (size === 2) {
    const r = rng.float();
    if (r < 0.65) {
      // a couple, mostly elderly
      const elderly = r < 0.5;
      const g: 'M' | 'F' = rng.chance(0.85) ? 'M' : 'F';
      const age = elderly ? rng.int(58, 88) : rng.int(36, 57);
      add('head', g, age, drawSurname(rng, headEth));
      add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-6, 2) : rng.int(-2, 6)), 20, 96), drawSurname(rng, headEth), spouseEth());
    } else if (r < 0.85) {
      // an elderly parent with an adult child who stayed (often ill or disabled)
      const g: 'M' | 'F' = rng.chance(0.55) ? 'F' : 'M';
      const age = rng.int(62, 90);
      const surname = drawSurname(rng, headEth);
      add('head', g, age, surname);
      const childG: 'M' | 'F' = rng.chance(0.65) ? 'M' : 'F';
      add(
        childG === 'M' ? 'son' : 'daughter',
        childG,
        Math.max(18, age - rng.int(22, 36)),
        g === 'M' ? surname : drawSurname(rng, headEth),
      );
    } else {
      // a single parent with a child
      const g: 'M' | 'F' = rng.chance(0.55) ? 'F' : 'M';
      const age = rng.int(28, 50);
      const surname = drawSurname(rng, headEth);
      add('head', g, age, surname);
      kid('child', rng.int(1, Math.min(17, age - 20)), g === 'M' ? surname : drawSurname(rng, headEth));
    }
    return people;
  }

  if (rng.chance(0.6)) {
    // nuclear family, perhaps with the head's parents
    const g: 'M' | 'F' = rng.chance(0.9) ? 'M' : 'F';
    const age = rng.int(28, 56);
    const headSurname = drawSurname(rng, headEth);
    add('head', g, age, headSurname);
    const hasSpouse = rng.chance(0.9);
    let family = headSurname;
    if (hasSpouse) {
      const s = drawSurname(rng, headEth);
      if (g === 'F') family = s;
      add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-5, 2) : rng.int(-2, 5)), 20, 96), s, spouseEth());
    } else if (g === 'F') family = drawSurname(rng, headEth);
    let slots = size - people.length;
    let grandparents = slots > 3 ? Math.min(2, slots - 3) : size >= 4 && rng.chance(0.2) ? 1 : 0;
    slots -= grandparents;
    let childAge = age - rng.int(21, 30);
    for (let i = 0; i < slots; i++) {
      kid('child', Math.max(0, childAge), family);
      childAge -= rng.int(1, 5);
    }
    if (grandparents === 2 || (grandparents === 1 && rng.chance(0.35))) {
      add('father', 'M', Math.min(96, age + rng.int(22, 32)), headSurname);
      grandparents--;
    }
    if (grandparents > 0) add('mother', 'F', Math.min(96, age + rng.int(20, 30)), drawSurname(rng, headEth));
    return people;
  }

  // three generations: the head's son, his wife and their children
  const g: 'M' | 'F' = rng.chance(0.88) ? 'M' : 'F';
  const age = rng.int(50, 76);
  const headSurname = drawSurname(rng, headEth);
  add('head', g, age, headSurname);
  let family = headSurname;
  if (rng.chance(0.85)) {
    const s = drawSurname(rng, headEth);
    if (g === 'F') family = s;
    add('spouse', other(g), clamp(age + (g === 'M' ? rng.int(-5, 2) : rng.int(-2, 5)), 20, 96), s, spouseEth());
  } else if (g === 'F') family = drawSurname(rng, headEth);
  const sonAge = Math.max(20, age - rng.int(22, 30));
  add('son', 'M', sonAge, family);
  if (people.length < size)
    add('daughter_in_law', 'F', Math.max(19, sonAge + rng.int(-4, 2)), drawSurname(rng, headEth), ethnicity.draw(rng));
  let gcAge = Math.max(0, sonAge - rng.int(21, 28));
  for (let i = 0; i < 3 && people.length < size; i++) {
    kid('grandchild', gcAge, family);
    gcAge = Math.max(0, gcAge - rng.int(1, 5));
  }
  while (people.length < size) add('daughter', 'F', clamp(sonAge + rng.int(-6, 4), 18, 60), family);
  return people;
}

/** Schooling status at the end of asOfYear, by age. */
function schoolingFor(rng: Random, age: number): string {
  if (age <= 2) return 'none';
  if (age <= 5) return rng.chance(0.75) ? 'preschool' : 'none';
  if (age <= 11) return rng.chance(0.985) ? 'primary' : 'none';
  if (age <= 14) return rng.chance(0.97) ? (age === 12 ? 'grade7' : age === 13 ? 'grade8' : 'grade9') : 'none';
  if (age <= 17) return rng.chance(0.8) ? 'senior' : 'none';
  if (age <= 21) {
    const r = rng.float();
    return r < 0.16 ? 'higher_vocational' : r < 0.28 ? 'undergraduate' : 'none';
  }
  return 'none';
}

const HEALTH_OLD = new Weighted<string>([
  ['healthy', 50],
  ['chronic', 33],
  ['serious', 7],
  ['disabled', 10],
]);
const HEALTH_ADULT = new Weighted<string>([
  ['healthy', 72],
  ['chronic', 14],
  ['serious', 5],
  ['disabled', 9],
]);
const HEALTH_CHILD = new Weighted<string>([
  ['healthy', 93],
  ['chronic', 2],
  ['serious', 2],
  ['disabled', 3],
]);

// biome-ignore format: a table
const EDUCATION_BY_COHORT: [number, Weighted<string>][] = [
  [1950, new Weighted<string>([['illiterate', 45], ['primary', 40], ['junior', 13], ['senior', 2]])],
  [1965, new Weighted<string>([['illiterate', 20], ['primary', 45], ['junior', 30], ['senior', 5]])],
  [1980, new Weighted<string>([['illiterate', 7], ['primary', 33], ['junior', 50], ['senior', 8], ['college', 2]])],
  [1995, new Weighted<string>([['illiterate', 3], ['primary', 17], ['junior', 55], ['senior', 17], ['college', 8]])],
  [9999, new Weighted<string>([['illiterate', 3], ['primary', 15], ['junior', 50], ['senior', 22], ['college', 10]])],
];
const EDU_RANK: Record<string, number> = { illiterate: 0, primary: 1, junior: 2, senior: 3, college: 4 };
const EDU_BY_RANK = ['illiterate', 'primary', 'junior', 'senior', 'college'];

function educationFor(rng: Random, age: number, birthYear: number, schooling: string, health: string): string {
  if (age < 6) return 'preschool';
  switch (schooling) {
    case 'preschool':
      return 'preschool';
    case 'primary':
      return 'primary';
    case 'grade7':
    case 'grade8':
    case 'grade9':
      return 'junior';
    case 'senior':
      return 'senior';
    case 'higher_vocational':
    case 'undergraduate':
      return 'college';
  }
  if (health === 'disabled' && rng.chance(0.4)) return 'illiterate';
  let edu = 'primary';
  for (const [before, dist] of EDUCATION_BY_COHORT) {
    if (birthYear < before) {
      edu = dist.draw(rng);
      break;
    }
  }
  const maxRank = age < 12 ? 1 : age < 15 ? 2 : age < 21 ? 3 : 4;
  return (EDU_RANK[edu] as number) > maxRank ? (EDU_BY_RANK[maxRank] as string) : edu;
}

function labourFor(rng: Random, age: number, schooling: string, health: string): string {
  if (age < 16 || schooling !== 'none') return 'none';
  if (age >= 70) return rng.chance(0.7) ? 'none' : 'lost';
  if (age >= 60) {
    const r = rng.float();
    return r < 0.35 ? 'weak' : r < 0.7 ? 'none' : r < 0.9 ? 'lost' : 'ordinary';
  }
  if (health === 'disabled' || health === 'serious') return rng.chance(0.6) ? 'lost' : 'weak';
  if (health === 'chronic') {
    const r = rng.float();
    return r < 0.5 ? 'weak' : r < 0.9 ? 'ordinary' : 'lost';
  }
  const r = rng.float();
  return r < 0.78 ? 'ordinary' : r < 0.92 ? 'skilled' : 'weak';
}

interface Context {
  asOf: number;
  /** Day of the year (0-based) of today: nobody born this year is born after it. */
  lastBirthDay: number;
  lines: Readonly<Record<number, number>>;
  lineCache: Map<number, number>;
  ids: IdAllocator;
  phoneOffset: number;
  helperCount: number;
}

/** The poverty line of a year; a year without one is extrapolated (+4% a year after the last, -3% before the first). */
function lineFor(ctx: Context, year: number): number {
  let line = ctx.lineCache.get(year);
  if (line === undefined) {
    line = computeLine(ctx.lines, year);
    ctx.lineCache.set(year, line);
  }
  return line;
}

function computeLine(lines: Readonly<Record<number, number>>, year: number): number {
  const known = lines[year];
  if (known !== undefined) return known;
  const years = Object.keys(lines)
    .map(Number)
    .sort((a, b) => a - b);
  if (years.length === 0) return 3000;
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  if (year < first) return Math.round((lines[first] as number) / 1.03 ** (first - year));
  const base = years.filter((y) => y < year).pop() ?? last;
  return Math.round((lines[base] as number) * 1.04 ** (year - base));
}

function newHelper(ctx: Context, rng: Random): { name: string; phone: string } {
  const g: 'M' | 'F' = rng.chance(0.6) ? 'M' : 'F';
  const name = drawSurname(rng) + drawGivenName(rng, g, rng.int(1962, 1992));
  // 8 digits from a bijection of the helper counter (7,654,321 is coprime to 10^8): phones never repeat.
  const tail = (ctx.helperCount++ * 7_654_321 + ctx.phoneOffset) % 100_000_000;
  return { name, phone: rng.pick(MOBILE_PREFIXES) + String(tail).padStart(8, '0') };
}

function drawProjects(
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

function* villageHouseholds(
  ctx: Context,
  rng: Random,
  village: DemoVillage,
  quota: number,
  plan: PoorVillagePlan | undefined,
  ethnicity: Weighted<string>,
): Generator<DemoHousehold> {
  const { asOf } = ctx;
  const helpers: { name: string; phone: string }[] = [];
  const helperPool = Math.max(1, Math.round(quota / 2.6 / 5));
  const villageExit = plan?.exit_year ?? null;
  let remaining = quota;
  let seq = 0;

  while (remaining > 0) {
    const size = Math.min(SIZE.draw(rng), remaining);
    remaining -= size;
    seq++;
    if (seq > 9999) throw new Error(`more than 9,999 households in village ${village.code}: scale too large`);
    const skeleton = compose(rng, size, ethnicity);

    // members
    const members: DemoMember[] = [];
    const ages: number[] = [];
    let student = false;
    let childOutOfSchool = false;
    for (const p of skeleton) {
      const birthYear = asOf - p.age;
      const drawn = p.age === 0 ? rng.int(0, 180) : rng.int(0, 364);
      const { id, day } = ctx.ids.allocateDay(
        village.county_code,
        yearStart(birthYear) + (p.age === 0 ? Math.min(drawn, ctx.lastBirthDay) : drawn),
        p.gender,
      );
      const birthDate = dayToIso(day);
      const schooling = schoolingFor(rng, p.age);
      if (schooling !== 'none' && schooling !== 'preschool') student = true;
      if (p.age >= 6 && p.age <= 14 && schooling === 'none') childOutOfSchool = true;
      const health = (p.age >= 60 ? HEALTH_OLD : p.age >= 18 ? HEALTH_ADULT : HEALTH_CHILD).draw(rng);
      ages.push(p.age);
      members.push({
        name: p.surname + drawGivenName(rng, p.gender, birthYear),
        id_number: id,
        gender: p.gender,
        birth_date: birthDate,
        ethnicity: p.ethnicity,
        relation: p.relation,
        education: '',
        schooling,
        health,
        labour: '',
        work: 'none',
        medical_insurance: rng.chance(0.97),
      });
    }

    // main cause, and members' health made consistent with it
    const cause = (student ? CAUSE : CAUSE_NO_STUDENT).draw(rng);
    if (cause === 'illness' && !members.some((m) => m.health === 'chronic' || m.health === 'serious')) {
      const adults = members.filter((_, i) => (ages[i] as number) >= 18);
      const who = adults.length > 0 ? rng.pick(adults) : (members[0] as DemoMember);
      who.health = rng.chance(0.4) ? 'serious' : 'chronic';
    }
    if (cause === 'disability' && !members.some((m) => m.health === 'disabled')) rng.pick(members).health = 'disabled';

    for (let i = 0; i < members.length; i++) {
      const m = members[i] as DemoMember;
      const age = ages[i] as number;
      m.education = educationFor(rng, age, Number(m.birth_date.slice(0, 4)), m.schooling, m.health);
      m.labour = labourFor(rng, age, m.schooling, m.health);
      if (m.labour === 'ordinary' || m.labour === 'skilled') m.work = WORK.draw(rng);
      else if (m.labour === 'weak' && rng.chance(0.3)) m.work = rng.chance(0.6) ? 'township' : 'county';
    }

    // category: destitute support is mostly elderly people living alone
    const head = skeleton[0] as Skeleton;
    const elderlySingle = size === 1 && head.age >= 60;
    const rc = rng.float();
    const category = elderlySingle
      ? rc < 0.3
        ? 'tekun'
        : rc < 0.7
          ? 'dibao'
          : 'ordinary'
      : rc < 0.06
        ? 'tekun'
        : rc < 0.4
          ? 'dibao'
          : 'ordinary';

    // years and status
    let yearIdentified: number;
    const first = asOf - 3;
    if (villageExit !== null) yearIdentified = rng.int(first, Math.max(first, Math.min(asOf - 1, villageExit)));
    else yearIdentified = rng.chance(0.75) ? first : rng.chance(0.6) ? first + 1 : first + 2;
    yearIdentified = Math.min(yearIdentified, asOf);

    let status: DemoHousehold['status'];
    const rs = rng.float();
    if (villageExit !== null) status = rs < 0.9 ? 'exited' : 'monitored';
    else status = rs < 0.665 ? 'poor' : rs < 0.945 ? 'exited' : rs < 0.98 ? 'monitored' : 'returned';
    if (status === 'returned' && yearIdentified >= asOf) status = 'poor';

    let exitYear: number | null = null;
    if (status === 'returned') exitYear = rng.int(yearIdentified, asOf - 1);
    else if (status !== 'poor') {
      const last = villageExit ?? asOf;
      exitYear = yearIdentified >= last ? last : rng.chance(0.1) ? yearIdentified : rng.int(yearIdentified + 1, last);
    }

    let plannedExit: number | null;
    if (rng.chance(0.02)) plannedExit = null;
    else if (exitYear !== null && status !== 'returned') {
      const r = rng.float();
      plannedExit = clamp(exitYear + (r < 0.1 ? -1 : r < 0.8 ? 0 : 1), yearIdentified, asOf + 3);
    } else if (yearIdentified < asOf && rng.chance(0.035)) {
      plannedExit = rng.int(yearIdentified, asOf - 1); // past the deadline, still poor
    } else {
      const r = rng.float();
      plannedExit = asOf + (r < 0.35 ? 0 : r < 0.65 ? 1 : r < 0.9 ? 2 : 3);
    }

    // incomes (per capita, yuan), from the year identified to asOfYear
    const exitedNow = status === 'exited' || status === 'monitored';
    const aboveButPoor = status === 'poor' && rng.chance(0.1);
    const incomes: DemoHousehold['incomes'] = [];
    // Income as a ratio of the year's line: below it while poor (rising towards a household-specific ceiling), above
    // it from the exit year on (monitored households only just: under 1.5 times the line).
    const ceiling = rng.range(0.82, 0.99);
    let ratio = Math.min(ceiling, rng.range(0.45, 0.95));
    let after = 0;
    for (let year = yearIdentified; year <= asOf; year++) {
      if (year > yearIdentified) ratio = Math.min(ceiling, Math.max(0.3, ratio + rng.range(-0.05, 0.15)));
      let r = ratio;
      if (exitYear !== null && year >= exitYear) {
        const monitored = status === 'monitored';
        if (after === 0) after = monitored ? rng.range(1.03, 1.35) : 1.05 + 0.75 * rng.float() ** 2;
        else after = monitored ? clamp(after * rng.range(0.95, 1.08), 1.02, 1.45) : Math.max(1.03, after * rng.range(0.98, 1.15));
        r = after;
      }
      if (status === 'returned' && year === asOf) r = rng.range(0.6, 0.95);
      if (aboveButPoor && year === asOf) r = rng.range(1.0, 1.2);
      incomes.push({ year, per_capita: Math.round(r * lineFor(ctx, year)) });
    }

    // two no-worries, three guarantees
    if (exitedNow) for (const m of members) m.medical_insurance = true;
    const guarantees = exitedNow
      ? { food: true, clothing: true, education: true, medical: true, housing: true }
      : {
          food: rng.chance(0.99),
          clothing: rng.chance(0.99),
          education: !childOutOfSchool && rng.chance(0.99),
          medical: members.every((m) => m.medical_insurance) && rng.chance(0.98),
          housing: rng.chance(0.88),
        };
    if (aboveButPoor && Object.values(guarantees).every(Boolean)) guarantees.housing = false;

    // helper and projects
    let helper: DemoHousehold['helper'] = null;
    if (!rng.chance(0.03)) {
      const k = rng.int(0, helperPool - 1);
      while (helpers.length <= k) helpers.push(newHelper(ctx, rng));
      helper = helpers[k] as { name: string; phone: string };
    }
    const projects = rng.chance(0.05) ? [] : drawProjects(rng, cause, guarantees, yearIdentified, exitedNow ? exitYear : null, asOf);

    const history: DemoHousehold['status_history'] = [{ status: 'poor', year: yearIdentified }];
    if (exitYear !== null) history.push({ status: 'exited', year: exitYear });
    if (status === 'returned' || status === 'monitored') history.push({ status, year: asOf });

    yield {
      county_code: village.county_code,
      township_code: village.township_code,
      village_code: village.code,
      household_no: village.code + String(seq).padStart(4, '0'),
      category,
      cause,
      year_identified: yearIdentified,
      planned_exit_year: plannedExit,
      exit_year: exitYear,
      status,
      status_history: history,
      incomes,
      guarantees,
      helper,
      projects,
      members,
    };
  }
}

/**
 * Yields the register one household at a time, villages in code order (so each county comes out contiguous).
 * The poor villages and the number of persons are those of `planRegister(opts)`.
 */
export function* generateRegister(opts: GenerateOptions): Generator<DemoHousehold, void, undefined> {
  const plan = planRegister(opts);
  if (plan.persons === 0) return;
  const root = new Random(opts.seed);
  const ctx: Context = {
    asOf: thisYear(opts.today),
    lastBirthDay: dayOfYear(opts.today ?? today()),
    lines: opts.povertyLines ?? DEFAULT_POVERTY_LINES,
    lineCache: new Map(),
    ids: new IdAllocator(),
    phoneOffset: root.derive('phones').int(0, 99_999_999),
    helperCount: 0,
  };
  const poorByCode = new Map(plan.poorVillages.map((p) => [p.village_code, p]));
  let county = '';
  for (const village of sortedVillages(opts.villages)) {
    const quota = plan.quotas.get(village.code);
    if (!quota) continue;
    if (village.county_code !== county) {
      if (county) ctx.ids.release(county);
      county = village.county_code;
    }
    const ethnicity = COUNTY_ETHNICITY[village.county_code] ?? DEFAULT_ETHNICITY;
    yield* villageHouseholds(ctx, root.derive(`village:${village.code}`), village, quota, poorByCode.get(village.code), ethnicity);
  }
}

/** Day of the year, 0-based, in UTC. */
function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000);
}
