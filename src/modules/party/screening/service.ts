import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import { getSetting } from '../../settings.ts';
import { assertTownshipOrAbove } from '../ledger/service.ts';
import { personByIdNumber } from './person.ts';
import { ADJUSTMENT } from './procedures.ts';
import * as q from './queries.ts';
import type { AssessInput, RoundInput, ScreeningStepInput } from './schema.ts';

export const RESULT_LABELS = {
  competent: { zh: '胜任', en: 'Competent' },
  basically: { zh: '基本胜任', en: 'Basically competent' },
  incompetent: { zh: '不胜任', en: 'Not competent' },
} as const;
export const OPINION_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
} as const;

/** The day an unfit secretary must be adjusted by: the round's year at the setting's month and day (MMDD, year end). */
export function adjustBy(year: number, monthDay: number) {
  const md = String(Math.min(Math.max(Math.trunc(monthDay), 101), 1231)).padStart(4, '0');
  return `${year}-${md.slice(0, 2)}-${md.slice(2)}`;
}

const label = <K extends string>(labels: Record<K, { zh: string; en: string }>, k: string | null, lang: Lang) =>
  k ? pickLabel(labels[k as K] ?? { zh: k, en: k }, lang) : null;

export function screeningItem(s: q.ScreeningRow, lang: Lang) {
  return {
    id: Number(s.id),
    roundId: Number(s.round_id),
    year: s.year,
    village: { code: s.village_code, name: s.village_name, township: s.township_name },
    secretary: s.secretary,
    oneShoulder: s.one_shoulder,
    termStart: s.term_start,
    result: s.result,
    resultLabel: label(RESULT_LABELS, s.result, lang),
    opinion: s.opinion,
    opinionLabel: label(OPINION_LABELS, s.opinion, lang),
    note: s.note,
    assessedOn: s.assessed_on,
    assessedBy: s.assessed_by,
    adjustBy: s.adjust_by,
    adjustedOn: s.adjusted_on,
    successor: s.successor,
    adjustment: s.case_state,
    adjustmentOverdue: s.case_state === 'pending' && s.adjust_by !== null && s.adjust_by < thisDay(),
  };
}

const roundItem = (r: q.RoundRow) => ({
  id: Number(r.id),
  countyCode: r.county_code,
  countyName: r.county_name,
  year: r.year,
  openedOn: r.opened_on,
  note: r.note,
  total: r.total,
  assessed: r.assessed,
  unfit: r.unfit,
  adjusted: r.adjusted,
});

export async function listRounds(db: Db, region: string) {
  return { items: (await q.rounds(db, region, null)).map(roundItem) };
}

/** Opens the county's round of a year (once): every poor village's current secretary is listed. */
export async function openRound(db: Db, actor: audit.Actor & { scope: string }, input: z.infer<typeof RoundInput>) {
  if (actor.scope.length > 6) throw new AppError('PROCEDURE_LEVEL', 403, { level: '县级', levelEn: 'county' });
  return db.transaction().execute(async (tx) => {
    if (await q.roundOfYear(tx, input.countyCode, input.year))
      throw new AppError('PARTY_ROUND_EXISTS', 409, { year: input.year }, [{ path: 'year', code: 'exists' }]);
    const id = await q.insertRound(tx, input.countyCode, input.year, thisDay(), input.note?.trim() || null);
    const listed = await q.listSecretaries(tx, input.countyCode, id);
    await audit.record(tx, actor, {
      scopeCode: input.countyCode,
      entity: 'party_screening_round',
      entityId: id,
      action: 'create',
      after: { year: input.year, listed },
    });
    return { id, listed };
  });
}

export async function roundDetail(db: Db, region: string, id: number, lang: Lang) {
  const [r] = await q.rounds(db, region, id);
  if (!r) throw notFound();
  const items = await q.screeningsOfRound(db, r.county_code, id, region);
  return {
    ...roundItem(r),
    items: items.map((s) => screeningItem(s, lang)),
    withoutSecretary: region.length <= 6 ? await q.villagesWithoutSecretary(db, r.county_code) : [],
  };
}

/**
 * Assesses one secretary (once): 不胜任 opens the adjustment, due by the round year's end (setting
 * party.adjustment_month_day, MMDD).
 */
export async function assessSecretary(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof AssessInput>) {
  assertTownshipOrAbove(actor);
  return db.transaction().execute(async (tx) => {
    const s = await q.screeningById(tx, id);
    if (!s) throw notFound();
    await q.lockScreening(tx, s.county_code, id);
    const monthDay = Number(await getSetting(tx, 'party.adjustment_month_day', 1231, { scopeCode: s.village_code }));
    const unfit = input.result === 'incompetent';
    const done = await q.assess(tx, s.county_code, id, {
      result: input.result,
      opinion: input.opinion,
      note: input.note?.trim() || null,
      on: thisDay(),
      by: actor.username,
      adjustBy: unfit ? adjustBy(s.year, monthDay) : null,
    });
    if (!done) throw new AppError('PARTY_ALREADY_ASSESSED', 409);
    if (unfit) await openCase(tx, ADJUSTMENT, { county: s.county_code, subjectId: id, region: s.village_code, actor, note: input.note });
    await audit.record(tx, actor, {
      scopeCode: s.village_code,
      entity: 'party_screening',
      entityId: id,
      action: 'assess',
      after: { secretary: s.secretary, result: input.result, opinion: input.opinion, note: input.note ?? null },
    });
    return { id };
  });
}

export async function screeningDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const s = await q.screeningById(db, id);
  if (!s) throw notFound();
  const c = s.case_id === null ? null : await loadCase(db, s.county_code, Number(s.case_id));
  return {
    ...screeningItem(s, lang),
    case: c ? { ...(await caseView(db, ADJUSTMENT, c)), steps: await availableSteps(db, ADJUSTMENT, c, actor) } : null,
  };
}

/**
 * A step of the adjustment. 'adjust' ends the secretary's term (reason 'adjusted') on the day the successor's
 * term starts, in the step's transaction: the new secretary is the county's person of the ID number given.
 */
export async function adjustmentStep(db: Db, keys: PiiKeys, actor: ProcedureActor, id: number, input: z.infer<typeof ScreeningStepInput>) {
  return db.transaction().execute(async (tx) => {
    const s = await q.screeningById(tx, id);
    if (!s || s.case_id === null) throw notFound();
    await q.lockScreening(tx, s.county_code, id);
    const date = input.date ?? thisDay();
    if (date > thisDay()) throw new AppError('PARTY_DATE_FUTURE', 400, {}, [{ path: 'date', code: 'future' }]);
    if (input.action === 'adjust' && !input.successor)
      throw new AppError('PARTY_SUCCESSOR_REQUIRED', 400, {}, [{ path: 'successor', code: 'required' }]);
    await takeStep(tx, ADJUSTMENT, { county: s.county_code, id: Number(s.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: date,
    });
    if (input.action === 'adjust' && input.successor) {
      if (date <= s.term_start)
        throw new AppError('PARTY_DATE_BEFORE_TERM', 400, { start: s.term_start }, [{ path: 'date', code: 'before' }]);
      const personId = await personByIdNumber(tx, keys, s.county_code, input.successor.name, input.successor.idNumber);
      const ended = await q.endTerm(tx, s.county_code, Number(s.term_id), date, 'adjusted', input.reason?.trim() || null);
      if (!ended) throw new AppError('PARTY_TERM_ENDED', 409);
      const term = await q.insertTerm(tx, s.county_code, Number(s.org_id), personId, input.successor.oneShoulder ?? false, date);
      await q.setAdjusted(tx, s.county_code, id, term, date);
      await audit.record(tx, actor, {
        scopeCode: s.village_code,
        entity: 'party_screening',
        entityId: id,
        action: 'adjust',
        before: { secretary: s.secretary },
        after: { secretary: input.successor.name, date },
      });
    }
    return { id };
  });
}

/** A village's secretaries over time and its screenings. */
export async function villageHistory(db: Db, village: string, lang: Lang) {
  const county = village.slice(0, 6);
  const [terms, screenings] = await Promise.all([q.secretaryHistory(db, county, village), q.screeningsOfVillage(db, county, village)]);
  return {
    secretaries: terms.map((t) => ({
      id: Number(t.id),
      name: t.name,
      idMasked: t.id_masked,
      oneShoulder: t.one_shoulder,
      startDate: t.start_date,
      endDate: t.end_date,
      endReason: t.end_reason,
    })),
    screenings: screenings.map((s) => screeningItem(s, lang)),
  };
}
