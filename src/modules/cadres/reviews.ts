import type { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { thisDay } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { type Lang, pickLabel } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import type { ProcedureActor } from '../procedures/service.ts';
import { findRegion } from '../regions/queries.ts';
import { getSetting } from '../settings.ts';
import { createUser } from '../users/service.ts';
import { markDays } from './attendance/dirty.ts';
import * as q from './queries.ts';
import { CAP_SETTINGS, RATING_LABELS, type Rating, ratingCap, withinCap } from './rating.ts';
import * as r from './reviews.queries.ts';
import type { LoginInput, ReviewInput, SpotCheckInput } from './schema.ts';

const pick = pickLabel;
const UNIT_LEVEL = {
  2: { zh: '省级', en: 'province' },
  4: { zh: '市级', en: 'city' },
  6: { zh: '县级', en: 'county' },
  9: { zh: '乡镇级', en: 'township' },
} as const;

async function posting(db: Db, id: number) {
  const p = await q.postingById(db, id);
  if (!p) throw notFound();
  return p;
}

/**
 * A spot check (抽查) by a township or county user: found in the village or not on a day of the posting. "Not found"
 * without approved leave that day is an unexcused absence (one per day).
 */
export async function recordSpotCheck(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof SpotCheckInput>) {
  if (actor.scope.length > 9 || !actor.permissions.includes('data.write')) throw new AppError('CADRE_SPOT_CHECK_LEVEL', 403);
  return db.transaction().execute(async (tx) => {
    const p = await posting(tx as Db, id);
    const last = p.end_date ?? thisDay();
    if (!p.confirmed_on || input.date < p.start_date || input.date > last || input.date > thisDay()) {
      throw new AppError('CADRE_SPOT_CHECK_DATE', 400, { start: p.start_date, end: last }, [
        { path: 'date', code: 'CADRE_SPOT_CHECK_DATE' },
      ]);
    }
    const checkId = await r.insertSpotCheck(tx, {
      county_code: p.county_code,
      posting_id: id,
      check_date: input.date,
      found: input.found,
      note: input.note?.trim() || null,
      checker_id: actor.id,
      checker_name: actor.username,
      checker_scope: actor.scope,
    });
    const absent = !input.found && !(await r.onLeave(tx, p.county_code, id, input.date));
    if (absent)
      await r.insertAbsence(tx, {
        county_code: p.county_code,
        posting_id: id,
        day: input.date,
        source: 'spot_check',
        source_id: checkId,
        note: input.note?.trim() || null,
      });
    if (absent) await markDays(tx, p.county_code, input.date, input.date);
    await audit.record(tx, actor, {
      scopeCode: p.village_code,
      entity: 'cadre_spot_check',
      entityId: checkId,
      action: 'create',
      after: { name: p.name, date: input.date, found: input.found, absence: absent, note: input.note ?? null },
    });
    return { id: checkId, absence: absent };
  });
}

async function capSettings(db: Db, region: string) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(CAP_SETTINGS)) out[k] = Number(await getSetting(db, k, v, { scopeCode: region }));
  return out;
}

/** The year's picture for a review: unexcused absences, the cap they set, spot checks, reviews, who reviews. */
export async function reviewSummary(db: Db, id: number, year: number, lang: Lang) {
  const p = await posting(db, id);
  const absences = await r.absencesInYear(db, p.county_code, id, year);
  const cap = ratingCap(absences.length, await capSettings(db, p.village_code));
  const unit = await r.unitRegionOf(db, p.county_code, id);
  const region = unit ? await findRegion(db, unit.region_code) : undefined;
  return {
    year,
    absences,
    cap,
    capLabel: pick(RATING_LABELS[cap], lang),
    reviewer: { unit: unit?.name ?? '', regionCode: unit?.region_code ?? '', regionName: region?.name ?? '' },
    spotChecks: (await r.spotChecks(db, p.county_code, id)).map((s) => ({
      id: Number(s.id),
      date: s.check_date,
      found: s.found,
      note: s.note,
      checker: s.checker_name,
    })),
    reviews: (await r.reviews(db, p.county_code, id)).map((x) => ({
      id: Number(x.id),
      year: Number(x.year),
      period: x.period as z.infer<typeof ReviewInput>['period'],
      rating: x.rating as Rating,
      ratingLabel: pick(RATING_LABELS[x.rating as Rating], lang),
      comment: x.comment,
      reviewer: x.reviewer_name,
      at: new Date(x.created_at).toISOString(),
    })),
  };
}

/**
 * A review (述职评议) by the dispatching level (哪一级派出，哪一级为主考核): only users whose scope is the dispatching
 * unit's region may write it; a rating above the cap of the year's unexcused absences is refused with the reason.
 */
export async function writeReview(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof ReviewInput>) {
  if (!actor.permissions.includes('data.write')) throw new AppError('FORBIDDEN', 403);
  return db.transaction().execute(async (tx) => {
    const p = await posting(tx as Db, id);
    const unit = await r.unitRegionOf(tx, p.county_code, id);
    if (!unit || actor.scope !== unit.region_code) {
      const level = UNIT_LEVEL[(unit?.region_code.length ?? 6) as 2 | 4 | 6 | 9] ?? UNIT_LEVEL[6];
      throw new AppError('CADRE_REVIEW_LEVEL', 403, { unit: unit?.name ?? '', level: level.zh, levelEn: level.en });
    }
    const absences = await r.absencesInYear(tx, p.county_code, id, input.year);
    const cap = ratingCap(absences.length, await capSettings(tx as Db, p.village_code));
    if (!withinCap(input.rating, cap)) {
      throw new AppError('CADRE_RATING_CAPPED', 409, { count: absences.length, cap: RATING_LABELS[cap].zh, capEn: RATING_LABELS[cap].en }, [
        { path: 'rating', code: 'CADRE_RATING_CAPPED' },
      ]);
    }
    const made = await r.insertReview(tx, {
      county_code: p.county_code,
      posting_id: id,
      year: input.year,
      period: input.period,
      rating: input.rating,
      comment: input.comment?.trim() || null,
      reviewer_id: actor.id,
      reviewer_name: actor.username,
      reviewer_scope: actor.scope,
    });
    if (made === null) throw new AppError('CADRE_REVIEW_EXISTS', 409, { year: input.year });
    await audit.record(tx, actor, {
      scopeCode: p.village_code,
      entity: 'cadre_review',
      entityId: made,
      action: 'create',
      after: { name: p.name, year: input.year, period: input.period, rating: input.rating, comment: input.comment ?? null },
    });
    return { id: made };
  });
}

/**
 * A login for a cadre in post (role resident_cadre), scoped to the posting's village, made by the county (or above);
 * it is disabled when the posting ends (service.ts postingStep).
 */
export async function createPostingLogin(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof LoginInput>, lang: Lang) {
  if (actor.scope.length > 6 || !actor.permissions.includes('users.manage'))
    throw new AppError('PROCEDURE_LEVEL', 403, { level: '县级', levelEn: 'county' });
  return db.transaction().execute(async (tx) => {
    const p = await posting(tx as Db, id);
    if (p.state !== 'in_post') throw new AppError('CADRE_LOGIN_NOT_IN_POST', 409);
    const user = await createUser(
      tx,
      actor,
      { role: actor.role, scopeCode: actor.scope },
      { username: input.username, displayName: p.name, role: 'resident_cadre', scopeCode: p.village_code, password: input.password },
      { lang },
    );
    await r.linkUserToPosting(tx, Number(user.id), p.county_code, id);
    return { id: Number(user.id) };
  });
}
