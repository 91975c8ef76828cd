import { describe, expect, it } from 'vitest';
import { beijingDay, IMPORTED_CHECKIN_NAMESPACE, parseCheckinTime, uuidV5 } from './checkins-import.ts';

describe('foreign check-ins: times and record ids', () => {
  it('reads Beijing wall-clock times, honours an explicit offset, refuses impossible dates', () => {
    expect(parseCheckinTime('2026-11-03 07:45:12')?.toISOString()).toBe('2026-11-02T23:45:12.000Z');
    expect(parseCheckinTime('2026/11/3 7:45')?.toISOString()).toBe('2026-11-02T23:45:00.000Z');
    expect(parseCheckinTime('2026年11月3日 07时45分12秒')?.toISOString()).toBe('2026-11-02T23:45:12.000Z');
    expect(parseCheckinTime('2026-11-03T07:45:12.5+08:00')?.toISOString()).toBe('2026-11-02T23:45:12.500Z');
    expect(parseCheckinTime('2026-11-03T07:45:12Z')?.toISOString()).toBe('2026-11-03T07:45:12.000Z');
    // An xlsx date cell: its UTC fields are the wall clock.
    expect(parseCheckinTime(new Date(Date.UTC(2026, 10, 3, 7, 45, 12)))?.toISOString()).toBe('2026-11-02T23:45:12.000Z');
    for (const bad of ['2026-02-30 08:00', '2026-11-03', '2026-13-01 08:00', '08:00', 'yesterday', '2026-11-03 24:10']) {
      expect(parseCheckinTime(bad), bad).toBeNull();
    }
  });

  it('dates a check-in by the Beijing calendar', () => {
    expect(beijingDay(new Date('2026-11-02T23:45:12Z'))).toBe('2026-11-03');
    expect(beijingDay(new Date('2026-11-03T15:59:59Z'))).toBe('2026-11-03');
  });

  it('derives record ids as RFC 4122 version-5 UUIDs (the published DNS example)', () => {
    // The RFC's DNS namespace and a published example.
    const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidV5('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', dns)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    const id = uuidV5('hash|2026-11-02T23:45:12.000Z|120.7734|41.8012', IMPORTED_CHECKIN_NAMESPACE);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
