import { describe, expect, it } from 'vitest';
import {
  clockSkew,
  commutingNoNight,
  commutingPattern,
  flagsOf,
  implausibleAccuracy,
  impossibleTravel,
  nameOnly,
  otherDevice,
  repeatedPosition,
  sharedDevice,
} from './flags.ts';
import { type CheckinFact, distanceM, inVillage, isWorkingDay, localDay, monthFigures, nightOf, type PostingMonth } from './rules.ts';
import { defaultSettings } from './settings.ts';

const S = defaultSettings();
const POINT = { lat: 41.8, lon: 120.77 };
const MONTH = '2026-03';
const TODAY = '2026-04-10';

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shanghai local time → ms. */
const at = (day: string, hh: number, mm = 0) => Date.parse(`${day}T00:00:00+08:00`) + (hh * 60 + mm) * 60_000;

let nextId = 1;
function checkin(ms: number, pos: { lat: number; lon: number }, accuracy: number, extra: Partial<CheckinFact> = {}): CheckinFact {
  return {
    id: nextId++,
    at: ms,
    receivedAt: ms + 5000,
    lat: pos.lat,
    lon: pos.lon,
    accuracy,
    deviceId: 1,
    foreignDevice: null,
    devicePostingId: 7,
    source: 'app',
    ...extra,
  };
}

/** An honest month: in the village most days (a few away), a morning and an evening check-in, jitter, real accuracies. */
function honest(seed = 1): CheckinFact[] {
  const r = rng(seed);
  const out: CheckinFact[] = [];
  for (let d = 1; d <= 31; d++) {
    const day = `${MONTH}-${String(d).padStart(2, '0')}`;
    if (d % 9 === 0) continue;
    const jitter = () => ({ lat: POINT.lat + (r() - 0.5) * 0.01, lon: POINT.lon + (r() - 0.5) * 0.01 });
    out.push(checkin(at(day, 7 + Math.floor(r() * 3), Math.floor(r() * 60)), jitter(), 8 + r() * 40));
    if (r() < 0.6) out.push(checkin(at(day, 20 + Math.floor(r() * 3), Math.floor(r() * 60)), jitter(), 8 + r() * 40));
    out.push(checkin(at(day, 13 + Math.floor(r() * 4), Math.floor(r() * 60)), jitter(), 8 + r() * 40));
  }
  return out;
}

const pm = (checkins: CheckinFact[], extra: Partial<PostingMonth> = {}): PostingMonth => ({
  postingId: 7,
  month: MONTH,
  point: POINT,
  inPost: { from: `${MONTH}-01`, to: `${MONTH}-31` },
  checkins,
  leave: [],
  ...extra,
});

const noShare = () => [];

describe('attendance rules', () => {
  it('judges a check-in in the village by radius and accuracy', () => {
    // 0.017° of latitude is about 1.89 km; 0.019° about 2.11 km.
    expect(distanceM(POINT, { lat: 41.817, lon: 120.77 })).toBeGreaterThan(1880);
    expect(inVillage({ lat: 41.817, lon: 120.77, accuracy: 50 }, POINT, S)).toBe(true);
    expect(inVillage({ lat: 41.819, lon: 120.77, accuracy: 50 }, POINT, S)).toBe(false);
    expect(inVillage({ lat: 41.8, lon: 120.77, accuracy: 201 }, POINT, S)).toBe(false);
    expect(inVillage({ lat: 41.8, lon: 120.77, accuracy: 10 }, null, S)).toBe(false);
  });

  it('uses Shanghai local days and puts early-morning check-ins on the previous night', () => {
    // 2026-03-01 23:30 UTC is 2026-03-02 07:30 in Shanghai.
    expect(localDay(Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(nightOf(at('2026-03-05', 2), S)).toBe('2026-03-04');
    expect(nightOf(at('2026-03-05', 21), S)).toBe('2026-03-05');
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false);
  });

  it('counts distinct days, nights, official days and absence candidates', () => {
    const cs = [
      checkin(at('2026-03-02', 8), POINT, 10),
      checkin(at('2026-03-02', 15), POINT, 12), // same day twice
      checkin(at('2026-03-03', 21), POINT, 12), // night of the 3rd
      checkin(at('2026-03-05', 3), POINT, 12), // night of the 4th, present on the 5th
      checkin(at('2026-03-06', 9), { lat: 42.1, lon: 120.77 }, 12), // 33 km away: not present
      checkin(at('2026-03-09', 9), POINT, 250), // accuracy too poor
    ];
    const leave = [
      { kind: 'official' as const, start: '2026-03-10', end: '2026-03-11' },
      { kind: 'sick' as const, start: '2026-03-12', end: '2026-03-12' },
    ];
    const f = monthFigures(pm(cs, { leave, inPost: { from: '2026-03-02', to: '2026-03-13' } }), S, TODAY);
    expect(f.presentDays).toEqual(['2026-03-02', '2026-03-03', '2026-03-05']);
    expect(f.nights).toEqual(['2026-03-03', '2026-03-04']);
    expect(f.officialDays).toEqual(['2026-03-10', '2026-03-11']);
    expect(f.leaveDays).toEqual(['2026-03-12']);
    expect(f.daysInVillage).toBe(5);
    expect(f.daysInPost).toBe(12);
    expect(f.requiredDays).toBe(Math.ceil((20 * 12) / 31)); // 8
    expect(f.compliant).toBe(false);
    // Working days 2–13 March without presence or leave: 4, 6, 9, 13.
    expect(f.absenceCandidates).toEqual(['2026-03-04', '2026-03-06', '2026-03-09', '2026-03-13']);
  });

  it('proposes no absence for today or later', () => {
    const f = monthFigures(pm([], { inPost: { from: '2026-03-30', to: '2026-03-31' } }), S, '2026-03-31');
    expect(f.absenceCandidates).toEqual(['2026-03-30']);
  });

  it('raises no flag on an honest month', () => {
    const p = pm(honest());
    const f = monthFigures(p, S, TODAY);
    expect(f.compliant).toBe(true);
    expect(f.nights.length).toBeGreaterThan(5);
    expect(flagsOf(p, f, S, noShare).filter((x) => x.code !== 'absence_candidate')).toEqual([]);
  });

  it('挂名: few days in the village', () => {
    const cs = honest().filter((c) => localDay(c.at) <= '2026-03-04');
    const f = monthFigures(pm(cs), S, TODAY);
    const flag = nameOnly(f, S);
    expect(flag?.evidence).toMatchObject({ daysInVillage: 4, requiredDays: 20 });
    expect(nameOnly(monthFigures(pm(honest()), S, TODAY), S)).toBeNull();
  });

  it('走读: present by day, never at night', () => {
    const day = honest().filter((c) => {
      const h = new Date(c.at + 8 * 3_600_000).getUTCHours();
      return h >= 7 && h < 18;
    });
    expect(commutingNoNight(monthFigures(pm(day), S, TODAY), S)?.code).toBe('commuting_no_night');
    expect(commutingNoNight(monthFigures(pm(honest()), S, TODAY), S)).toBeNull();
  });

  it('走读: the same hours every day, arriving from the same direction', () => {
    const r = rng(5);
    const cs: CheckinFact[] = [];
    for (let d = 2; d <= 27; d++) {
      const day = `${MONTH}-${String(d).padStart(2, '0')}`;
      if (!isWorkingDay(day)) continue;
      // Arrives from the south-east road about 1.2 km out, 08:40–09:10; leaves 16:50–17:20.
      cs.push(
        checkin(
          at(day, 8, 40 + Math.floor(r() * 30)),
          { lat: POINT.lat - 0.008 + r() * 0.0005, lon: POINT.lon + 0.009 + r() * 0.0005 },
          10 + r() * 20,
        ),
      );
      cs.push(
        checkin(
          at(day, 16, 50 + Math.floor(r() * 30)),
          { lat: POINT.lat + (r() - 0.5) * 0.002, lon: POINT.lon + (r() - 0.5) * 0.002 },
          10 + r() * 20,
        ),
      );
    }
    const p = pm(cs);
    const flag = commutingPattern(p, monthFigures(p, S, TODAY), S);
    expect(flag?.code).toBe('commuting_pattern');
    expect((flag?.evidence.bearing as number) > 90 && (flag?.evidence.bearing as number) < 180).toBe(true);
    const h = pm(honest());
    expect(commutingPattern(h, monthFigures(h, S, TODAY), S)).toBeNull();
  });

  it('forged: one exact position on several days', () => {
    const fixed = { lat: 41.80123, lon: 120.77045 };
    const cs = [...honest(), ...['03', '10', '17'].map((d) => checkin(at(`2026-03-${d}`, 10), fixed, 15, { source: 'imported' }))];
    const flag = repeatedPosition(pm(cs), S);
    expect(flag?.evidence).toMatchObject({ dates: ['2026-03-03', '2026-03-10', '2026-03-17'], imported: 3 });
    expect((flag?.evidence.records as { imported?: boolean }[] | undefined)?.[0]?.imported).toBe(true);
    expect(repeatedPosition(pm(honest()), S)).toBeNull();
  });

  it('forged: accuracy of 0, constant or always round', () => {
    expect(implausibleAccuracy(pm([...honest(), checkin(at('2026-03-04', 11), POINT, 0)]))?.evidence.kind).toBe('zero');
    expect(implausibleAccuracy(pm(honest().map((c) => ({ ...c, accuracy: 5 }))))?.evidence.kind).toBe('constant');
    expect(implausibleAccuracy(pm(honest().map((c, i) => ({ ...c, accuracy: 10 + 5 * (i % 4) }))))?.evidence.kind).toBe('round');
    expect(implausibleAccuracy(pm(honest()))).toBeNull();
  });

  it('forged: impossible travel between consecutive records', () => {
    // Shenyang (41.80, 123.43) 15 minutes after the village: ~220 km.
    const cs = [...honest(), checkin(at('2026-03-04', 12), POINT, 20), checkin(at('2026-03-04', 12, 15), { lat: 41.8, lon: 123.43 }, 20)];
    const flag = impossibleTravel(pm(cs), S);
    expect(flag?.code).toBe('forged_travel');
    expect((flag?.evidence.legs as { kmh: number }[] | undefined)?.[0]?.kmh).toBeGreaterThan(150);
    expect(impossibleTravel(pm(honest()), S)).toBeNull();
  });

  it('forged: a device shared by cadres, a device of someone else', () => {
    expect(sharedDevice(pm(honest()), (d) => (d === 'app:1' ? [7, 8] : []))?.evidence.devices).toEqual([
      { deviceId: 1, otherPostings: [8] },
    ]);
    expect(sharedDevice(pm(honest()), () => [7])).toBeNull();
    const other = [...honest(), checkin(at('2026-03-04', 11), POINT, 14, { deviceId: 2, devicePostingId: 9 })];
    expect(otherDevice(pm(other))?.evidence).toMatchObject({ ownerPostings: [9], recordCount: 1 });
    expect(otherDevice(pm(honest()))).toBeNull();
  });

  it('forged: one device number of the other app used by several cadres (imported records, no signature)', () => {
    const imported = (extra: Partial<CheckinFact>) =>
      honest().map((c) => ({ ...c, deviceId: null, devicePostingId: null, source: 'imported' as const, ...extra }));
    const phone = imported({ foreignDevice: 'IMEI-86001' });
    const byDevice = (d: string) => (d === 'ext:IMEI-86001' ? [7, 12] : d === 'ext:IMEI-86002' ? [7] : []);
    expect(sharedDevice(pm(phone), byDevice)?.evidence.devices).toEqual([{ foreignDevice: 'IMEI-86001', otherPostings: [12] }]);
    expect(sharedDevice(pm(imported({ foreignDevice: 'IMEI-86002' })), byDevice)).toBeNull();
    // Without a device number there is nothing to compare: no flag.
    expect(sharedDevice(pm(imported({ foreignDevice: null })), () => [7, 12])).toBeNull();
  });

  it('forged: clock skew on records sent online', () => {
    const skewed = honest().map((c, i) => (i % 10 === 0 ? { ...c, receivedAt: c.at + 3 * 3_600_000 + (i % 7) * 1000 } : c));
    expect(clockSkew(pm(skewed), S)?.code).toBe('forged_clock_skew');
    // Late by hours, each by another amount: a phone that was offline, not a wrong clock.
    const offline = honest().map((c, i) => (i % 10 === 0 ? { ...c, receivedAt: c.at + (1 + i) * 1_234_567 } : c));
    expect(clockSkew(pm(offline), S)).toBeNull();
    expect(clockSkew(pm([...honest(), checkin(at('2026-03-04', 11), POINT, 14, { receivedAt: at('2026-03-04', 10) })]), S)?.code).toBe(
      'forged_clock_skew',
    );
    // The same delay on records synced together in one batch (offline, then online) is no skew.
    const batch = Date.parse('2026-04-01T00:00:00Z');
    expect(clockSkew(pm(honest().map((c) => ({ ...c, receivedAt: batch }))), S)).toBeNull();
    expect(clockSkew(pm(honest()), S)).toBeNull();
  });
});
