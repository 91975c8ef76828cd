import { beforeAll, describe, expect, it } from 'vitest';
import { LINES, opts, problems, readSource, source } from './generate.test-support.ts';
import { type DemoHousehold, generateRegister, planRegister } from './generate.ts';

/** The demo register at scale 0.1 is realistic: sizes, causes, statuses, gaps, members, ethnic groups, helpers, villages. */

const MOBILE = /^1(3\d|5[0-35-9]|8\d)\d{8}$/;

beforeAll(readSource);

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
    const codes = new Set(source.villages.map((v) => v.code));
    for (const v of plan.poorVillages) expect(codes.has(v.village_code)).toBe(true);
    const inPoverty = plan.poorVillages.filter((v) => source.poverty.includes(v.county_code)).length;
    expect(inPoverty / 179).toBeGreaterThan(0.5);
    const personsInPoverty = households.filter((h) => source.poverty.includes(h.county_code)).reduce((a, h) => a + h.members.length, 0);
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
