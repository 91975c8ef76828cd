import { thisYear, today } from '../../../server/clock.ts';
import { drawProjects, newHelper } from './help.ts';
import { dayToIso, IdAllocator, yearStart } from './ids.ts';
import { drawGivenName } from './names.ts';
import {
  COUNTY_ETHNICITY,
  clamp,
  compose,
  DEFAULT_ETHNICITY,
  educationFor,
  HEALTH_ADULT,
  HEALTH_CHILD,
  HEALTH_OLD,
  labourFor,
  type Skeleton,
  schoolingFor,
  WORK,
} from './persons.ts';
import { planRegister, sortedVillages } from './plan.ts';
import { Random, Weighted } from './random.ts';
import type { DemoHousehold, DemoMember, DemoVillage, GenerateOptions, PoorVillagePlan } from './types.ts';

/**
 * Deterministic demo register of a province's poor households (建档立卡), one household at a time. This file draws the
 * households (size, cause, category, years, status, incomes, guarantees); the plan of villages and persons is in
 * ./plan.ts, the members in ./persons.ts, the helpers and projects in ./help.ts, the shapes in ./types.ts.
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

export { planRegister, SCALE_ONE } from './plan.ts';
export type { DemoHousehold, DemoMember, DemoProject, DemoVillage, GenerateOptions, PoorVillagePlan, RegisterPlan } from './types.ts';

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
