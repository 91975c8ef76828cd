import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { markVillageDirty } from '../../command/queries.ts';
import { assertMayOpen, availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import { setHouseholdStatus } from '../../registry/write.ts';
import { getSetting } from '../../settings.ts';
import { eligibility, FAIL_LABELS, type Guarantee, noticeUntil, POVERTY_LINE, POVERTY_LINE_FALLBACK } from './eligibility.ts';
import { HOUSEHOLD_EXIT, NOTICE_DAYS } from './procedure.ts';
import * as q from './queries.ts';
import type { BatchStepInput, DecisionInput, ObjectionInput, ProposalInput, StepInput } from './schema.ts';

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export async function povertyLine(tx: Tx, year: number, region: string) {
  return Number(await getSetting(tx, POVERTY_LINE, POVERTY_LINE_FALLBACK, { year, scopeCode: region }));
}

export async function noticeDays(tx: Tx, region: string) {
  return Number(await getSetting(tx, NOTICE_DAYS.setting, NOTICE_DAYS.fallback, { scopeCode: region }));
}

const guaranteesOf = (r: q.CandidateRow): Record<Guarantee, boolean> => ({
  food: r.guarantee_food,
  clothing: r.guarantee_clothing,
  education: r.guarantee_education,
  medical: r.guarantee_medical,
  housing: r.guarantee_housing,
});

function judge(r: q.CandidateRow, line: number) {
  return eligibility({
    status: r.status,
    guarantees: guaranteesOf(r),
    income: r.per_capita === null ? null : Number(r.per_capita),
    line,
  });
}

/** The village's poor households with their eligibility for exit in the year, each failing condition named. */
export async function candidateList(db: Db, village: string, year: number, lang: Lang) {
  if (village.length !== 12) throw new AppError('EXIT_VILLAGE_ONLY', 400, {}, [{ path: 'region', code: 'village' }]);
  const line = await povertyLine(db, year, village);
  const list = await q.candidates(db, village.slice(0, 6), village, year);
  return {
    year,
    povertyLine: line,
    items: list.map((r) => {
      const e = judge(r, line);
      return {
        id: Number(r.id),
        householdNo: r.household_no,
        head: r.head_name ?? '',
        members: Number(r.member_count),
        incomePerCapita: r.per_capita === null ? null : Number(r.per_capita),
        eligible: e.eligible,
        fails: e.fails.map((f) => ({ code: f, label: pickLabel(FAIL_LABELS[f], lang) })),
        exitId: r.exit_id === null ? null : Number(r.exit_id),
        exitState: r.exit_state,
      };
    }),
  };
}

/**
 * A village's batch of a year (民主评议 list): every household named must be eligible now and not yet proposed in the
 * year; otherwise nothing is written and each refusal is named. Opens one household_exit case per household.
 */
export async function propose(db: Db, actor: ProcedureActor, input: z.infer<typeof ProposalInput>) {
  assertMayOpen(HOUSEHOLD_EXIT, actor);
  const village = input.villageCode;
  const county = village.slice(0, 6);
  const ids = [...new Set(input.householdIds)];
  return db.transaction().execute(async (tx) => {
    const line = await povertyLine(tx, input.year, village);
    const found = await q.candidates(tx, county, village, input.year, ids);
    // A household of another village answers like a missing one: never confirm what is outside the batch's village.
    const problems: { householdId: number; codes: string[] }[] = ids
      .filter((id) => !found.some((f) => Number(f.id) === id))
      .map((id) => ({ householdId: id, codes: ['not_found'] }));
    for (const r of found) {
      const codes: string[] = r.exit_id !== null ? ['already_proposed'] : judge(r, line).fails;
      if (codes.length) problems.push({ householdId: Number(r.id), codes });
    }
    if (problems.length) throw new AppError('EXIT_NOT_ELIGIBLE', 409, { n: problems.length }, problems);
    const today = thisDay();
    const batch = (await q.batchOf(tx, county, village, input.year)) ?? {
      id: (
        await q.insertBatch(tx, {
          county_code: county,
          village_code: village,
          year: input.year,
          proposed_on: today,
          note: text(input.note),
        })
      ).id,
    };
    const batchId = Number(batch.id);
    const made = await q.insertExitHouseholds(
      tx,
      found.map((r) => ({
        county_code: county,
        batch_id: batchId,
        household_id: Number(r.id),
        village_code: village,
        year: input.year,
        income_per_capita: Number(r.per_capita),
        poverty_line: line,
      })),
    );
    for (const m of made) await openCase(tx, HOUSEHOLD_EXIT, { county, subjectId: Number(m.id), region: village, actor });
    await audit.record(tx, actor, {
      scopeCode: village,
      entity: 'exit_batch',
      entityId: batchId,
      action: 'propose',
      after: { year: input.year, households: found.map((r) => r.household_no), povertyLine: line },
    });
    return { id: batchId };
  });
}

export async function listBatches(db: Db, region: string, year: number | undefined) {
  const list = await q.batches(db, region, year);
  return { items: list.map(batchItem) };
}

const batchItem = (b: q.BatchRow) => ({
  id: Number(b.id),
  village: { code: b.village_code, name: b.village_name, township: b.township_name ?? '' },
  year: b.year,
  proposedOn: b.proposed_on,
  households: Number(b.households),
  states: b.states ?? {},
});

const label = (state: string, lang: Lang) => pickLabel(HOUSEHOLD_EXIT.states[state]?.label ?? { zh: state, en: state }, lang);

function exitItem(r: q.ExitHouseholdRow, lang: Lang) {
  return {
    id: Number(r.id),
    batchId: Number(r.batch_id),
    householdId: Number(r.household_id),
    householdNo: r.household_no,
    head: r.head_name ?? '',
    members: Number(r.member_count),
    year: r.year,
    incomePerCapita: Number(r.income_per_capita),
    povertyLine: Number(r.poverty_line),
    noticeFrom: r.notice_from,
    noticeUntil: r.notice_until,
    announcedOn: r.announced_on,
    closedOn: r.closed_on,
    state: r.state,
    stateLabel: label(r.state, lang),
    version: r.version,
    dueDate: r.due_date,
    overdue: r.due_date !== null && r.due_date < thisDay() && !HOUSEHOLD_EXIT.states[r.state]?.terminal,
    objectionsOpen: Number(r.objections_open),
  };
}

export async function batchDetail(db: Db, id: number, lang: Lang) {
  const b = await q.batchById(db, id);
  if (!b) throw notFound();
  const hs = await q.batchHouseholds(db, b.county_code, id);
  return { ...batchItem(b), items: hs.map((r) => exitItem(r, lang)) };
}

export async function exitDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const r = await q.exitHouseholdById(db, id);
  if (!r) throw notFound();
  const c = await loadCase(db, r.county_code, Number(r.case_id));
  const objections = await q.objectionsOf(db, r.county_code, id);
  return {
    ...exitItem(r, lang),
    objections: objections.map(objectionItem),
    case: { ...(await caseView(db, HOUSEHOLD_EXIT, c)), steps: await availableSteps(db, HOUSEHOLD_EXIT, c, actor) },
  };
}

const objectionItem = (o: q.ObjectionRow) => ({
  id: Number(o.id),
  source: o.source,
  content: o.content,
  receivedOn: o.received_on,
  fromPublicPage: o.complaint_id !== null,
  outcome: o.outcome,
  outcomeReason: o.outcome_reason,
  decidedOn: o.decided_on,
  decidedBy: o.decided_by,
  recordedBy: o.recorded_by,
});

function effectiveDay(date: string | undefined) {
  const d = date ?? thisDay();
  if (d > thisDay()) throw new AppError('EXIT_DATE_FUTURE', 400, {}, [{ path: 'date', code: 'future' }]);
  return d;
}

/**
 * What a step does to the exit's facts, in the step's transaction: the notice's days when published, no announcement
 * while an objection is open, the register's 销号 when closed, the notice cleared when sent back.
 */
async function applyEffects(tx: Tx, actor: ProcedureActor, action: string, rows: readonly q.ExitHouseholdRow[], day: string) {
  if (!rows.length) return;
  const county = rows[0]?.county_code as string;
  const ids = rows.map((r) => Number(r.id));
  if (action === 'publish') {
    const days = await noticeDays(tx, rows[0]?.village_code as string);
    await q.setDates(tx, county, ids, { notice_from: day, notice_until: noticeUntil(day, days), announced_on: null });
  } else if (action === 'announce') {
    const open = rows.filter((r) => Number(r.objections_open) > 0);
    if (open.length) throw new AppError('EXIT_OBJECTION_OPEN', 409, { households: open.map((r) => r.household_no).join('、') });
    await q.setDates(tx, county, ids, { announced_on: day });
  } else if (action === 'close') {
    // 销号 through the register's write path: exited with the exit year, a status row dated the step's day (a
    // back-dated close revises the closed months from there), one audit row per household with its fields changed.
    for (const r of rows) {
      await setHouseholdStatus(
        tx,
        { countyCode: county, id: Number(r.household_id) },
        { actor, scopeCode: actor.scope },
        {
          status: 'exited',
          exitYear: r.year,
          date: day,
          reason: 'exit',
          source: `exit_household:${r.id}`,
        },
      );
    }
    await q.setDates(tx, county, ids, { closed_on: day });
  } else if (action === 'return') {
    await q.setDates(tx, county, ids, { notice_from: null, notice_until: null, announced_on: null });
  }
}

/** One household's step (HOUSEHOLD_EXIT's rules plus the effects above), all or nothing. */
export async function householdStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof StepInput>) {
  const day = effectiveDay(input.date);
  return db.transaction().execute(async (tx) => {
    const r = await q.exitHouseholdById(tx, id);
    if (!r) throw notFound();
    await q.lockExitHousehold(tx, r.county_code, id);
    await takeStep(tx, HOUSEHOLD_EXIT, { county: r.county_code, id: Number(r.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: day,
    });
    await applyEffects(tx, actor, input.action, [r], day);
    return { id };
  });
}

/**
 * A step for the batch's households that stand where the step starts (or those named): a village appraises its
 * list at one meeting. Every household is checked as takeStep checks it; one refusal refuses all.
 */
export async function batchStep(db: Db, actor: ProcedureActor, batchId: number, input: z.infer<typeof BatchStepInput>) {
  const t = HOUSEHOLD_EXIT.transitions.find((x) => x.action === input.action);
  if (!t) throw new AppError('PROCEDURE_UNKNOWN_ACTION', 400, { action: input.action });
  const day = effectiveDay(input.date);
  return db.transaction().execute(async (tx) => {
    const b = await q.batchById(tx, batchId);
    if (!b) throw notFound();
    const all = await q.batchHouseholds(tx, b.county_code, batchId);
    const chosen = input.ids ? all.filter((r) => input.ids?.includes(Number(r.id))) : all.filter((r) => t.from.includes(r.state));
    if (input.ids && chosen.length !== new Set(input.ids).size) throw notFound();
    if (!chosen.length) throw new AppError('EXIT_BATCH_NONE', 409, { action: t.label.zh, actionEn: t.label.en });
    // One takeStep per household: each is judged as on its own (its notice counted from its own publication day).
    for (const r of chosen) {
      await takeStep(tx, HOUSEHOLD_EXIT, { county: r.county_code, id: Number(r.case_id) }, input.action, {
        actor,
        reason: input.reason,
        note: input.note,
        effectiveDate: day,
      });
    }
    await applyEffects(tx, actor, input.action, chosen, day);
    return { id: batchId, moved: chosen.length };
  });
}

/** An objection during the notice (异议), recorded with its source; the announcement waits until it is decided. */
export async function addObjection(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof ObjectionInput>) {
  return db.transaction().execute(async (tx) => {
    const r = await q.exitHouseholdById(tx, id);
    if (!r) throw notFound();
    await q.lockExitHousehold(tx, r.county_code, id);
    return { id: await recordObjection(tx, actor, r, { ...input, complaintId: null }) };
  });
}

/** Records an objection on an exit in notice (the logged-in form, or a complaint from the public page). */
export async function recordObjection(
  tx: Tx,
  actor: audit.Actor,
  r: q.ExitHouseholdRow,
  input: { source: string; content: string; receivedOn?: string; complaintId: number | null },
) {
  if (r.state !== 'notice') throw new AppError('EXIT_NOT_IN_NOTICE', 409);
  const row = await q.insertObjection(tx, {
    county_code: r.county_code,
    exit_household_id: Number(r.id),
    source: input.source,
    content: input.content.trim(),
    received_on: effectiveDay(input.receivedOn),
    complaint_id: input.complaintId,
    recorded_by: actor.username,
  });
  // exit_objection has no rollup trigger (issue 14): the village is marked here, so 待处理异议 moves at once.
  await markVillageDirty(tx, r.village_code);
  await audit.record(tx, actor, {
    scopeCode: r.village_code,
    entity: 'exit_household',
    entityId: Number(r.id),
    action: 'objection',
    after: { objection: Number(row.id), source: input.source, content: input.content.trim() },
  });
  return Number(row.id);
}

/**
 * Decides an objection: dismissed (with the reason) lets the notice run on; upheld sends the household back to the
 * start of its procedure with the reason (the 'return' step, the township's or above).
 */
export async function decide(db: Db, actor: ProcedureActor, id: number, objectionId: number, input: z.infer<typeof DecisionInput>) {
  if (actor.scope.length > 9) throw new AppError('PROCEDURE_LEVEL', 403, { level: '乡镇级', levelEn: 'township' });
  return db.transaction().execute(async (tx) => {
    const r = await q.exitHouseholdById(tx, id);
    if (!r) throw notFound();
    await q.lockExitHousehold(tx, r.county_code, id);
    const o = await q.objectionById(tx, r.county_code, objectionId);
    if (!o || Number(o.exit_household_id) !== id) throw notFound();
    const done = await q.decideObjection(tx, r.county_code, objectionId, {
      outcome: input.outcome,
      outcome_reason: input.reason.trim(),
      decided_on: thisDay(),
      decided_by: actor.username,
    });
    if (!done) throw new AppError('EXIT_OBJECTION_DECIDED', 409);
    await markVillageDirty(tx, r.village_code);
    if (input.outcome === 'upheld') {
      await takeStep(tx, HOUSEHOLD_EXIT, { county: r.county_code, id: Number(r.case_id) }, 'return', {
        actor,
        reason: `${input.reason.trim()}`,
        note: `异议成立 / objection upheld #${objectionId}`,
      });
      await applyEffects(tx, actor, 'return', [r], thisDay());
    }
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'exit_household',
      entityId: id,
      action: 'objection_decided',
      before: { objection: objectionId, outcome: null },
      after: { objection: objectionId, outcome: input.outcome, reason: input.reason.trim() },
    });
    return { id };
  });
}
