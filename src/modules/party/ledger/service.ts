import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { parseCursor } from '../../cadres/cursor.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import { causeLabel, causesFor } from './causes.ts';
import { RECTIFICATION, RECTIFICATION_OPEN_STATES } from './procedures.ts';
import * as q from './queries.ts';
import type { CaseInput, LedgerQuery, PlanInput, ProgressInput, StepInput } from './schema.ts';

const short = (l: Lang) => (l === 'en' ? 'en' : 'zh');

/** Plans, assessments and nominations are the township's or the county's, never a village user's. */
export function assertTownshipOrAbove(actor: { scope: string }) {
  if (actor.scope.length > 9) throw new AppError('PROCEDURE_LEVEL', 403, { level: '乡镇级', levelEn: 'township' });
}
const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Whether a case is past its plan's deadline, or of a past year and still open (both are alerts). */
export function lateness(r: { state: string; deadline: string | null; year: number }, today = thisDay()) {
  const open = (RECTIFICATION_OPEN_STATES as readonly string[]).includes(r.state);
  return {
    overdue: open && r.deadline !== null && r.deadline < today,
    notClosedByYearEnd: open && `${r.year}-12-31` < today,
  };
}

export function ledgerItem(r: q.RectificationRow, causes: Awaited<ReturnType<typeof causesFor>>, lang: Lang) {
  const s = RECTIFICATION.states[r.state]?.label ?? { zh: r.state, en: r.state };
  return {
    id: Number(r.id),
    village: { code: r.village_code, name: r.village_name, township: r.township_name },
    year: r.year,
    causes: r.causes.map((code) => ({ code, label: causeLabel(causes, code, short(lang)) })),
    problems: r.problems,
    plan: r.plan,
    countyLeader: r.county_leader,
    townshipMember: r.township_member,
    firstSecretary: r.first_secretary_name,
    deadline: r.deadline,
    closedOn: r.closed_on,
    consolidatedOn: r.consolidated_on,
    lastProgress: r.last_progress,
    state: r.state,
    stateLabel: pickLabel(s, lang),
    ...lateness(r),
  };
}

export async function listLedger(db: Db, region: string, query: z.infer<typeof LedgerQuery>, lang: Lang) {
  const rows = await q.listRectifications(
    db,
    { region, state: query.state, year: query.year, overdue: query.overdue ? { today: thisDay() } : undefined },
    query.cursor ? parseCursor(query.cursor) : null,
    query.limit + 1,
  );
  const causes = await causesFor(db, region);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ledgerItem(r, causes, lang)),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null,
  };
}

async function checkCauses(tx: Tx, village: string, codes: readonly string[]) {
  const list = await causesFor(tx, village);
  const unknown = codes.filter((c) => !list.some((x) => x.code === c));
  if (unknown.length) throw new AppError('PARTY_CAUSE_UNKNOWN', 400, { causes: unknown.join('、') }, [{ path: 'causes', code: 'unknown' }]);
  return [...new Set(codes)];
}

/** 排查认定: a weak-and-lax organisation's case of a year, one per village and year; the case opens identified. */
export async function createCase(db: Db, actor: ProcedureActor, input: z.infer<typeof CaseInput>) {
  const county = input.villageCode.slice(0, 6);
  return db.transaction().execute(async (tx) => {
    const causes = await checkCauses(tx, input.villageCode, input.causes);
    await q.lockCaseKey(tx, input.villageCode, input.year);
    if (await q.yearCaseOf(tx, county, input.villageCode, input.year))
      throw new AppError('PARTY_CASE_EXISTS', 409, { year: input.year }, [{ path: 'year', code: 'exists' }]);
    const org = await q.orgOfVillage(tx, county, input.villageCode);
    const id = await q.insertRectification(tx, {
      county_code: county,
      village_code: input.villageCode,
      org_id: org ? Number(org.id) : null,
      year: input.year,
      causes,
      problems: text(input.problems),
    });
    await openCase(tx, RECTIFICATION, { county, subjectId: id, region: input.villageCode, actor, note: input.problems });
    await audit.record(tx, actor, {
      scopeCode: input.villageCode,
      entity: 'party_rectification',
      entityId: id,
      action: 'create',
      after: { year: input.year, causes, problems: text(input.problems) },
    });
    return { id };
  });
}

/** 一村一策: the plan, the county leader, the township member, the deadline; the first secretary from the cadres module. */
export async function savePlan(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof PlanInput>) {
  assertTownshipOrAbove(actor);
  return db.transaction().execute(async (tx) => {
    const r = await q.rectificationById(tx, id);
    if (!r) throw notFound();
    await q.lockRectification(tx, r.county_code, id);
    if (!(RECTIFICATION_OPEN_STATES as readonly string[]).includes(r.state))
      throw new AppError('PARTY_CASE_CLOSED', 409, {}, [{ path: 'plan', code: 'closed' }]);
    if (input.version !== undefined && input.version !== r.version) throw new AppError('PROCEDURE_CHANGED', 409);
    if (input.deadline && input.deadline < `${r.year}-01-01`)
      throw new AppError('PARTY_DEADLINE_BEFORE_YEAR', 400, { year: r.year }, [{ path: 'deadline', code: 'before_year' }]);
    const causes = input.causes ? await checkCauses(tx, r.village_code, input.causes) : r.causes;
    const fs = await q.currentFirstSecretary(tx, r.county_code, r.village_code);
    const values: q.PlanValues = {
      causes,
      problems: input.problems === undefined ? r.problems : text(input.problems),
      plan: text(input.plan),
      county_leader: text(input.countyLeader),
      township_member: text(input.townshipMember),
      first_secretary_posting_id: fs ? Number(fs.posting_id) : null,
      first_secretary_name: fs?.name ?? null,
      deadline: input.deadline ?? null,
    };
    await q.updatePlan(tx, r.county_code, id, values);
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'party_rectification',
      entityId: id,
      action: 'plan',
      before: { causes: r.causes, plan: r.plan, countyLeader: r.county_leader, townshipMember: r.township_member, deadline: r.deadline },
      after: {
        causes,
        plan: values.plan,
        countyLeader: values.county_leader,
        townshipMember: values.township_member,
        firstSecretary: values.first_secretary_name,
        deadline: values.deadline,
      },
    });
    return { id };
  });
}

const PLAN_FIELDS = [
  ['plan', 'plan'],
  ['county_leader', 'countyLeader'],
  ['township_member', 'townshipMember'],
  ['deadline', 'deadline'],
] as const;

/** A step of the case: 'plan' needs the measures complete; 'close' and 'consolidate' date the ledger's columns. */
export async function ledgerStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof StepInput>) {
  return db.transaction().execute(async (tx) => {
    const r = await q.rectificationById(tx, id);
    if (!r) throw notFound();
    await q.lockRectification(tx, r.county_code, id);
    if (input.action === 'plan') {
      const missing = PLAN_FIELDS.filter(([col]) => !r[col]).map(([, field]) => field);
      if (missing.length)
        throw new AppError(
          'PARTY_PLAN_INCOMPLETE',
          409,
          { fields: missing.join(', ') },
          missing.map((path) => ({ path, code: 'required' })),
        );
    }
    const date = input.date ?? thisDay();
    if (date > thisDay()) throw new AppError('PARTY_DATE_FUTURE', 400, {}, [{ path: 'date', code: 'future' }]);
    await takeStep(tx, RECTIFICATION, { county: r.county_code, id: Number(r.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: date,
    });
    if (input.action === 'close') await q.setOutcomeDates(tx, r.county_code, id, date, null);
    if (input.action === 'consolidate') await q.setOutcomeDates(tx, r.county_code, id, r.closed_on, date);
    if (input.action === 'reopen') await q.setOutcomeDates(tx, r.county_code, id, null, null);
    return { id };
  });
}

/** 整改进展: a dated entry, while the measures are set or being carried out. */
export async function addProgress(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof ProgressInput>) {
  return db.transaction().execute(async (tx) => {
    const r = await q.rectificationById(tx, id);
    if (!r) throw notFound();
    if (r.state !== 'planned' && r.state !== 'rectifying')
      throw new AppError('PARTY_PROGRESS_STATE', 409, {}, [{ path: 'content', code: 'state' }]);
    if (input.date > thisDay()) throw new AppError('PARTY_DATE_FUTURE', 400, {}, [{ path: 'date', code: 'future' }]);
    const entry = await q.insertProgress(tx, r.county_code, id, input.date, input.content, actor.username);
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'party_rectification',
      entityId: id,
      action: 'progress',
      after: { date: input.date, content: input.content },
    });
    return { id: entry };
  });
}

export async function ledgerDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const r = await q.rectificationById(db, id);
  if (!r) throw notFound();
  const c = await loadCase(db, r.county_code, Number(r.case_id));
  const causes = await causesFor(db, r.village_code);
  const fs = await q.currentFirstSecretary(db, r.county_code, r.village_code);
  return {
    ...ledgerItem(r, causes, lang),
    currentFirstSecretary: fs?.name ?? null,
    progress: (await q.progressOf(db, r.county_code, id)).map((p) => ({
      id: Number(p.id),
      date: p.entry_date,
      content: p.content,
      actor: p.actor_name,
    })),
    case: { ...(await caseView(db, RECTIFICATION, c)), steps: await availableSteps(db, RECTIFICATION, c, actor) },
  };
}

export async function causeList(db: Db, region: string, lang: Lang) {
  return { items: (await causesFor(db, region)).map((c) => ({ code: c.code, label: short(lang) === 'en' ? c.en : c.zh })) };
}

export const defaultYear = () => thisYear();
