import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { daysBetween, thisDay } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { type Lang, pickLabel } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../procedures/service.ts';
import { getSetting } from '../settings.ts';
import { markDays } from './attendance/dirty.ts';
import { parseCursor } from './cursor.ts';
import { LEAVE } from './procedures.ts';
import * as q from './queries.ts';
import type { LEAVE_STATES, LeaveInput, LeaveQuery, StepInput } from './schema.ts';

export const LEAVE_KIND_LABELS = {
  personal: { zh: '事假', en: 'Personal' },
  sick: { zh: '病假', en: 'Sick' },
  official: { zh: '公务', en: 'Official business' },
} as const;

const pick = pickLabel;
const days = (start: string, end: string) => daysBetween(start, end) + 1;

export function leaveItem(l: q.LeaveRow, lang: Lang) {
  const s = LEAVE.states[l.state]?.label ?? { zh: l.state, en: l.state };
  return {
    id: Number(l.id),
    postingId: Number(l.posting_id),
    name: l.name,
    village: { code: l.village_code, name: l.village_name },
    kind: l.kind,
    kindLabel: pick(LEAVE_KIND_LABELS[l.kind], lang),
    startDate: l.start_date,
    endDate: l.end_date,
    days: Number(l.days),
    reason: l.reason,
    state: l.state as (typeof LEAVE_STATES)[number],
    stateLabel: pick(s, lang),
    dueDate: l.due_date,
    overdue: l.due_date !== null && l.due_date < thisDay() && !LEAVE.states[l.state]?.terminal,
  };
}

/**
 * Asks for leave for a posting in post: inside the posting's dates, at most `cadres.leave_max_days` at a time, and
 * sharing no day with leave already asked for, granted or taken (two requests at once are judged in turn: the posting
 * is locked). The case opens awaiting approval.
 */
export async function requestLeave(db: Db, actor: ProcedureActor, postingId: number, input: z.infer<typeof LeaveInput>) {
  return db.transaction().execute(async (tx) => {
    const p = await q.postingById(tx, postingId);
    if (!p) throw notFound();
    await q.lockPosting(tx, p.county_code, postingId);
    if (p.state !== 'in_post') throw new AppError('LEAVE_NOT_IN_POST', 409);
    const max = Number(await getSetting(tx, 'cadres.leave_max_days', 30, { scopeCode: p.village_code }));
    if (input.endDate < input.startDate || days(input.startDate, input.endDate) > max) {
      throw new AppError('LEAVE_DATES', 400, { max }, [{ path: 'endDate', code: 'LEAVE_DATES' }]);
    }
    const end = p.end_date ?? p.planned_end_date;
    if (input.startDate < p.start_date || input.endDate > end) {
      throw new AppError('LEAVE_OUTSIDE_POSTING', 400, { start: p.start_date, end }, [
        { path: 'startDate', code: 'LEAVE_OUTSIDE_POSTING' },
      ]);
    }
    const clash = await q.overlappingLeave(tx, p.county_code, postingId, input.startDate, input.endDate);
    if (clash)
      throw new AppError('LEAVE_OVERLAP', 409, { start: clash.start_date, end: clash.end_date }, [
        { path: 'startDate', code: 'LEAVE_OVERLAP' },
      ]);
    const id = await q.insertLeave(tx, {
      county_code: p.county_code,
      posting_id: postingId,
      kind: input.kind,
      start_date: input.startDate,
      end_date: input.endDate,
      reason: input.reason,
    });
    await openCase(tx, LEAVE, { county: p.county_code, subjectId: id, region: p.village_code, actor });
    await audit.record(tx, actor, {
      scopeCode: p.village_code,
      entity: 'cadre_leave',
      entityId: id,
      action: 'create',
      after: { postingId, name: p.name, kind: input.kind, startDate: input.startDate, endDate: input.endDate, reason: input.reason },
    });
    return { id };
  });
}

/** Approve, reject, cancel or close a leave request: the procedure's rules decide who may (the days are the fact). */
export async function leaveStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof StepInput>) {
  return db.transaction().execute(async (tx) => {
    const l = await q.leaveById(tx, id);
    if (!l) throw notFound();
    await takeStep(tx, LEAVE, { county: l.county_code, id: Number(l.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      facts: { days: Number(l.days) },
    });
    // Approved, cancelled or taken leave changes the days of its months.
    await markDays(tx, l.county_code, l.start_date, l.end_date);
    return { id };
  });
}

export async function leaveDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const l = await q.leaveById(db, id);
  if (!l) throw notFound();
  const c = await loadCase(db, l.county_code, Number(l.case_id));
  return {
    ...leaveItem(l, lang),
    case: { ...(await caseView(db, LEAVE, c)), steps: await availableSteps(db, LEAVE, c, actor, { days: Number(l.days) }) },
  };
}

export async function listLeave(db: Db, region: string, query: z.infer<typeof LeaveQuery>, lang: Lang) {
  const rows = await q.listLeave(db, { region, state: query.state }, query.cursor ? parseCursor(query.cursor) : null, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((l) => leaveItem(l, lang)),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null,
  };
}
