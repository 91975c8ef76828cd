import {
  bearingDeg,
  type CheckinFact,
  deviceKey,
  distanceM,
  localDay,
  localMinute,
  type MonthFigures,
  type PostingMonth,
} from './rules.ts';
import type { AttendanceSettings } from './settings.ts';

/**
 * The flag rules (挂名 / 走读 / forged presence): each looks at one posting's month and answers a flag with its
 * reason in both languages and the evidence (dates, records) a person verifies. A flag never decides anything.
 * Imported records (no signature) are judged by the same rules; in the evidence each is marked `imported`.
 */

export const FLAG_CODES = [
  'name_only',
  'commuting_no_night',
  'commuting_pattern',
  'forged_repeated_position',
  'forged_accuracy',
  'forged_travel',
  'forged_shared_device',
  'forged_other_device',
  'forged_clock_skew',
  'absence_candidate',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface Flag {
  code: FlagCode;
  /** '' for a month flag; the day of an absence candidate. */
  subject: string;
  reasonZh: string;
  reasonEn: string;
  evidence: Record<string, unknown>;
}

export interface RecordEvidence {
  id: number;
  at: string;
  lat: number;
  lon: number;
  accuracy: number;
  imported?: true;
}

const MAX_RECORDS = 20;

export const recordEvidence = (c: CheckinFact): RecordEvidence => ({
  id: c.id,
  at: new Date(c.at).toISOString(),
  lat: c.lat,
  lon: c.lon,
  accuracy: c.accuracy,
  ...(c.source === 'imported' ? { imported: true as const } : {}),
});

const records = (cs: CheckinFact[]) => {
  const list = cs.slice(0, MAX_RECORDS).map(recordEvidence);
  const imported = cs.filter((c) => c.source === 'imported').length;
  return { records: list, recordCount: cs.length, ...(imported ? { imported } : {}) };
};

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The spread of the middle 80 % of values (minutes): a stray early or late day does not hide a routine. */
function coreSpread(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const cut = Math.floor(v.length * 0.1);
  const core = v.slice(cut, v.length - cut);
  return { low: core[0] ?? 0, high: core.at(-1) ?? 0, spread: (core.at(-1) ?? 0) - (core[0] ?? 0) };
}

/** 挂名: days in village far below the (prorated) standard, judged once a week in post is there to judge. */
export function nameOnly(f: MonthFigures, s: AttendanceSettings): Flag | null {
  const limit = (f.requiredDays * s['cadres.flag_name_only_pct']) / 100;
  if (f.daysInPost < 7 || f.daysInVillage >= limit) return null;
  return {
    code: 'name_only',
    subject: '',
    reasonZh: `本月在村 ${f.daysInVillage} 天，远低于标准 ${f.requiredDays} 天（不足 ${s['cadres.flag_name_only_pct']}%）`,
    reasonEn: `${f.daysInVillage} days in the village this month, far below the standard of ${f.requiredDays} (under ${s['cadres.flag_name_only_pct']}%)`,
    evidence: { daysInVillage: f.daysInVillage, requiredDays: f.requiredDays, daysInPost: f.daysInPost, presentDays: f.presentDays },
  };
}

/** 走读: present by day on many days, never at night over the month. */
export function commutingNoNight(f: MonthFigures, s: AttendanceSettings): Flag | null {
  if (f.nights.length > 0 || f.presentDays.length < s['cadres.flag_commuting_min_days']) return null;
  return {
    code: 'commuting_no_night',
    subject: '',
    reasonZh: `本月在村签到 ${f.presentDays.length} 天，但没有一次夜间（${s['cadres.night_start_hour']}:00–次日${s['cadres.night_end_hour']}:00）签到`,
    reasonEn: `Checked in on ${f.presentDays.length} days this month but never at night (${s['cadres.night_start_hour']}:00–${s['cadres.night_end_hour']}:00)`,
    evidence: { presentDays: f.presentDays, nights: 0 },
  };
}

/**
 * 走读 by routine: on most days the first and the last check-in fall in the same narrow windows and the first one
 * comes from the same direction, away from the village point (a commuter arriving by the same road), with at most one
 * night in the month.
 */
export function commutingPattern(pm: PostingMonth, f: MonthFigures, s: AttendanceSettings): Flag | null {
  if (!pm.point || f.nights.length > 1) return null;
  const byDay = new Map<string, CheckinFact[]>();
  for (const c of [...pm.checkins].sort((a, b) => a.at - b.at)) {
    const d = localDay(c.at);
    const list = byDay.get(d);
    if (list) list.push(c);
    else byDay.set(d, [c]);
  }
  const days = [...byDay.entries()].filter(([, cs]) => cs.length >= 2);
  if (days.length < s['cadres.flag_pattern_min_days']) return null;
  const point = pm.point;
  const first = coreSpread(days.map(([, cs]) => localMinute((cs[0] as CheckinFact).at)));
  const last = coreSpread(days.map(([, cs]) => localMinute((cs.at(-1) as CheckinFact).at)));
  const window = s['cadres.flag_pattern_window_min'];
  if (first.spread > window || last.spread > window) return null;
  const arrivals = days.map(([, cs]) => cs[0] as CheckinFact);
  const far = arrivals.filter((c) => distanceM(point, c) >= 300);
  if (far.length < arrivals.length * 0.8) return null;
  // The mean bearing; "the same direction" when 80 % of the arrivals lie within 30° of it.
  const b = far.map((c) => (bearingDeg(point, c) * Math.PI) / 180);
  const mean =
    ((Math.atan2(
      b.reduce((a, x) => a + Math.sin(x), 0),
      b.reduce((a, x) => a + Math.cos(x), 0),
    ) *
      180) /
      Math.PI +
      360) %
    360;
  const near = far.filter((c) => Math.abs(((bearingDeg(point, c) - mean + 540) % 360) - 180) <= 30);
  if (near.length < arrivals.length * 0.8) return null;
  return {
    code: 'commuting_pattern',
    subject: '',
    reasonZh: `${days.length} 天中首次签到多在 ${hhmm(first.low)}–${hhmm(first.high)}、末次在 ${hhmm(last.low)}–${hhmm(last.high)}，且都从同一方向（约 ${Math.round(mean)}°）进村`,
    reasonEn: `On ${days.length} days the first check-in falls in ${hhmm(first.low)}–${hhmm(first.high)} and the last in ${hhmm(last.low)}–${hhmm(last.high)}, arriving from the same direction (about ${Math.round(mean)}°)`,
    evidence: {
      dates: days.map(([d]) => d),
      firstWindow: [hhmm(first.low), hhmm(first.high)],
      lastWindow: [hhmm(last.low), hhmm(last.high)],
      bearing: Math.round(mean),
      ...records(arrivals),
    },
  };
}

/** Forged: one exact position on several days (a real phone's fix jitters by metres). */
export function repeatedPosition(pm: PostingMonth, s: AttendanceSettings): Flag | null {
  const byPos = new Map<string, CheckinFact[]>();
  for (const c of pm.checkins) {
    const k = `${c.lat}|${c.lon}`;
    const list = byPos.get(k);
    if (list) list.push(c);
    else byPos.set(k, [c]);
  }
  let worst: { cs: CheckinFact[]; days: string[] } | null = null;
  for (const cs of byPos.values()) {
    // Fewer records than the days asked for cannot span them (most positions are seen once).
    if (cs.length < s['cadres.flag_repeat_days']) continue;
    const days = [...new Set(cs.map((c) => localDay(c.at)))].sort();
    if (days.length >= s['cadres.flag_repeat_days'] && (!worst || days.length > worst.days.length)) worst = { cs, days };
  }
  if (!worst) return null;
  const c0 = worst.cs[0] as CheckinFact;
  return {
    code: 'forged_repeated_position',
    subject: '',
    reasonZh: `同一坐标（${c0.lat}, ${c0.lon}）在 ${worst.days.length} 天中完全重复出现，真实定位总有偏差`,
    reasonEn: `The exact same position (${c0.lat}, ${c0.lon}) on ${worst.days.length} days; a real fix always jitters`,
    evidence: { position: { lat: c0.lat, lon: c0.lon }, dates: worst.days, ...records(worst.cs) },
  };
}

/** Forged: accuracy exactly 0, the same value on every record, or a multiple of 5 every time. */
export function implausibleAccuracy(pm: PostingMonth): Flag | null {
  const cs = pm.checkins;
  const zero = cs.filter((c) => c.accuracy === 0);
  const same = cs.length >= 5 && cs.every((c) => c.accuracy === cs[0]?.accuracy);
  const round = cs.length >= 10 && cs.every((c) => c.accuracy > 0 && c.accuracy % 5 === 0);
  if (!zero.length && !same && !round) return null;
  const kind = zero.length ? 'zero' : same ? 'constant' : 'round';
  const zh = {
    zero: `${zero.length} 条记录精度恰为 0 米`,
    constant: `${cs.length} 条记录精度都是 ${cs[0]?.accuracy} 米`,
    round: `${cs.length} 条记录精度全是 5 的整数倍`,
  };
  const en = {
    zero: `${zero.length} records with an accuracy of exactly 0 m`,
    constant: `All ${cs.length} records report the same accuracy of ${cs[0]?.accuracy} m`,
    round: `All ${cs.length} records report a round accuracy (multiples of 5 m)`,
  };
  return {
    code: 'forged_accuracy',
    subject: '',
    reasonZh: `定位精度不可信：${zh[kind]}`,
    reasonEn: `Implausible accuracy: ${en[kind]}`,
    evidence: { kind, ...records(zero.length ? zero : cs) },
  };
}

/** Forged: consecutive records farther apart than the speed limit allows (beyond 1 km, to ignore jitter). */
export function impossibleTravel(pm: PostingMonth, s: AttendanceSettings): Flag | null {
  const cs = [...pm.checkins].sort((a, b) => a.at - b.at || a.id - b.id);
  const max = s['cadres.flag_max_speed_kmh'];
  const legs: { from: RecordEvidence; to: RecordEvidence; km: number; kmh: number | null }[] = [];
  for (let i = 1; i < cs.length; i++) {
    const a = cs[i - 1] as CheckinFact;
    const b = cs[i] as CheckinFact;
    const km = distanceM(a, b) / 1000;
    if (km <= 1) continue;
    const hours = (b.at - a.at) / 3_600_000;
    if (hours > 0 && km / hours <= max) continue;
    legs.push({
      from: recordEvidence(a),
      to: recordEvidence(b),
      km: Math.round(km * 10) / 10,
      kmh: hours > 0 ? Math.round(km / hours) : null,
    });
  }
  if (!legs.length) return null;
  const l0 = legs[0] as (typeof legs)[number];
  const speed = (zh: boolean) => (l0.kmh === null ? (zh ? '同一时刻' : 'at the same instant') : `${l0.kmh} km/h`);
  return {
    code: 'forged_travel',
    subject: '',
    reasonZh: `${legs.length} 次前后两条签到间移动速度超过 ${max} km/h（如 ${l0.km} km，${speed(true)}）`,
    reasonEn: `${legs.length} moves between consecutive check-ins faster than ${max} km/h (e.g. ${l0.km} km, ${speed(false)})`,
    evidence: { maxKmh: max, legs: legs.slice(0, MAX_RECORDS), legCount: legs.length },
  };
}

/** Forged: a device whose records this month belong to several cadres' postings. */
export function sharedDevice(pm: PostingMonth, devicePostings: (device: string) => number[]): Flag | null {
  const shared = new Map<string, { device: CheckinFact; others: number[] }>();
  for (const c of pm.checkins) {
    const k = deviceKey(c);
    if (k === null || shared.has(k)) continue;
    const others = devicePostings(k).filter((p) => p !== pm.postingId);
    if (others.length) shared.set(k, { device: c, others });
  }
  if (!shared.size) return null;
  // This app's devices by id; an imported record's by the other app's device number.
  const devices = [...shared.values()].map(({ device, others }) =>
    device.deviceId !== null
      ? { deviceId: device.deviceId, otherPostings: others }
      : { foreignDevice: device.foreignDevice, otherPostings: others },
  );
  const cs = pm.checkins.filter((c) => {
    const k = deviceKey(c);
    return k !== null && shared.has(k);
  });
  return {
    code: 'forged_shared_device',
    subject: '',
    reasonZh: `${devices.length} 台设备本月也为其他 ${new Set(devices.flatMap((d) => d.otherPostings)).size} 名驻村干部签到`,
    reasonEn: `${devices.length} device(s) also checked in other cadres (${new Set(devices.flatMap((d) => d.otherPostings)).size}) this month`,
    evidence: { devices, ...records(cs) },
  };
}

/** Forged: records signed by a device registered to another posting. */
export function otherDevice(pm: PostingMonth): Flag | null {
  const cs = pm.checkins.filter((c) => c.devicePostingId !== null && c.devicePostingId !== pm.postingId);
  if (!cs.length) return null;
  const owners = [...new Set(cs.map((c) => c.devicePostingId))];
  return {
    code: 'forged_other_device',
    subject: '',
    reasonZh: `${cs.length} 条签到由登记给他人的设备签名`,
    reasonEn: `${cs.length} check-ins signed by a device registered to someone else`,
    evidence: { ownerPostings: owners, ...records(cs) },
  };
}

/**
 * Forged: the phone's clock disagrees with the server's. A record queued offline arrives late by however long the
 * phone was offline, a different delay each time; a phone whose clock is set wrong is off by the same amount on every
 * record it sends online. So: at least three records, on two days or more, late (or early) by more than the limit and
 * by the same amount within two minutes. A device time ahead of receipt by more than the limit is always skewed.
 */
export function clockSkew(pm: PostingMonth, s: AttendanceSettings): Flag | null {
  const limit = s['cadres.flag_clock_skew_min'] * 60_000;
  const ahead = pm.checkins.filter((c) => c.at - c.receivedAt > limit);
  const late = pm.checkins.filter((c) => c.receivedAt - c.at > limit).sort((a, b) => a.receivedAt - a.at - (b.receivedAt - b.at));
  let steady: CheckinFact[] = [];
  for (let i = 0, j = 0; j < late.length; j++) {
    const lag = (c: CheckinFact) => c.receivedAt - c.at;
    while (lag(late[j] as CheckinFact) - lag(late[i] as CheckinFact) > 120_000) i++;
    const run = late.slice(i, j + 1);
    if (run.length > steady.length && new Set(run.map((c) => localDay(c.at))).size >= 2) steady = run;
  }
  if (steady.length < 3) steady = [];
  if (!ahead.length && !steady.length) return null;
  const cs = [...ahead, ...steady].sort((a, b) => a.at - b.at);
  const worst = Math.max(...cs.map((c) => Math.round(Math.abs(c.receivedAt - c.at) / 60_000)));
  return {
    code: 'forged_clock_skew',
    subject: '',
    reasonZh: `${cs.length} 条签到的设备时间与服务器接收时间始终相差约 ${worst} 分钟（超过 ${s['cadres.flag_clock_skew_min']} 分钟），手机时间可能被调整`,
    reasonEn: `${cs.length} check-ins whose device time is consistently about ${worst} minutes off the receipt time (over ${s['cadres.flag_clock_skew_min']}); the phone clock may have been set`,
    evidence: {
      skewMinutes: cs.slice(0, MAX_RECORDS).map((c) => ({ id: c.id, minutes: Math.round((c.receivedAt - c.at) / 60_000) })),
      ...records(cs),
    },
  };
}

/** An unexcused-absence candidate: a working day in post with neither presence nor approved leave. */
export const absenceCandidate = (day: string): Flag => ({
  code: 'absence_candidate',
  subject: day,
  reasonZh: `${day} 为工作日，无在村签到，也无已批准的请假`,
  reasonEn: `${day} is a working day with no check-in in the village and no approved leave`,
  evidence: { dates: [day] },
});

/** Every flag of a posting's month. */
export function flagsOf(pm: PostingMonth, f: MonthFigures, s: AttendanceSettings, devicePostings: (device: string) => number[]): Flag[] {
  const month = [
    nameOnly(f, s),
    commutingNoNight(f, s),
    commutingPattern(pm, f, s),
    repeatedPosition(pm, s),
    implausibleAccuracy(pm),
    impossibleTravel(pm, s),
    sharedDevice(pm, devicePostings),
    otherDevice(pm),
    clockSkew(pm, s),
  ].filter((x): x is Flag => x !== null);
  return [...month, ...f.absenceCandidates.map(absenceCandidate)];
}
