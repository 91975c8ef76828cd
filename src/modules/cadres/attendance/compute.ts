import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError } from '../../../server/errors.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import * as q from './attendance.queries.ts';
import { flagsOf } from './flags.ts';
import {
  addDay,
  type CheckinFact,
  deviceKey,
  type LeaveFact,
  laterDay,
  localDayInstants,
  monthDays,
  monthFigures,
  type PostingMonth,
} from './rules.ts';
import { attendanceSettings } from './settings.ts';

/**
 * A region's month of attendance and flags (docs/decisions/0016-attendance.md): the month's postings, check-ins and
 * leave are read in three statements, judged by the pure rules, and written back in a handful of set-based statements.
 * Idempotent: the month's figures are replaced, open flags follow the records, decided flags keep their decision.
 */

export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthRange(month: string) {
  if (!MONTH_RE.test(month)) throw new AppError('VALIDATION_FAILED', 400, { summary: 'month' }, [{ path: 'month', code: 'invalid' }]);
  const first = `${month}-01`;
  const last = `${month}-${String(monthDays(month)).padStart(2, '0')}`;
  // Local days of Asia/Shanghai: the month's instants run from 00:00 +08:00 on the first to the next month's first.
  return { first, last, from: localDayInstants(first).from, to: localDayInstants(last).to };
}

export interface ComputeResult {
  region: string;
  month: string;
  postings: number;
  checkins: number;
  flags: number;
  flagsChanged: number;
  flagsRemoved: number;
  ms: number;
}

const key = (county: string, posting: string | number) => `${county}:${posting}`;

function group<T>(rows: readonly T[], k: (r: T) => string) {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const x = k(r);
    const list = m.get(x);
    if (list) list.push(r);
    else m.set(x, [r]);
  }
  return m;
}

export async function computeMonth(db: Db, region: string, month: string, opts: { today?: string } = {}): Promise<ComputeResult> {
  const started = performance.now();
  const range = monthRange(month);
  const today = opts.today ?? thisDay();
  if (range.first > today) throw new AppError('ATTENDANCE_FUTURE_MONTH', 400, { month });
  return db.transaction().execute(async (tx) => {
    await q.lockMonth(tx, month);
    const s = await attendanceSettings(tx as Tx, region);
    const [postings, checkins, leave, absences, decidedRows] = await timed('attendance.read', () =>
      Promise.all([
        q.monthPostings(tx, region, range.first, range.last),
        q.monthCheckins(tx, region, range.from, range.to),
        q.monthLeave(tx, region, range.first, range.last),
        q.monthAbsences(tx, region, range.first, range.last),
        q.monthDecidedFlags(tx, region, range.first),
      ]),
    );
    // Decided flags stay decided (upsertFlags leaves them): the month row's open flags are the others.
    const decided = new Set(decidedRows.map((d) => `${key(d.county_code, d.posting_id)}:${d.code}:${d.subject}`));
    const rulesStarted = performance.now();
    const byPosting = group(checkins, (c) => key(c.county_code, c.posting_id));
    const leaveBy = group(leave, (l) => key(l.county_code, l.posting_id));
    const absent = new Set(absences.map((a) => `${key(a.county_code, a.posting_id)}:${a.day}`));
    // Which postings each device checked in this month (one device, several cadres).
    const devicePostings = new Map<string, Set<number>>();
    const facts = new Map(checkins.map((c) => [c, q.checkinFact(c)]));
    for (const c of checkins) {
      const device = deviceKey(facts.get(c) as CheckinFact);
      if (device === null) continue;
      const k = key(c.county_code, device);
      const set = devicePostings.get(k) ?? new Set<number>();
      set.add(Number(c.posting_id));
      devicePostings.set(k, set);
    }
    const lastJudged = addDay(today, 0);
    const attendance: q.AttendanceRow[] = [];
    const flags: q.FlagRow[] = [];
    for (const p of postings) {
      const k = key(p.county_code, p.id);
      const from = laterDay(p.start_date, range.first);
      let to = p.end_date && p.end_date < range.last ? p.end_date : range.last;
      if (to > lastJudged) to = lastJudged;
      const pm: PostingMonth = {
        postingId: Number(p.id),
        month,
        point: p.lat === null || p.lon === null ? null : { lat: Number(p.lat), lon: Number(p.lon) },
        inPost: from <= to ? { from, to } : null,
        checkins: (byPosting.get(k) ?? []).map((c) => facts.get(c) as CheckinFact),
        leave: (leaveBy.get(k) ?? []).map((l): LeaveFact => ({ kind: l.kind, start: l.start_date, end: l.end_date })),
      };
      const f = monthFigures(pm, s, today);
      const openCodes = new Set<string>();
      let openAbsences = 0;
      const devices = (device: string) => [...(devicePostings.get(key(p.county_code, device)) ?? [])];
      for (const flag of flagsOf(pm, f, s, devices)) {
        if (flag.code === 'absence_candidate' && absent.has(`${k}:${flag.subject}`)) continue;
        if (!decided.has(`${k}:${flag.code}:${flag.subject}`)) {
          if (flag.code === 'absence_candidate') openAbsences++;
          else openCodes.add(flag.code);
        }
        flags.push({
          county_code: p.county_code,
          posting_id: Number(p.id),
          village_code: p.village_code,
          code: flag.code,
          subject: flag.subject,
          reason_zh: flag.reasonZh,
          reason_en: flag.reasonEn,
          evidence: JSON.stringify(flag.evidence),
        });
      }
      attendance.push({
        county_code: p.county_code,
        posting_id: Number(p.id),
        village_code: p.village_code,
        days_in_post: f.daysInPost,
        days_in_village: f.daysInVillage,
        nights: f.nights.length,
        official_days: f.officialDays.length,
        leave_days: f.leaveDays.length,
        required_days: f.requiredDays,
        compliant: f.compliant,
        checkins: pm.checkins.length,
        open_flags: [...openCodes].sort(),
        open_absences: openAbsences,
      });
    }
    addTiming('attendance.rules', performance.now() - rulesStarted);
    const monthDate = range.first;
    return timed('attendance.write', async () => {
      await timed('attendance.write.month', () => q.upsertAttendance(tx, monthDate, attendance));
      await timed('attendance.write.stale', () =>
        q.deleteStaleAttendance(
          tx,
          region,
          monthDate,
          attendance.map((a) => ({ county: a.county_code, posting: a.posting_id })),
        ),
      );
      const removed = await timed('attendance.write.flags.delete', () => q.deleteStaleFlags(tx, region, monthDate, flags));
      const changed = await timed('attendance.write.flags.upsert', () => q.upsertFlags(tx, monthDate, flags));
      return {
        region,
        month,
        postings: postings.length,
        checkins: checkins.length,
        flags: flags.length,
        flagsChanged: changed,
        flagsRemoved: removed,
        ms: Math.round(performance.now() - started),
      };
    });
  });
}
