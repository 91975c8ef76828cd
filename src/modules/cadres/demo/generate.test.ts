import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { povertyCounties, readProvince } from '../../regions/source.ts';
import { planRegister } from '../../registry/demo/generate.ts';
import { readSourceVillages } from '../../registry/demo/source-villages.ts';
import { isValidIdNumber, parseIdNumber } from '../../registry/idcard.ts';
import { END_REASONS } from '../schema.ts';
import { type CadreDemo, type CadreDemoOptions, generateCadres, TERM_DAYS } from './generate.ts';

// Mid-morning in Beijing on a fixed day: every date below is relative to it.
const NOW = new Date('2026-06-15T02:30:00Z');
const TODAY = '2026-06-15';
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

let opts: (seed?: number | string) => CadreDemoOptions;
let demo: CadreDemo;

beforeAll(async () => {
  const names = new Map<string, string>();
  for await (const r of readProvince('21')) {
    if (r.level > 4) break;
    names.set(r.code, r.name);
  }
  const plan = planRegister({
    scale: 0.02,
    seed: 7,
    villages: readSourceVillages('21'),
    povertyCountyCodes: povertyCounties('21').map((c) => c.code),
    today: NOW,
    regionsWithData: ['211381109201'],
  });
  const villages = plan.poorVillages.map((v) => ({
    code: v.village_code,
    county_code: v.county_code,
    township_code: v.township_code,
    year_listed: v.year_listed,
  }));
  opts = (seed = 7) => ({ seed, now: NOW, provinceCode: '21', villages, names, focus: ['211381'] });
  demo = generateCadres(opts());
  expect(villages.length).toBeGreaterThan(30);
}, 60_000);

const digest = (d: CadreDemo) => createHash('sha256').update(JSON.stringify(d)).digest('hex');
const stateOf = (c: { steps: { to: string }[] }) => c.steps.at(-1)?.to;

describe('demo cadres', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(digest(generateCadres(opts()))).toBe(digest(demo));
    expect(digest(generateCadres(opts(8)))).not.toBe(digest(demo));
  });

  it('staff every poor village with 3–5 in post today: one first secretary, one team leader', () => {
    const teams = new Map<string, string[]>();
    for (const p of demo.postings) {
      if (p.confirmed_on !== null && p.confirmed_on <= TODAY && p.end_date === null) {
        teams.set(p.village_code, [...(teams.get(p.village_code) ?? []), p.role]);
      }
    }
    for (const v of opts().villages) {
      const t = teams.get(v.code) ?? [];
      expect(t.length, v.code).toBeGreaterThanOrEqual(3);
      expect(t.length, v.code).toBeLessThanOrEqual(5);
      expect(
        t.filter((r) => r === 'first_secretary'),
        v.code,
      ).toHaveLength(1);
      expect(
        t.filter((r) => r === 'team_leader'),
        v.code,
      ).toHaveLength(1);
    }
  });

  it('tell each posting the same way in its dates and its steps', () => {
    const action = { finished: 'finish', rotated: 'rotate', replaced: 'replace', withdrawn: 'withdraw' } as const;
    for (const p of demo.postings) {
      const steps = p.case.steps;
      expect(steps[0]).toMatchObject({ action: 'open', to: 'proposed', effective: p.start_date });
      expect(steps[0]?.at.slice(0, 10) <= p.start_date).toBe(true);
      const confirm = steps.find((s) => s.action === 'confirm');
      expect(confirm?.effective ?? null).toBe(p.confirmed_on);
      if (p.end_kind) expect(steps.at(-1)).toMatchObject({ action: action[p.end_kind], effective: p.end_date });
      const state = stateOf(p.case);
      expect(state === 'in_post').toBe(p.confirmed_on !== null && p.end_date === null);
      expect(state === 'proposed').toBe(p.confirmed_on === null && p.end_date === null);
      expect(p.planned_end_date > p.start_date).toBe(true);
      for (let i = 1; i < steps.length; i++) expect((steps[i - 1]?.at ?? '') < (steps[i]?.at ?? '')).toBe(true);
      expect(steps.every((s) => Date.parse(s.at) <= NOW.getTime())).toBe(true);
    }
  });

  it('replace a few postings with a reason code, the successor naming the predecessor', () => {
    const replaced = demo.postings.filter((p) => p.end_kind === 'replaced');
    expect(replaced.length).toBeGreaterThan(0);
    for (const p of replaced) expect(END_REASONS).toContain(p.end_reason_code);
    for (const [i, p] of demo.postings.entries()) {
      if (p.replaces === null) continue;
      const old = demo.postings[p.replaces];
      expect(old).toMatchObject({ end_kind: 'replaced', village_code: p.village_code, role: p.role });
      expect((old?.end_date ?? '') < p.start_date, String(i)).toBe(true);
    }
    expect(demo.postings.filter((p) => p.replaces !== null)).toHaveLength(replaced.length);
  });

  it('start the postings in rounds of a two-year term, the current one one to two years ago', () => {
    const current = demo.postings.filter((p) => p.end_date === null && p.confirmed_on !== null);
    for (const p of current) {
      const ago = day(TODAY) - day(p.start_date);
      expect(ago >= 0 && ago <= 2 * 365).toBe(true);
      // A successor serves out the term of the one before; the others are posted for a full term.
      expect(day(p.planned_end_date) - day(p.start_date)).toBeLessThanOrEqual(TERM_DAYS);
    }
    const full = current.filter((p) => day(p.planned_end_date) - day(p.start_date) === TERM_DAYS);
    expect(full.length / current.length).toBeGreaterThan(0.9);
    expect(current.filter((p) => day(TODAY) - day(p.start_date) >= 345).length / current.length).toBeGreaterThan(0.9);
    const ended = demo.postings.filter((p) => p.end_kind === 'finished' || p.end_kind === 'rotated');
    expect(ended.length).toBeGreaterThan(current.length / 3);
    expect(demo.postings.every((p) => p.start_date >= '2023-01-01')).toBe(true);
  });

  it('leave some proposals awaiting confirmation, two past their deadline', () => {
    const open = demo.postings.filter((p) => stateOf(p.case) === 'proposed');
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.filter((p) => (p.case.due ?? '') < TODAY)).toHaveLength(2);
    expect(open.some((p) => p.village_code.startsWith('211381') && (p.case.due ?? '') < TODAY)).toBe(true);
  });

  it('give cadres valid, unique ID numbers of the posting county, names and phones', () => {
    const ids = new Set(demo.cadres.map((c) => c.id_number));
    expect(ids.size).toBe(demo.cadres.length);
    for (const c of demo.cadres) {
      expect(isValidIdNumber(c.id_number, NOW)).toBe(true);
      expect(c.id_number.slice(0, 6)).toBe(c.county_code);
      expect(parseIdNumber(c.id_number)).toMatchObject({ birthDate: c.birth_date, gender: c.gender });
      expect(c.phone).toMatch(/^1[358]\d{9}$/);
      expect(c.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
    for (const p of demo.postings) expect(demo.cadres[p.cadre]?.county_code).toBe(p.county_code);
    expect(demo.cadres.filter((c) => c.party_member).length / demo.cadres.length).toBeGreaterThan(0.8);
  });

  it('name units after their regions, a few dozen per city and county', () => {
    expect(demo.units.map((u) => u.name)).toEqual(expect.arrayContaining(['辽宁省财政厅', '中共北票市委组织部', '中共朝阳市委组织部']));
    const perRegion = new Map<string, number>();
    for (const u of demo.units) perRegion.set(u.region_code, (perRegion.get(u.region_code) ?? 0) + 1);
    for (const [code, n] of perRegion) if (code.length > 2) expect(n, code).toBeGreaterThanOrEqual(12);
  });

  it('grant leave without overlaps, routed to the township up to 3 days and to the county beyond', () => {
    const byPosting = new Map<number, [string, string][]>();
    for (const l of demo.leaves) {
      const p = demo.postings[l.posting];
      expect(l.start_date >= (p?.confirmed_on ?? '9')).toBe(true);
      expect(l.end_date <= (p?.end_date ?? p?.planned_end_date ?? '')).toBe(true);
      byPosting.set(l.posting, [...(byPosting.get(l.posting) ?? []), [l.start_date, l.end_date]]);
      const days = day(l.end_date) - day(l.start_date) + 1;
      for (const s of l.case.steps.filter((x) => x.action === 'approve' || x.action === 'reject')) {
        expect(s.actor.scope, `${days} days`).toHaveLength(days > 3 ? 6 : 9);
      }
      const state = stateOf(l.case);
      if (state === 'taken') expect(l.end_date < TODAY).toBe(true);
      if (state === 'approved') expect(l.end_date >= TODAY).toBe(true);
    }
    for (const spans of byPosting.values()) {
      spans.sort();
      for (let i = 1; i < spans.length; i++) expect((spans[i]?.[0] ?? '') > (spans[i - 1]?.[1] ?? '')).toBe(true);
    }
    const waiting = demo.leaves.filter((l) => stateOf(l.case) === 'requested');
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(waiting.filter((l) => (l.case.due ?? '') < TODAY)).toHaveLength(2);
    expect(demo.leaves.filter((l) => stateOf(l.case) === 'taken').length).toBeGreaterThan(demo.leaves.length * 0.8);
  });
});
