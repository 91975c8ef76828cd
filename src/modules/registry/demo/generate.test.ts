import { beforeAll, describe, expect, it } from 'vitest';
import { type CodeListId, listCodes } from '../codelists.ts';
import { isValidIdNumber, parseIdNumber } from '../idcard.ts';
import { digest, opts, problems, readSource, source } from './generate.test-support.ts';
import { type DemoHousehold, generateRegister, planRegister } from './generate.ts';

/** The demo register's identities, codes and determinism; its realism at scale 0.1 is in generate-realism.test.ts. */

const TODAY = new Date(Date.UTC(2025, 0, 1));

beforeAll(readSource);

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
    const reversed = { ...opts(0.01, 7), villages: [...source.villages].reverse() };
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
