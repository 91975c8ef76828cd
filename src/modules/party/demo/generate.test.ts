import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../registry/idcard.ts';
import { generateParty } from './generate.ts';

const villages = Array.from({ length: 30 }, (_, i) => ({
  code: `211381109${String(201 + i)}`,
  county_code: '211381',
  name: `测试${i}村`,
  poor: i % 2 === 0,
}));

describe('the party demo generator', () => {
  const d = generateParty(villages, { seed: 7, year: 2026 });

  it('is deterministic for a seed', () => {
    expect(generateParty(villages, { seed: 7, year: 2026 })).toEqual(d);
    expect(generateParty(villages, { seed: 8, year: 2026 })).not.toEqual(d);
  });

  it('gives each village one organisation of 20–60 members, a 党总支 above 50', () => {
    expect(d.orgs).toHaveLength(villages.length);
    for (const [i, o] of d.orgs.entries()) {
      const n = d.members.filter((m) => m.village === i).length;
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(60);
      expect(o.kind).toBe(n > 50 ? 'general_branch' : 'branch');
      expect(o.name).toMatch(n > 50 ? /党总支委员会$/ : /支部委员会$/);
    }
  });

  it('makes valid, unique ID numbers that agree with birth date and gender, joined after 18', () => {
    const ids = new Set(d.members.map((m) => m.id_number));
    expect(ids.size).toBe(d.members.length);
    for (const m of d.members) {
      expect(parseIdNumber(m.id_number)).toMatchObject({ birthDate: m.birth_date, gender: m.gender });
      expect(Number(m.joined_on.slice(0, 4)) - Number(m.birth_date.slice(0, 4))).toBeGreaterThanOrEqual(18);
    }
  });

  it('keeps one current secretary per village, a predecessor ending the day before', () => {
    for (let v = 0; v < villages.length; v++) {
      const terms = d.terms.filter((t) => t.village === v);
      expect(terms.filter((t) => t.end_date === null)).toHaveLength(1);
      const [before, current] = terms.length === 2 ? terms : [null, terms[0]];
      if (before && current) {
        const dayBefore = new Date(Date.parse(`${current.start_date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(before.end_date).toBe(dayBefore);
      }
      for (const t of terms) expect(d.members[t.member]?.village).toBe(v);
    }
  });

  it('has wealth leaders mostly in poor villages', () => {
    const leaders = d.members.filter((m) => m.wealth_industry !== null);
    expect(leaders.length).toBeGreaterThan(0);
    expect(leaders.filter((m) => villages[m.village]?.poor).length).toBeGreaterThanOrEqual(leaders.length / 2);
  });
});
