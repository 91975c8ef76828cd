import type { AttendanceSettings } from './settings.ts';

/**
 * The attendance rules as pure functions (docs/decisions/0016-attendance.md): a month of one posting's check-ins,
 * leave and village point in, its figures out. Days are local days in Asia/Shanghai (UTC+8, no daylight saving).
 */

export interface CheckinFact {
  id: number;
  /** Device time and receipt time, ms since the epoch. */
  at: number;
  receivedAt: number;
  lat: number;
  lon: number;
  accuracy: number;
  deviceId: number | null;
  /** The other app's device number of an imported record (its 设备号), as given. */
  foreignDevice: string | null;
  /** The posting the device is registered to (null: no device, e.g. an imported record without one). */
  devicePostingId: number | null;
  source: 'app' | 'imported';
}

/** One device across both sources: this app's registered devices and the other app's device numbers. */
export function deviceKey(c: Pick<CheckinFact, 'deviceId' | 'foreignDevice'>): string | null {
  if (c.deviceId !== null) return `app:${c.deviceId}`;
  return c.foreignDevice ? `ext:${c.foreignDevice}` : null;
}

export interface LeaveFact {
  kind: 'personal' | 'sick' | 'official';
  start: string;
  end: string;
}

export interface PostingMonth {
  postingId: number;
  /** 'YYYY-MM'. */
  month: string;
  /** The village's reference point (WGS-84); without one no check-in can be judged in the village. */
  point: { lat: number; lon: number } | null;
  /** The days of the month the posting was in post, clipped to the day of computing: [from, to], or null (none). */
  inPost: { from: string; to: string } | null;
  /** Check-ins of the month, any order. */
  checkins: CheckinFact[];
  /** Approved (or taken) leave overlapping the month. */
  leave: LeaveFact[];
}

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

// The day strings by day number since the epoch: a month's computation asks for the same few dozen days hundreds of
// thousands of times (one Date and one ISO string each otherwise).
const dayNames = new Map<number, string>();

/** The local day (Asia/Shanghai) of an instant. */
export function localDay(ms: number) {
  const n = Math.floor((ms + SHANGHAI_MS) / DAY_MS);
  let day = dayNames.get(n);
  if (day === undefined) {
    day = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size > 100_000) dayNames.clear();
    dayNames.set(n, day);
  }
  return day;
}
/** The instants of a local day: from its 00:00 +08:00 to the next day's. */
export const localDayInstants = (day: string) => ({ from: `${day}T00:00:00+08:00`, to: `${addDay(day, 1)}T00:00:00+08:00` });
/** The local minute of the day (0–1439). */
export const localMinute = (ms: number) => Math.floor(((ms + SHANGHAI_MS) % DAY_MS) / 60_000);

/** The later and the earlier of two days 'YYYY-MM-DD' (strings compare as dates). */
export const laterDay = (a: string, b: string) => [a, b].sort()[1] as string;
export const earlierDay = (a: string, b: string) => [a, b].sort()[0] as string;

export const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDay(d, 1)) out.push(d);
  return out;
}

export const monthDays = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** Monday to Friday (public holidays are not known to Fupin: they count as working days). */
export const isWorkingDay = (day: string) => {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w >= 1 && w <= 5;
};

const R = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees (0 north, 90 east). */
export function bearingDeg(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/** A check-in counts in the village within the radius of the village point when its accuracy is good enough. */
export function inVillage(c: Pick<CheckinFact, 'lat' | 'lon' | 'accuracy'>, point: PostingMonth['point'], s: AttendanceSettings) {
  return point !== null && c.accuracy <= s['cadres.checkin_max_accuracy_m'] && distanceM(c, point) <= s['cadres.checkin_radius_m'];
}

/** Whether a local minute lies in the night hours (e.g. 20:00–06:00). */
export function isNight(minute: number, s: AttendanceSettings) {
  const start = s['cadres.night_start_hour'] * 60;
  const end = s['cadres.night_end_hour'] * 60;
  return start > end ? minute >= start || minute < end : minute >= start && minute < end;
}

/** The night a check-in belongs to: one before the end hour belongs to the previous evening's date. */
export function nightOf(ms: number, s: AttendanceSettings) {
  const day = localDay(ms);
  return localMinute(ms) < s['cadres.night_end_hour'] * 60 ? addDay(day, -1) : day;
}

export interface MonthFigures {
  daysInPost: number;
  /** Days with a valid in-village check-in. */
  presentDays: string[];
  officialDays: string[];
  /** Days of approved personal or sick leave. */
  leaveDays: string[];
  /** Present or on official business (each day once). */
  daysInVillage: number;
  nights: string[];
  /** The standard prorated over the days in post: ceil(min × days in post / days of the month). */
  requiredDays: number;
  compliant: boolean;
  /** Working days in post before `today` with neither presence nor approved leave. */
  absenceCandidates: string[];
}

export function monthFigures(pm: PostingMonth, s: AttendanceSettings, today: string): MonthFigures {
  const empty = { daysInPost: 0, presentDays: [], officialDays: [], leaveDays: [], daysInVillage: 0, nights: [] };
  if (!pm.inPost) return { ...empty, requiredDays: 0, compliant: true, absenceCandidates: [] };
  const { from, to } = pm.inPost;
  const inPost = (d: string) => d >= from && d <= to;
  const present = new Set<string>();
  const nights = new Set<string>();
  for (const c of pm.checkins) {
    if (!inVillage(c, pm.point, s)) continue;
    const day = localDay(c.at);
    if (inPost(day)) present.add(day);
    if (isNight(localMinute(c.at), s)) {
      const night = nightOf(c.at, s);
      if (inPost(night)) nights.add(night);
    }
  }
  const official = new Set<string>();
  const leave = new Set<string>();
  for (const l of pm.leave)
    for (const d of daysOf(laterDay(l.start, from), earlierDay(l.end, to))) (l.kind === 'official' ? official : leave).add(d);
  const days = daysOf(from, to);
  const inVillageDays = days.filter((d) => present.has(d) || official.has(d)).length;
  const required = Math.ceil((s['cadres.monthly_days_min'] * days.length) / monthDays(pm.month));
  const absenceCandidates = days.filter((d) => d < today && isWorkingDay(d) && !present.has(d) && !official.has(d) && !leave.has(d));
  const sorted = (x: Set<string>) => [...x].sort();
  return {
    daysInPost: days.length,
    presentDays: sorted(present),
    officialDays: sorted(official),
    leaveDays: sorted(leave),
    daysInVillage: inVillageDays,
    nights: sorted(nights),
    requiredDays: required,
    compliant: inVillageDays >= required,
    absenceCandidates,
  };
}
