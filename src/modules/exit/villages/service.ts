import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { markCountyRows } from '../../command/rollups.ts';
import type { ProcedureDef } from '../../procedures/define.ts';
import { assertMayOpen, availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import { getSetting } from '../../settings.ts';
import { noticeUntil } from '../households/eligibility.ts';
import { noticeDays } from '../households/service.ts';
import { CHECK_LABELS, COUNTY_EXIT, INCIDENCE_PCT, VILLAGE_CHECKS, VILLAGE_EXIT } from './procedure.ts';
import * as q from './queries.ts';
import type { AreaStepInput, CountyProposal, VillageProposal } from './schema.ts';

/** Poverty incidence in percent, two decimals (0 when there is no rural population to divide by). */
export const incidence = (poor: number, population: number) => (population > 0 ? Math.round((poor / population) * 10_000) / 100 : 0);

export async function threshold(tx: Tx, region: string) {
  return Number(await getSetting(tx, INCIDENCE_PCT.setting, INCIDENCE_PCT.fallback, { scopeCode: region }));
}

const stateLabel = (def: ProcedureDef, s: string | null, lang: Lang) =>
  s ? pickLabel(def.states[s]?.label ?? { zh: s, en: s }, lang) : null;

/** The poor villages of a region: incidence now, whether it is under the threshold, exit year, the procedure's state. */
export async function villageList(db: Db, region: string, lang: Lang) {
  const max = await threshold(db, region);
  const rows = await q.poorVillages(db, region);
  return {
    threshold: max,
    checks: VILLAGE_CHECKS.map((c) => ({ code: c, label: pickLabel(CHECK_LABELS[c], lang) })),
    items: rows.map((r) => {
      const inc = incidence(Number(r.poor_persons), Number(r.rural_population));
      return {
        code: r.village_code,
        name: r.village_name,
        township: r.township_name ?? '',
        ruralPopulation: Number(r.rural_population),
        poorPersons: Number(r.poor_persons),
        incidence: inc,
        meetsThreshold: inc < max,
        exitYear: r.exit_year,
        exitId: r.exit_id === null ? null : Number(r.exit_id),
        exitState: r.exit_state,
        exitStateLabel: stateLabel(VILLAGE_EXIT, r.exit_state, lang),
      };
    }),
  };
}

/** The township proposes a poor village under the threshold with its checklist filled (all or some items met). */
export async function proposeVillage(db: Db, actor: ProcedureActor, input: z.infer<typeof VillageProposal>) {
  assertMayOpen(VILLAGE_EXIT, actor);
  const code = input.villageCode;
  const county = code.slice(0, 6);
  return db.transaction().execute(async (tx) => {
    const [v] = (await q.poorVillages(tx, code)).filter((r) => r.village_code === code);
    if (!v || v.exit_year !== null) throw new AppError('EXIT_VILLAGE_NOT_POOR', 409);
    if (v.exit_for === input.year) throw new AppError('EXIT_ALREADY_PROPOSED', 409, { year: input.year });
    const max = await threshold(tx, code);
    const inc = incidence(Number(v.poor_persons), Number(v.rural_population));
    if (!(inc < max)) throw new AppError('EXIT_ABOVE_THRESHOLD', 409, { incidence: inc, threshold: max });
    const checklist = Object.fromEntries(VILLAGE_CHECKS.map((c) => [c, input.checklist[c] === true]));
    const row = await q.insertVillageExit(tx, {
      county_code: county,
      village_code: code,
      year: input.year,
      poor_persons: Number(v.poor_persons),
      rural_population: Number(v.rural_population),
      checklist: JSON.stringify(checklist),
    });
    const id = Number(row.id);
    await openCase(tx, VILLAGE_EXIT, { county, subjectId: id, region: code, actor, note: input.note });
    await audit.record(tx, actor, {
      scopeCode: code,
      entity: 'exit_village',
      entityId: id,
      action: 'propose',
      after: { year: input.year, incidence: inc, checklist },
    });
    return { id };
  });
}

const checks = (m: Record<string, boolean>, lang: Lang) =>
  VILLAGE_CHECKS.map((c) => ({ code: c, label: pickLabel(CHECK_LABELS[c], lang), ok: m[c] === true }));

export async function villageExitDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const e = await q.villageExitById(db, id);
  if (!e) throw notFound();
  const c = await loadCase(db, e.county_code, Number(e.case_id));
  return {
    id: Number(e.id),
    village: { code: e.village_code, name: e.village_name },
    year: e.year,
    poorPersons: Number(e.poor_persons),
    ruralPopulation: Number(e.rural_population),
    incidence: incidence(Number(e.poor_persons), Number(e.rural_population)),
    checklist: checks(e.checklist, lang),
    verified: checks(e.verified, lang),
    noticeFrom: e.notice_from,
    noticeUntil: e.notice_until,
    announcedOn: e.announced_on,
    case: { ...(await caseView(db, VILLAGE_EXIT, c)), steps: await availableSteps(db, VILLAGE_EXIT, c, actor) },
  };
}

const effective = (date?: string) => {
  const d = date ?? thisDay();
  if (d > thisDay()) throw new AppError('EXIT_DATE_FUTURE', 400, {}, [{ path: 'date', code: 'future' }]);
  return d;
};

/**
 * A village exit's step: the county's check needs every item verified (the items not met are named); the notice's
 * days are set when published; the announcement sets the poor village's exit year.
 */
export async function villageStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof AreaStepInput>) {
  const day = effective(input.date);
  return db.transaction().execute(async (tx) => {
    const e = await q.villageExitById(tx, id);
    if (!e) throw notFound();
    if (input.action === 'check') {
      const verified = Object.fromEntries(VILLAGE_CHECKS.map((c) => [c, input.verified?.[c] === true]));
      const missing = VILLAGE_CHECKS.filter((c) => !verified[c]);
      if (missing.length)
        throw new AppError('EXIT_CHECKLIST_INCOMPLETE', 409, {
          items: missing.map((c) => CHECK_LABELS[c].zh).join('、'),
          itemsEn: missing.map((c) => CHECK_LABELS[c].en).join(', '),
        });
      await q.updateVillageExit(tx, e.county_code, id, { verified: JSON.stringify(verified) });
    }
    await takeStep(tx, VILLAGE_EXIT, { county: e.county_code, id: Number(e.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: day,
    });
    if (input.action === 'publish') {
      await q.updateVillageExit(tx, e.county_code, id, {
        notice_from: day,
        notice_until: noticeUntil(day, await noticeDays(tx, e.village_code)),
      });
    } else if (input.action === 'announce') {
      await q.updateVillageExit(tx, e.county_code, id, { announced_on: day });
      await q.setVillageExitYear(tx, e.county_code, e.village_code, e.year);
    } else if (input.action === 'return') {
      await q.updateVillageExit(tx, e.county_code, id, { notice_from: null, notice_until: null });
    }
    return { id };
  });
}

// ---------------------------------------------------------------- counties

export async function countyList(db: Db, region: string, lang: Lang) {
  const max = await threshold(db, region);
  const rows = await q.povertyCounties(db, region);
  return {
    threshold: max,
    items: rows.map((r) => {
      const inc = incidence(Number(r.poor_persons), Number(r.rural_population));
      return {
        code: r.county_code,
        name: r.county_name,
        ruralPopulation: Number(r.rural_population),
        poorPersons: Number(r.poor_persons),
        incidence: inc,
        meetsThreshold: inc < max,
        exitId: r.exit_id === null ? null : Number(r.exit_id),
        exitFor: r.exit_for,
        exitState: r.exit_state,
        exitStateLabel: stateLabel(COUNTY_EXIT, r.exit_state, lang),
        announcedOn: r.announced_on,
      };
    }),
  };
}

/** A provincial poverty county under the threshold applies for exit (the county's own operator). */
export async function proposeCounty(db: Db, actor: ProcedureActor, input: z.infer<typeof CountyProposal>) {
  assertMayOpen(COUNTY_EXIT, actor);
  const county = input.countyCode;
  return db.transaction().execute(async (tx) => {
    const [c] = await q.povertyCounties(tx, county);
    if (!c || c.county_code !== county) throw new AppError('EXIT_COUNTY_NOT_CANDIDATE', 409);
    if (c.exit_state === 'announced') throw new AppError('EXIT_COUNTY_EXITED', 409);
    if (c.exit_for === input.year) throw new AppError('EXIT_ALREADY_PROPOSED', 409, { year: input.year });
    const max = await threshold(tx, county);
    const inc = incidence(Number(c.poor_persons), Number(c.rural_population));
    if (!(inc < max)) throw new AppError('EXIT_ABOVE_THRESHOLD', 409, { incidence: inc, threshold: max });
    const row = await q.insertCountyExit(tx, {
      county_code: county,
      year: input.year,
      poor_persons: Number(c.poor_persons),
      rural_population: Number(c.rural_population),
    });
    const id = Number(row.id);
    await openCase(tx, COUNTY_EXIT, { county, subjectId: id, region: county, actor, note: input.note });
    await markCountyRows(tx, [county]);
    await audit.record(tx, actor, {
      scopeCode: county,
      entity: 'exit_county',
      entityId: id,
      action: 'propose',
      after: { year: input.year, incidence: inc },
    });
    return { id };
  });
}

export async function countyExitDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const e = await q.countyExitById(db, id);
  if (!e) throw notFound();
  const c = await loadCase(db, e.county_code, Number(e.case_id));
  return {
    id: Number(e.id),
    county: { code: e.county_code, name: e.county_name },
    year: e.year,
    poorPersons: Number(e.poor_persons),
    ruralPopulation: Number(e.rural_population),
    incidence: incidence(Number(e.poor_persons), Number(e.rural_population)),
    noticeFrom: e.notice_from,
    noticeUntil: e.notice_until,
    announcedOn: e.announced_on,
    stateLabel: stateLabel(COUNTY_EXIT, c.state, lang) ?? c.state,
    case: { ...(await caseView(db, COUNTY_EXIT, c)), steps: await availableSteps(db, COUNTY_EXIT, c, actor) },
  };
}

export async function countyStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof AreaStepInput>) {
  const day = effective(input.date);
  return db.transaction().execute(async (tx) => {
    const e = await q.countyExitById(tx, id);
    if (!e) throw notFound();
    await takeStep(tx, COUNTY_EXIT, { county: e.county_code, id: Number(e.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: day,
    });
    if (input.action === 'publish') {
      await q.updateCountyExit(tx, e.county_code, id, {
        notice_from: day,
        notice_until: noticeUntil(day, await noticeDays(tx, e.county_code)),
      });
    } else if (input.action === 'announce') {
      await q.updateCountyExit(tx, e.county_code, id, { announced_on: day });
    } else if (input.action === 'return') {
      await q.updateCountyExit(tx, e.county_code, id, { notice_from: null, notice_until: null });
    }
    // The county's figures in the command centre are kept on its own row, which no village's trigger marks.
    await markCountyRows(tx, [e.county_code]);
    return { id };
  });
}

export const currentYear = thisYear;
