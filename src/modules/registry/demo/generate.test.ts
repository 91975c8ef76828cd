import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { povertyCounties } from '../../regions/source.ts';
import { type CodeListId, listCodes } from '../codelists.ts';
import { isValidIdNumber, parseIdNumber } from '../idcard.ts';
import { type DemoHousehold, type DemoVillage, type GenerateOptions, generateRegister, planRegister } from './generate.ts';
import { readSourceVillages } from './source-villages.ts';

const TODAY = new Date(Date.UTC(2025, 0, 1));
const LINES: Record<number, number> = { 2014: 2800, 2015: 2855, 2016: 2952, 2017: 3335 };
const MOBILE = /^1(3\d|5[0-35-9]|8\d)\d{8}$/;

let villages: DemoVillage[];
let poverty: string[];
// The register as of the end of 2017, so the figures below are fixed; years are relative to `today` (see the test of it).
const AS_OF = new Date(Date.UTC(2017, 11, 31));
const opts = (scale: number, seed: number | string = 'test'): GenerateOptions => ({
  scale,
  seed,
  villages,
  povertyCountyCodes: poverty,
  today: AS_OF,
  povertyLines: LINES,
});
/** Collects violations and asserts none at the end: one expect per test instead of one per household. */
function problems() {
  const found: string[] = [];
  return {
    check(ok: boolean, what: string) {
      if (!ok && found.length < 20) found.push(what);
    },
    done() {
      expect(found).toEqual([]);
    },
  };
}
const digest = (hs: Iterable<DemoHousehold>, n = Number.POSITIVE_INFINITY) => {
  const h = createHash('sha256');
  let i = 0;
  for (const x of hs) {
    if (i++ >= n) break;
    h.update(JSON.stringify(x));
  }
  return h.digest('hex');
};

beforeAll(() => {
  villages = readSourceVillages('21');
  poverty = povertyCounties('21').map((c) => c.code);
  expect(villages.length).toBe(16_727);
  expect(poverty).toHaveLength(15);
});

describe('scale 0.01 (8,100 persons): synthetic ID numbers', () => {
  let households: DemoHousehold[];
  beforeAll(() => {
    households = [...generateRegister(opts(0.01))];
  });

  it('has exactly 8,100 persons', () => {
    expect(households.reduce((a, h) => a + h.members.length, 0)).toBe(8_100);
  });

  it('never repeats an ID number', () => {
    const ids = new Set<string>();
    let n = 0;
    for (const h of households) {
      for (const m of h.members) {
        ids.add(m.id_number);
        n++;
      }
    }
    expect(ids.size).toBe(n);
  });

  it('gives every member a valid ID number matching the county, birth date and gender', () => {
    const p = problems();
    for (const h of households) {
      for (const m of h.members) {
        p.check(isValidIdNumber(m.id_number, TODAY), `invalid ${m.id_number}`);
        const info = parseIdNumber(m.id_number, TODAY);
        p.check(
          info?.regionCode === h.county_code && info.birthDate === m.birth_date && info.gender === m.gender,
          `${m.id_number} does not match ${h.county_code} ${m.birth_date} ${m.gender}`,
        );
      }
    }
    p.done();
  });

  it('numbers households uniquely within a county: village code + 4 digits', () => {
    const seen = new Set<string>();
    const p = problems();
    for (const h of households) {
      p.check(/^\d{16}$/.test(h.household_no), `format ${h.household_no}`);
      p.check(h.household_no.startsWith(h.village_code), `not in its village ${h.household_no}`);
      p.check(h.village_code.startsWith(h.township_code) && h.township_code.startsWith(h.county_code), `regions ${h.village_code}`);
      const key = `${h.county_code}/${h.household_no}`;
      p.check(!seen.has(key), `repeated ${key}`);
      seen.add(key);
    }
    p.done();
  });

  it('uses only codes of the code lists', () => {
    const codes = (id: CodeListId) => new Set(listCodes(id));
    const lists = {
      category: codes('household_category'),
      cause: codes('poverty_cause'),
      status: codes('household_status'),
      relation: codes('relation'),
      gender: codes('gender'),
      ethnicity: codes('ethnicity'),
      education: codes('education'),
      schooling: codes('schooling'),
      health: codes('health'),
      labour: codes('labour'),
      work: codes('work'),
      projectType: codes('project_type'),
      projectState: codes('project_state'),
    };
    const p = problems();
    for (const h of households) {
      p.check(lists.category.has(h.category), `category ${h.category}`);
      p.check(lists.cause.has(h.cause), `cause ${h.cause}`);
      p.check(lists.status.has(h.status), `status ${h.status}`);
      for (const x of h.projects) {
        p.check(lists.projectType.has(x.type), `project type ${x.type}`);
        p.check(lists.projectState.has(x.state), `project state ${x.state}`);
      }
      for (const m of h.members) {
        for (const k of ['relation', 'gender', 'ethnicity', 'education', 'schooling', 'health', 'labour', 'work'] as const) {
          p.check(lists[k].has(m[k]), `${k}: ${m[k]}`);
        }
        p.check(typeof m.medical_insurance === 'boolean', 'medical_insurance');
      }
    }
    p.done();
  });

  it('has exactly one head, listed first', () => {
    const p = problems();
    for (const h of households) {
      p.check(h.members[0]?.relation === 'head', `${h.household_no}: first is not the head`);
      p.check(h.members.filter((m) => m.relation === 'head').length === 1, `${h.household_no}: heads`);
      p.check(h.members.length >= 1 && h.members.length <= 7, `${h.household_no}: size ${h.members.length}`);
    }
    p.done();
  });
});

describe('determinism', () => {
  it('gives the same households for the same seed, and others for another seed', () => {
    const a = digest(generateRegister(opts(0.01, 7)), 1_000);
    const b = digest(generateRegister(opts(0.01, 7)), 1_000);
    const c = digest(generateRegister(opts(0.01, 8)), 1_000);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(digest(generateRegister(opts(0.01, 7)))).toBe(digest(generateRegister(opts(0.01, 7))));
  });

  it('does not depend on the order the villages are passed in', () => {
    const reversed = { ...opts(0.01, 7), villages: [...villages].reverse() };
    expect(digest(generateRegister(reversed), 500)).toBe(digest(generateRegister(opts(0.01, 7)), 500));
  });

  it('yields lazily: the first household of scale 1 comes at once', () => {
    const t = performance.now();
    const it = generateRegister(opts(1));
    const first = it.next();
    expect(first.done).toBe(false);
    expect(performance.now() - t).toBeLessThan(3_000);
    it.return(undefined);
  });

  it('yields nothing at scale 0 or without villages', () => {
    expect([...generateRegister(opts(0))]).toHaveLength(0);
    expect([...generateRegister({ ...opts(1), villages: [] })]).toHaveLength(0);
  });
});

describe('scale 0.1 (81,000 persons): a realistic register', () => {
  let households: DemoHousehold[];
  let plan: ReturnType<typeof planRegister>;
  let persons: number;
  const share = (f: (h: DemoHousehold) => boolean) => households.filter(f).length / households.length;

  beforeAll(() => {
    plan = planRegister(opts(0.1));
    households = [...generateRegister(opts(0.1))];
    persons = households.reduce((a, h) => a + h.members.length, 0);
  });

  it('has 81,000 persons and 179 poor villages among the real ones, mostly in poverty counties', () => {
    expect(persons).toBe(81_000);
    expect(plan.persons).toBe(81_000);
    expect(plan.poorVillages).toHaveLength(179);
    const codes = new Set(villages.map((v) => v.code));
    for (const v of plan.poorVillages) expect(codes.has(v.village_code)).toBe(true);
    const inPoverty = plan.poorVillages.filter((v) => poverty.includes(v.county_code)).length;
    expect(inPoverty / 179).toBeGreaterThan(0.5);
    const personsInPoverty = households.filter((h) => poverty.includes(h.county_code)).reduce((a, h) => a + h.members.length, 0);
    expect(personsInPoverty / persons).toBeGreaterThan(0.5);
    const poorCodes = new Set(plan.poorVillages.map((v) => v.village_code));
    const inPoorVillages = households.filter((h) => poorCodes.has(h.village_code)).reduce((a, h) => a + h.members.length, 0);
    expect(inPoorVillages / persons).toBeGreaterThan(0.6);
    expect(inPoorVillages / persons).toBeLessThan(0.8); // some households live elsewhere
  });

  it('has realistic household sizes: 1–7, mean about 2.6, many singles and couples', () => {
    expect(persons / households.length).toBeGreaterThan(2.4);
    expect(persons / households.length).toBeLessThan(2.8);
    expect(share((h) => h.members.length === 1)).toBeGreaterThan(0.18);
    expect(share((h) => h.members.length === 2)).toBeGreaterThan(0.25);
    expect(share((h) => h.members.length === 1 && 2017 - Number(h.members[0]?.birth_date.slice(0, 4)) >= 60)).toBeGreaterThan(0.1);
  });

  it('weights causes, categories and statuses as the domain describes', () => {
    expect(share((h) => h.cause === 'illness')).toBeGreaterThan(0.35);
    expect(share((h) => h.cause === 'illness')).toBeLessThan(0.48);
    expect(share((h) => h.cause === 'disability')).toBeGreaterThan(0.1);
    expect(share((h) => h.cause === 'disability')).toBeLessThan(0.2);
    expect(share((h) => h.category === 'ordinary')).toBeGreaterThan(0.5);
    expect(share((h) => h.category === 'ordinary')).toBeLessThan(0.6);
    expect(share((h) => h.category === 'dibao')).toBeGreaterThan(0.3);
    expect(share((h) => h.category === 'dibao')).toBeLessThan(0.4);
    expect(share((h) => h.category === 'tekun')).toBeGreaterThan(0.07);
    expect(share((h) => h.category === 'tekun')).toBeLessThan(0.13);
    const exited = share((h) => h.status === 'exited' || h.status === 'monitored');
    expect(exited).toBeGreaterThan(0.35);
    expect(exited).toBeLessThan(0.45);
    expect(share((h) => h.status === 'returned')).toBeGreaterThan(0);
  });

  it('leaves the deliberate gaps', () => {
    const between = (x: number, lo: number, hi: number) => {
      expect(x).toBeGreaterThan(lo);
      expect(x).toBeLessThan(hi);
    };
    between(
      share((h) => h.helper === null),
      0.02,
      0.04,
    );
    between(
      share((h) => h.projects.length === 0),
      0.04,
      0.06,
    );
    between(
      share((h) => h.planned_exit_year === null),
      0.015,
      0.025,
    );
    between(
      share((h) => (h.status === 'poor' || h.status === 'returned') && h.planned_exit_year !== null && h.planned_exit_year < 2017),
      0.015,
      0.03,
    );
  });

  it('keeps years, incomes and the three guarantees consistent with the status', () => {
    const p = problems();
    for (const h of households) {
      const id = `${h.household_no} (${h.status})`;
      p.check(h.year_identified >= 2014 && h.year_identified <= 2016, `${id}: identified ${h.year_identified}`);
      const years = h.incomes.map((i) => i.year).join();
      p.check(
        years === Array.from({ length: 2018 - h.year_identified }, (_, k) => h.year_identified + k).join(),
        `${id}: income years ${years}`,
      );
      const allGuaranteed = Object.values(h.guarantees).every(Boolean);
      const last = h.incomes[h.incomes.length - 1] as { year: number; per_capita: number };
      const line = (y: number) => LINES[y] as number;
      if (h.status === 'exited' || h.status === 'monitored') {
        const exit = h.exit_year ?? 0;
        p.check(exit >= h.year_identified && exit <= 2017, `${id}: exit year ${h.exit_year}`);
        p.check(allGuaranteed, `${id}: exited without all guarantees`);
        for (const i of h.incomes)
          if (i.year >= exit) p.check(i.per_capita > line(i.year), `${id}: ${i.year} income ${i.per_capita} not above the line`);
        if (h.status === 'monitored') p.check(last.per_capita < 1.5 * line(2017), `${id}: monitored but income ${last.per_capita}`);
      } else if (h.status === 'poor') {
        p.check(h.exit_year === null, `${id}: exit year ${h.exit_year}`);
        // still poor: below the line, or above it with a guarantee missing
        p.check(last.per_capita < line(2017) || !allGuaranteed, `${id}: above the line with all guarantees`);
        p.check((h.incomes[0]?.per_capita ?? 0) < line(h.year_identified), `${id}: identified above the line`);
      } else {
        p.check(h.exit_year !== null && h.exit_year < 2017, `${id}: exit year ${h.exit_year}`);
        p.check(last.per_capita < line(2017), `${id}: returned but above the line`);
      }
      if (h.planned_exit_year !== null) {
        p.check(h.planned_exit_year >= h.year_identified && h.planned_exit_year <= 2020, `${id}: planned ${h.planned_exit_year}`);
      }
      for (const x of h.projects) {
        p.check(x.amount > 0, `${id}: amount ${x.amount}`);
        if (x.state === 'planned') p.check(x.year >= 2017, `${id}: planned project of ${x.year}`);
      }
      p.check(new Set(h.projects.map((x) => x.type)).size === h.projects.length, `${id}: repeated project type`);
      const history = h.status_history.map((x) => `${x.status}@${x.year}`).join(' ');
      const expected = [`poor@${h.year_identified}`];
      if (h.exit_year !== null) expected.push(`exited@${h.exit_year}`);
      if (h.status === 'returned' || h.status === 'monitored') expected.push(`${h.status}@2017`);
      p.check(history === expected.join(' '), `${id}: history ${history}`);
    }
    p.done();
  });

  it('makes members plausible: ages for relations and schooling, causes backed by health', () => {
    const p = problems();
    const age = (m: { birth_date: string }) => 2017 - Number(m.birth_date.slice(0, 4));
    for (const h of households) {
      const head = h.members[0] as DemoHousehold['members'][number];
      p.check(age(head) >= 18, `${h.household_no}: head aged ${age(head)}`);
      for (const m of h.members) {
        const a = age(m);
        const id = `${h.household_no} ${m.relation} aged ${a}`;
        p.check(a >= 0 && a < 100, id);
        if (m.relation === 'spouse') p.check(m.gender !== head.gender, `${id}: same gender as the head`);
        if (['son', 'grandson', 'father'].includes(m.relation)) p.check(m.gender === 'M', `${id}: ${m.gender}`);
        if (['daughter', 'granddaughter', 'mother', 'daughter_in_law'].includes(m.relation))
          p.check(m.gender === 'F', `${id}: ${m.gender}`);
        if (m.schooling === 'primary') p.check(a >= 6 && a <= 11, `${id}: in primary school`);
        if (m.schooling !== 'none') p.check(m.labour === 'none', `${id}: student with labour ${m.labour}`);
        if (a < 16) p.check(m.labour === 'none', `${id}: labour ${m.labour}`);
        if (a < 6) p.check(m.education === 'preschool', `${id}: education ${m.education}`);
        if (m.work !== 'none') p.check(['ordinary', 'skilled', 'weak'].includes(m.labour), `${id}: works with labour ${m.labour}`);
      }
      const has = (f: (m: DemoHousehold['members'][number]) => boolean) => h.members.some(f);
      if (h.cause === 'illness')
        p.check(
          has((m) => m.health === 'chronic' || m.health === 'serious'),
          `${h.household_no}: illness, nobody ill`,
        );
      if (h.cause === 'disability')
        p.check(
          has((m) => m.health === 'disabled'),
          `${h.household_no}: disability, nobody disabled`,
        );
      if (h.cause === 'schooling')
        p.check(
          has((m) => m.schooling !== 'none' && m.schooling !== 'preschool'),
          `${h.household_no}: schooling, no pupil`,
        );
    }
    p.done();
  });

  it('draws ethnic groups by county: 满族 in 岫岩, 蒙古族 in 阜新 and 喀左, elsewhere mostly 汉族', () => {
    const mix = (pred: (h: DemoHousehold) => boolean, eth: string) => {
      let n = 0;
      let k = 0;
      for (const h of households.filter(pred)) {
        for (const m of h.members) {
          n++;
          if (m.ethnicity === eth) k++;
        }
      }
      expect(n).toBeGreaterThan(500);
      return k / n;
    };
    expect(mix((h) => h.county_code === '210323', '11')).toBeGreaterThan(0.5);
    expect(mix((h) => h.county_code === '210921' || h.county_code === '211324', '02')).toBeGreaterThan(0.1);
    expect(mix((h) => h.county_code === '211381' || h.county_code === '210726', '01')).toBeGreaterThan(0.75);
  });

  it('pairs helpers with several households, with plausible and unique mobile numbers', () => {
    const byPhone = new Map<string, string>();
    const households_ = new Map<string, number>();
    const p = problems();
    for (const h of households) {
      if (!h.helper) continue;
      p.check(MOBILE.test(h.helper.phone), `phone ${h.helper.phone}`);
      p.check(/^[\u4e00-\u9fff]{2,3}$/.test(h.helper.name), `name ${h.helper.name}`);
      const name = byPhone.get(h.helper.phone);
      if (name !== undefined) p.check(name === h.helper.name, `${h.helper.phone} is both ${name} and ${h.helper.name}`);
      byPhone.set(h.helper.phone, h.helper.name);
      households_.set(h.helper.phone, (households_.get(h.helper.phone) ?? 0) + 1);
    }
    p.done();
    const perHelper = [...households_.values()].reduce((a, b) => a + b, 0) / households_.size;
    expect(perHelper).toBeGreaterThan(2);
    expect(perHelper).toBeLessThan(10);
  });

  it('plans poor villages with a rural population above their registered poor; exited ones have no poor left', () => {
    const personsBy = new Map<string, number>();
    const poorLeft = new Map<string, number>();
    for (const h of households) {
      personsBy.set(h.village_code, (personsBy.get(h.village_code) ?? 0) + h.members.length);
      if (h.status === 'poor' || h.status === 'returned') poorLeft.set(h.village_code, (poorLeft.get(h.village_code) ?? 0) + 1);
    }
    const exited = plan.poorVillages.filter((v) => v.exit_year !== null);
    expect(exited.length).toBeGreaterThan(0);
    expect(exited.length).toBeLessThan(plan.poorVillages.length / 2);
    for (const v of plan.poorVillages) {
      expect(personsBy.get(v.village_code)).toBeGreaterThan(0);
      expect(v.rural_population).toBeGreaterThan(personsBy.get(v.village_code) as number);
      expect(v.year_listed).toBeGreaterThanOrEqual(2014);
      if (v.exit_year !== null) {
        expect(poorLeft.get(v.village_code) ?? 0).toBe(0);
        expect(v.exit_year).toBeGreaterThanOrEqual(v.year_listed);
      }
    }
  });

  it('never repeats an ID number at this scale either', () => {
    const ids = new Set<string>();
    for (const h of households) for (const m of h.members) ids.add(m.id_number);
    expect(ids.size).toBe(persons);
  });
});

describe('set in the present', () => {
  // A day in the middle of a year: the register must end on it, not at the year's end.
  const today = new Date(Date.UTC(2026, 4, 20));
  const todayIso = '2026-05-20';
  let households: DemoHousehold[];
  beforeAll(() => {
    households = [...generateRegister({ ...opts(0.01), today, povertyLines: undefined })];
  });

  it('dates its years relative to today: identified in the three years before, exits and incomes up to this year', () => {
    const p = problems();
    for (const h of households) {
      p.check(h.year_identified >= 2023 && h.year_identified <= 2025, `${h.household_no}: identified ${h.year_identified}`);
      if (h.exit_year !== null) p.check(h.exit_year <= 2026, `${h.household_no}: exit ${h.exit_year}`);
      p.check(h.incomes[h.incomes.length - 1]?.year === 2026, `${h.household_no}: last income ${h.incomes.at(-1)?.year}`);
      for (const s of h.status_history) p.check(s.year <= 2026, `${h.household_no}: history ${s.year}`);
      for (const m of h.members) p.check(m.birth_date <= todayIso, `${h.household_no}: born ${m.birth_date}`);
    }
    p.done();
    expect(households.some((h) => h.exit_year === 2026)).toBe(true);
    expect(households.some((h) => (h.status === 'poor' || h.status === 'returned') && (h.planned_exit_year ?? 9999) < 2026)).toBe(true);
  });

  it('gives every region it is asked for households, also a village the draw passed over', () => {
    const wanted = ['211381109201', '211381109', '210727'];
    const plain = planRegister({ ...opts(0.01), today });
    expect([...plain.quotas.keys()].some((c) => c.startsWith('211381109201'))).toBe(false);
    const plan = planRegister({ ...opts(0.01), today, regionsWithData: wanted });
    for (const w of wanted)
      expect(
        [...plan.quotas.keys()].some((c) => c.startsWith(w)),
        w,
      ).toBe(true);
    const got = [...generateRegister({ ...opts(0.01), today, regionsWithData: wanted })];
    expect(got.filter((h) => h.village_code === '211381109201').length).toBeGreaterThan(5);
    expect(got.some((h) => h.village_code === '211381109201' && h.status === 'poor')).toBe(true);
  });
});
