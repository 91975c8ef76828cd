import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import type { ProcedureActor } from '../../procedures/service.ts';
import { parseCursor } from '../cursor.ts';
import * as q from '../queries.ts';
import * as r from '../reviews.queries.ts';
import * as aq from './attendance.queries.ts';
import { monthRange } from './compute.ts';
import type { FlagCode } from './flags.ts';
import { daysOf, distanceM, earlierDay, inVillage, isWorkingDay, localDay, monthFigures, type PostingMonth } from './rules.ts';
import type { AttendanceQuery, DecideInput } from './schema.ts';
import { attendanceSettings } from './settings.ts';
import * as v from './view.queries.ts';

export const FLAG_LABELS: Record<FlagCode, { zh: string; en: string }> = {
  name_only: { zh: '挂名', en: 'Name only (挂名)' },
  commuting_no_night: { zh: '走读（无夜间）', en: 'Commuting: no nights' },
  commuting_pattern: { zh: '走读（固定往返）', en: 'Commuting: fixed routine' },
  forged_repeated_position: { zh: '疑似造假：坐标重复', en: 'Forged? repeated position' },
  forged_accuracy: { zh: '疑似造假：精度异常', en: 'Forged? implausible accuracy' },
  forged_travel: { zh: '疑似造假：移动过快', en: 'Forged? impossible travel' },
  forged_shared_device: { zh: '疑似造假：多人共用设备', en: 'Forged? shared device' },
  forged_other_device: { zh: '疑似造假：他人设备', en: "Forged? someone else's device" },
  forged_clock_skew: { zh: '疑似造假：设备时间异常', en: 'Forged? clock skew' },
  absence_candidate: { zh: '疑似无故缺勤', en: 'Possible unexcused absence' },
};

const pick = (l: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? l.en : l.zh);

export async function listAttendance(db: Db, region: string, query: z.infer<typeof AttendanceQuery>) {
  const after = query.cursor ? parseCursor(query.cursor) : null;
  const month = monthRange(query.month).first;
  const rows = await v.listAttendance(db, { region, month, compliant: query.compliant, flagged: query.flagged }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const computed = await v.computedAt(db, region, month);
  return {
    month: query.month,
    computedAt: iso(computed),
    items: page.map((a) => ({
      postingId: Number(a.posting_id),
      name: a.name,
      idMasked: a.id_masked,
      role: a.role,
      villageCode: a.village_code,
      villageName: a.village_name,
      daysInPost: a.days_in_post,
      daysInVillage: a.days_in_village,
      nights: a.nights,
      officialDays: a.official_days,
      leaveDays: a.leave_days,
      requiredDays: a.required_days,
      compliant: a.compliant,
      checkins: a.checkins,
      flags: (a.flags ?? []) as FlagCode[],
      openAbsenceCandidates: Number(a.open_absences),
    })),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.posting_id}` : null,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function flagView(f: v.FlagRecord, lang: Lang) {
  const code = f.code as FlagCode;
  return {
    id: Number(f.id),
    code,
    codeLabel: pick(FLAG_LABELS[code], lang),
    subject: f.subject,
    reason: lang === 'en' ? f.reason_en : f.reason_zh,
    reasonBoth: { zh: f.reason_zh, en: f.reason_en },
    evidence: f.evidence,
    state: f.state,
    version: Number(f.version),
    openedAt: iso(f.opened_at) as string,
    decidedBy: f.decided_by_name,
    decidedAt: iso(f.decided_at),
    note: f.note,
    absenceId: f.absence_id === null ? null : Number(f.absence_id),
    outcome: f.outcome,
    decider: code === 'absence_candidate' ? ('township' as const) : ('county' as const),
  };
}

async function postingOr404(db: Db, id: number) {
  const p = await q.postingById(db, id);
  if (!p) throw notFound();
  return p;
}

/** A cadre's month: the calendar of days, the check-ins judged one by one, the flags with their evidence. */
export async function attendanceDetail(db: Db, postingId: number, month: string, lang: Lang) {
  const p = await postingOr404(db, postingId);
  const range = monthRange(month);
  const s = await attendanceSettings(db, p.village_code);
  const [points, checkins, leave, absences, row, flags] = await Promise.all([
    aq.monthPostings(db, p.village_code, range.first, range.last),
    aq.monthCheckins(db, p.village_code, range.from, range.to),
    aq.monthLeave(db, p.village_code, range.first, range.last),
    aq.monthAbsences(db, p.village_code, range.first, range.last),
    v.attendanceOf(db, p.county_code, postingId, range.first),
    v.flagsOfPosting(db, p.county_code, postingId, range.first),
  ]);
  const mine = points.find((x) => Number(x.id) === postingId);
  const point = mine && mine.lat !== null && mine.lon !== null ? { lat: Number(mine.lat), lon: Number(mine.lon) } : null;
  const today = thisDay();
  const from = mine && mine.start_date > range.first ? mine.start_date : range.first;
  let to = mine?.end_date && mine.end_date < range.last ? mine.end_date : range.last;
  if (to > today) to = today;
  const own = checkins.filter((c) => Number(c.posting_id) === postingId).sort((a, b) => a.at - b.at);
  const pm: PostingMonth = {
    postingId,
    month,
    point,
    inPost: mine && from <= to ? { from, to } : null,
    checkins: own.map(aq.checkinFact),
    leave: leave.filter((l) => Number(l.posting_id) === postingId).map((l) => ({ kind: l.kind, start: l.start_date, end: l.end_date })),
  };
  const f = monthFigures(pm, s, today);
  const set = (xs: string[]) => new Set(xs);
  const present = set(f.presentDays);
  const official = set(f.officialDays);
  const onLeave = set(f.leaveDays);
  const nights = set(f.nights);
  const candidates = set(f.absenceCandidates);
  const absent = set(absences.filter((a) => Number(a.posting_id) === postingId).map((a) => a.day));
  const days = daysOf(range.first, range.last).map((day) => {
    const inPost = pm.inPost !== null && day >= pm.inPost.from && day <= pm.inPost.to;
    const kind = !inPost
      ? 'out'
      : present.has(day)
        ? 'present'
        : official.has(day)
          ? 'official'
          : onLeave.has(day)
            ? 'leave'
            : absent.has(day)
              ? 'absence'
              : candidates.has(day)
                ? 'candidate'
                : isWorkingDay(day)
                  ? 'missing'
                  : 'weekend';
    return { day, kind: kind as 'present', night: nights.has(day) };
  });
  return {
    postingId,
    name: p.name,
    idMasked: p.id_masked,
    villageCode: p.village_code,
    villageName: p.village_name,
    townshipName: p.township_name,
    month,
    hasPoint: point !== null,
    figures: row
      ? {
          daysInPost: row.days_in_post,
          daysInVillage: row.days_in_village,
          nights: row.nights,
          officialDays: row.official_days,
          leaveDays: row.leave_days,
          requiredDays: row.required_days,
          compliant: row.compliant,
          computedAt: iso(row.computed_at) as string,
        }
      : null,
    days,
    checkins: pm.checkins.map((c) => ({
      id: c.id,
      deviceTime: new Date(c.at).toISOString(),
      receivedAt: new Date(c.receivedAt).toISOString(),
      lat: c.lat,
      lon: c.lon,
      accuracy: c.accuracy,
      distanceM: point ? Math.round(distanceM(point, c)) : null,
      inVillage: inVillage(c, point, s) && localDay(c.at) >= range.first,
      source: c.source,
    })),
    flags: flags.map((x) => flagView(x, lang)),
  };
}

const LEVEL = {
  county: { zh: '县级组织部门', en: 'county organisation department', max: 6 },
  township: { zh: '乡镇党委', en: 'township party committee', max: 9 },
} as const;

/**
 * Confirms or dismisses a flag. Month flags are the county's (scope of 6 digits or above), absence candidates the
 * township's (9 digits or above). Confirming records one unexcused absence (source 'flag' or 'attendance'), which caps
 * the year's rating through rating.ts; dismissing needs a note. Version-checked and audited.
 */
export async function decideFlag(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof DecideInput>) {
  return db.transaction().execute(async (tx) => {
    const f = await v.flagById(tx, id);
    if (!f) throw notFound();
    // A computation of the month under way finishes first (it rewrites the month rows' open flags).
    await aq.lockMonth(tx, f.month, 'decide');
    const code = f.code as FlagCode;
    const level = code === 'absence_candidate' ? LEVEL.township : LEVEL.county;
    if (actor.scope.length > level.max || !actor.permissions.includes('data.write')) {
      const kind = FLAG_LABELS[code];
      throw new AppError('ATTENDANCE_FLAG_LEVEL', 403, { kind: kind.zh, kindEn: kind.en, level: level.zh, levelEn: level.en });
    }
    const note = input.note?.trim() || null;
    if (input.decision === 'dismiss' && !note)
      throw new AppError('ATTENDANCE_NOTE_REQUIRED', 400, {}, [{ path: 'note', code: 'ATTENDANCE_NOTE_REQUIRED' }]);
    const state = input.decision === 'confirm' ? ('confirmed' as const) : ('dismissed' as const);
    // An absence candidate is a day: it can only become an absence. A month flag may become a replacement ground.
    if (input.outcome === 'replacement' && (state !== 'confirmed' || code === 'absence_candidate'))
      throw new AppError('ATTENDANCE_OUTCOME', 400, {}, [{ path: 'outcome', code: 'ATTENDANCE_OUTCOME' }]);
    const outcome = state === 'confirmed' ? (input.outcome ?? 'absence') : null;
    const done = await v.decideFlag(tx, {
      county: f.county_code,
      id,
      version: input.version,
      state,
      outcome,
      by: actor.id,
      byName: actor.username,
      note,
    });
    if (!done) throw new AppError('ATTENDANCE_FLAG_CHANGED', 409);
    await v.refreshOpenFlags(tx, f.county_code, Number(f.posting_id), `${f.month}-01`);
    let absenceDay: string | null = null;
    if (outcome === 'absence') absenceDay = await recordAbsence(tx, f, note);
    const p = await q.postingById(tx, Number(f.posting_id));
    await audit.record(tx, actor, {
      scopeCode: f.village_code,
      entity: 'cadre_flag',
      entityId: id,
      action: input.decision,
      before: { state: 'open', version: input.version },
      after: { name: p?.name ?? '', month: f.month, code, subject: f.subject, state, outcome, note, absenceDay },
    });
    return { id, state, outcome, absenceDay };
  });
}

async function recordAbsence(tx: Tx, f: v.FlagRecord, note: string | null) {
  const range = monthRange(f.month);
  const ev = f.evidence as { dates?: string[]; presentDays?: string[] };
  const day =
    f.code === 'absence_candidate'
      ? f.subject
      : await v.absenceDayFor(tx, {
          county: f.county_code,
          postingId: Number(f.posting_id),
          first: range.first,
          last: earlierDay(range.last, thisDay()),
          prefer: ev.dates ?? [],
          avoid: ev.presentDays ?? [],
        });
  if (!day) return null;
  const absenceId = await r.insertAbsence(tx, {
    county_code: f.county_code,
    posting_id: Number(f.posting_id),
    day,
    source: f.code === 'absence_candidate' ? 'attendance' : 'flag',
    source_id: Number(f.id),
    note,
  });
  if (absenceId === null) return null;
  await v.setFlagAbsence(tx, f.county_code, Number(f.id), absenceId);
  return day;
}
