import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../idcard.ts';
import { dayIndex, dayToIso, IdAllocator, yearStart } from './ids.ts';

describe('day arithmetic', () => {
  it('agrees with Date for every day of 1900–2099', () => {
    const epoch = Date.UTC(1900, 0, 1);
    for (let day = 0; day < 73_049; day += 13) {
      const iso = new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
      expect(dayToIso(day)).toBe(iso);
      expect(dayIndex(iso)).toBe(day);
    }
    expect(dayIndex('1900-01-01')).toBe(0);
    expect(yearStart(2000)).toBe(dayIndex('2000-01-01'));
    expect(dayToIso(dayIndex('2016-02-29') + 1)).toBe('2016-03-01');
  });
});

describe('IdAllocator', () => {
  it('hands out valid numbers that encode county, date and gender', () => {
    const a = new IdAllocator();
    const m = a.allocate('211381', '1960-05-04', 'M');
    const f = a.allocate('211381', '1960-05-04', 'F');
    const today = new Date(Date.UTC(2025, 0, 1));
    expect(parseIdNumber(m.id, today)).toEqual({ regionCode: '211381', birthDate: '1960-05-04', gender: 'M' });
    expect(parseIdNumber(f.id, today)).toEqual({ regionCode: '211381', birthDate: '1960-05-04', gender: 'F' });
  });

  it('never repeats: 500 slots per gender and date, then the next day', () => {
    const a = new IdAllocator();
    const seen = new Set<string>();
    const dates = new Map<string, number>();
    for (let i = 0; i < 1_200; i++) {
      for (const g of ['M', 'F'] as const) {
        const { id, birthDate } = a.allocate('210323', '1970-12-31', g);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
        expect(parseIdNumber(id)?.birthDate).toBe(birthDate);
        expect(parseIdNumber(id)?.gender).toBe(g);
        dates.set(`${birthDate}/${g}`, (dates.get(`${birthDate}/${g}`) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(2_400);
    expect(Object.fromEntries(dates)).toEqual({
      '1970-12-31/M': 500,
      '1970-12-31/F': 500,
      '1971-01-01/M': 500,
      '1971-01-01/F': 500,
      '1971-01-02/M': 200,
      '1971-01-02/F': 200,
    });
    // the sequences of one date and gender are all different and do not simply count up
    const seqs = [...seen].filter((id) => id.slice(6, 14) === '19701231' && Number(id[16]) % 2 === 1).map((id) => id.slice(14, 17));
    expect(new Set(seqs).size).toBe(500);
  });

  it('keeps counties apart and can forget a finished county', () => {
    const a = new IdAllocator();
    const x = a.allocate('210123', '1980-01-01', 'M').id;
    const y = a.allocate('210124', '1980-01-01', 'M').id;
    expect(x.slice(0, 6)).toBe('210123');
    expect(y.slice(0, 6)).toBe('210124');
    expect(x.slice(6, 17)).toBe(y.slice(6, 17)); // same date, same first slot
    a.release('210123');
    expect(a.allocate('210123', '1980-01-01', 'M').id).toBe(x); // counters restart: only release a county that is done
    expect(() => a.allocate('2101', '1980-01-01', 'M')).toThrow();
  });

  it('counts from the top for a second population of the same counties, meeting the register only when a date is full', () => {
    const register = new IdAllocator();
    const cadres = new IdAllocator({ fromTop: true });
    const a = Array.from({ length: 250 }, () => register.allocate('211381', '1985-04-01', 'F').id);
    const b = Array.from({ length: 250 }, () => cadres.allocate('211381', '1985-04-01', 'F').id);
    expect(new Set([...a, ...b]).size).toBe(500);
    expect(b.every((id) => parseIdNumber(id)?.birthDate === '1985-04-01' && parseIdNumber(id)?.gender === 'F')).toBe(true);
  });
});
