import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { addDays, thisDay, thisYear } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { roleById } from '../../auth/roles.ts';
import { parseCursor } from '../../cadres/cursor.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import {
  assertMayOpen,
  availableSteps,
  caseView,
  loadCase,
  openCase,
  openCases,
  type ProcedureActor,
  procedureSettings,
  takeStep,
} from '../../procedures/service.ts';
import { label as codeLabel, listItems } from '../../registry/codelists.ts';
import { saveHouseholdIn } from '../../registry/edit.ts';
import { getSetting } from '../../settings.ts';
import {
  CHECKLIST,
  CHECKLIST_LABELS,
  checklistGaps,
  decisionDue,
  INCOME_FACTOR,
  KIND_LABELS,
  type Kind,
  MONITORING,
  monitoringLine,
  SOURCE_LABELS,
  type Source,
} from './procedures.ts';
import * as q from './queries.ts';
import type { MeasureInput, MonitoringQuery, MonitoringStepInput, ProposalInput } from './schema.ts';

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The monitoring line of a region this year: the factor × the year's poverty line (both settings). */
export async function incomeLine(tx: Tx, region: string) {
  const year = thisYear();
  const line = Number(await getSetting(tx, 'registry.poverty_line', 3335, { scopeCode: region, year }));
  const factor = Number(await getSetting(tx, INCOME_FACTOR.setting, INCOME_FACTOR.fallback, { scopeCode: region, year }));
  return { line: monitoringLine(line, factor), povertyLine: line, factor };
}

/** Whether a case is past its step's deadline or the decision limit while still open. */
export function isOverdue(r: { state: string; step_due: string | null; decision_due: string | null }, today = thisDay()) {
  if (r.state === 'monitored' || r.state === 'left' || r.state === 'rejected') return false;
  return (r.step_due !== null && r.step_due < today) || (r.decision_due !== null && r.decision_due < today);
}

export function monitoringItem(r: q.MonitoringRow, lang: Lang) {
  const s = MONITORING.states[r.state]?.label ?? { zh: r.state, en: r.state };
  return {
    id: Number(r.id),
    householdId: Number(r.household_id),
    householdNo: r.household_no,
    head: r.head_name,
    village: { code: r.village_code, name: r.village_name, township: r.township_name },
    kind: r.kind,
    kindLabel: pickLabel(KIND_LABELS[r.kind as Kind], lang),
    source: r.source,
    sourceLabel: pickLabel(SOURCE_LABELS[r.source as Source], lang),
    risk: r.risk,
    income: num(r.income),
    monitoringOnly: r.monitoring_only,
    openedOn: r.opened_on,
    confirmedOn: r.confirmed_on,
    decisionDue: r.decision_due,
    consentSignedOn: r.consent_signed_on,
    includedOn: r.included_on,
    endedOn: r.ended_on,
    state: r.state,
    stateLabel: pickLabel(s, lang),
    stepDue: r.step_due,
    overdue: isOverdue(r),
  };
}

export async function listMonitoring(db: Db, region: string, query: z.infer<typeof MonitoringQuery>, lang: Lang) {
  const rows = await q.listMonitoring(
    db,
    { region, state: query.state, kind: query.kind, overdue: query.overdue ? { today: thisDay() } : undefined },
    query.cursor ? parseCursor(query.cursor) : null,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => monitoringItem(r, lang)),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null,
  };
}

export interface Proposal {
  county: string;
  householdId: number;
  villageCode: string;
  kind: Kind;
  source: Source;
  sourceRef?: number | null;
  risk: string;
  income?: number | null;
  monitoringOnly?: boolean;
}

/**
 * Judges whether a household may be proposed for a kind: not already in a live case, not still poor (a poor household
 * is helped as such), an unstable household has exited, a marginal household's income (given or its latest) is under
 * the monitoring line. Throws the refusal.
 */
export async function checkProposal(tx: Tx, p: Proposal) {
  const h = await q.householdFacts(tx, p.county, p.householdId);
  if (!h || h.village_code !== p.villageCode) throw notFound();
  if (await q.liveCaseOf(tx, p.county, p.householdId))
    throw new AppError('MONITORING_CASE_EXISTS', 409, {}, [{ path: 'householdId', code: 'exists' }]);
  if (h.status === 'poor' || h.status === 'returned')
    throw new AppError('MONITORING_STILL_POOR', 409, {}, [{ path: 'householdId', code: 'poor' }]);
  if (p.kind === 'unstable' && h.status !== 'exited') {
    throw new AppError('MONITORING_KIND_STATUS', 409, { status: codeLabel('household_status', h.status) ?? h.status }, [
      { path: 'kind', code: 'status' },
    ]);
  }
  const income = p.income ?? num(h.income);
  if (p.kind === 'marginal' && income !== null) {
    const l = await incomeLine(tx, p.villageCode);
    if (income >= l.line)
      throw new AppError('MONITORING_INCOME_ABOVE', 409, { income, line: l.line, factor: l.factor }, [{ path: 'income', code: 'above' }]);
  }
  return { household: h, income };
}

/** Opens a proposal inside the caller's transaction (a visit, a comparison hit, a person's form): checked, audited. */
export async function proposeInTx(tx: Tx, actor: ProcedureActor, p: Proposal) {
  assertMayOpen(MONITORING, actor);
  const { income } = await checkProposal(tx, p);
  const id = await q.insertMonitoringCase(tx, {
    county_code: p.county,
    household_id: p.householdId,
    village_code: p.villageCode,
    kind: p.kind,
    source: p.source,
    source_ref: p.sourceRef ?? null,
    risk: p.risk.trim(),
    income,
    monitoring_only: p.monitoringOnly ?? false,
    created_by: actor.id,
  });
  await openCase(tx, MONITORING, { county: p.county, subjectId: id, region: p.villageCode, actor, note: p.risk });
  await audit.record(tx, actor, {
    scopeCode: p.villageCode,
    entity: 'monitoring_case',
    entityId: id,
    action: 'create',
    after: { householdId: p.householdId, kind: p.kind, source: p.source, risk: p.risk, income },
  });
  return { id };
}

/** A person's proposal: a registered household, or a new monitoring-only household for a marginal one. */
export async function propose(db: Db, keys: PiiKeys, actor: ProcedureActor, input: z.infer<typeof ProposalInput>, lang: Lang) {
  const county = input.villageCode.slice(0, 6);
  const base = { county, villageCode: input.villageCode, kind: input.kind, source: input.source, risk: input.risk, income: input.income };
  if (input.householdId !== undefined) {
    const householdId = input.householdId;
    return db.transaction().execute((tx) => proposeInTx(tx, actor, { ...base, householdId }));
  }
  if (input.kind !== 'marginal' || !input.household)
    throw new AppError('MONITORING_NEW_ONLY_MARGINAL', 400, {}, [{ path: 'kind', code: 'marginal_only' }]);
  // The household goes through the register's write path (the form's checks, audit, version), in this transaction
  // with its case: a refusal of either leaves neither.
  const household = {
    ...input.household,
    villageCode: input.villageCode,
    status: 'monitored',
    income: input.income ?? input.household.income,
  };
  const made = await db.transaction().execute(async (tx) => {
    const h = await saveHouseholdIn(tx, keys, actor.scope, actor, household, lang);
    if ('refused' in h) return h;
    return proposeInTx(tx, actor, { ...base, householdId: h.id, monitoringOnly: true });
  });
  if ('refused' in made) throw made.refused;
  return made;
}

/**
 * The system's proposals: exited households of the region whose latest income is under the monitoring line and that
 * have no live case, proposed (state 待确认) for a person to confirm. Set-based; the actor is the person who ran it.
 */
export async function scanIncomes(db: Db, actor: ProcedureActor, region: string, limit = 5000) {
  return db.transaction().execute(async (tx) => {
    const { line } = await incomeLine(tx, region);
    const found = await q.systemCandidates(tx, region, line, limit);
    const made = await q.insertMonitoringCases(
      tx,
      found.map((h) => ({
        county_code: h.county_code,
        household_id: h.id,
        village_code: h.village_code,
        kind: 'unstable',
        source: 'system',
        source_ref: null,
        risk: `${h.year} 年人均纯收入 ${Number(h.income)} 元，低于监测标准 ${line} 元`,
        income: Number(h.income),
        monitoring_only: false,
        created_by: actor.id,
      })),
    );
    await openCases(
      tx,
      MONITORING,
      actor,
      made.map((m) => ({ county: m.county_code, subjectId: m.id, region: m.village_code })),
    );
    if (made.length)
      await audit.record(tx, actor, {
        scopeCode: region,
        entity: 'monitoring_case',
        entityId: region,
        action: 'system_scan',
        after: { proposed: made.length, line },
      });
    return { proposed: made.length, line };
  });
}

/**
 * A step of the case. 'confirm' starts the 15-day limit; 'consent' needs the day the household signed; 'include'
 * dates the monitoring; 'leave' needs the whole checklist; 'reject' and 'leave' end the case.
 */
export async function monitoringStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof MonitoringStepInput>) {
  return db.transaction().execute(async (tx) => {
    const r = await q.monitoringById(tx, id);
    if (!r) throw notFound();
    await q.lockMonitoring(tx, r.county_code, id);
    const date = input.date ?? thisDay();
    const future = (path: string) => new AppError('MONITORING_DATE_FUTURE', 400, {}, [{ path, code: 'future' }]);
    if (date > thisDay()) throw future('date');
    const facts: q.MonitoringFacts = {};
    if (input.action === 'confirm') {
      facts.confirmed_on = date;
      facts.decision_due = decisionDue(date, await procedureSettings(tx, MONITORING, r.village_code));
    }
    if (input.action === 'consent') {
      if (!input.consentSignedOn)
        throw new AppError('MONITORING_CONSENT_REQUIRED', 400, {}, [{ path: 'consentSignedOn', code: 'required' }]);
      if (input.consentSignedOn > thisDay()) throw future('consentSignedOn');
      facts.consent_signed_on = input.consentSignedOn;
    }
    if (input.action === 'include') facts.included_on = date;
    if (input.action === 'leave') {
      const gaps = checklistGaps(input.checklist);
      if (gaps.length)
        throw new AppError(
          'MONITORING_CHECKLIST',
          409,
          { items: gaps.map((g) => CHECKLIST_LABELS[g].zh).join('、'), itemsEn: gaps.map((g) => CHECKLIST_LABELS[g].en).join(', ') },
          gaps.map((g) => ({ path: `checklist.${g}`, code: 'required' })),
        );
      facts.checklist = input.checklist;
      facts.ended_on = date;
    }
    if (input.action === 'reject') facts.ended_on = date;
    await takeStep(tx, MONITORING, { county: r.county_code, id: Number(r.case_id) }, input.action, {
      actor,
      version: input.version,
      reason: input.reason,
      note: input.note,
      effectiveDate: date,
    });
    await q.setFacts(tx, r.county_code, id, facts);
    return { id };
  });
}

/** An assistance measure (帮扶措施) of a monitored household, typed by the register's project types. */
export async function addMeasure(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof MeasureInput>) {
  if (actor.scope.length > 9) throw new AppError('PROCEDURE_LEVEL', 403, { level: '乡镇级', levelEn: 'township' });
  if (!codeLabel('project_type', input.type)) throw new AppError('MONITORING_MEASURE_TYPE', 400, {}, [{ path: 'type', code: 'unknown' }]);
  if (input.startedOn > thisDay()) throw new AppError('MONITORING_DATE_FUTURE', 400, {}, [{ path: 'startedOn', code: 'future' }]);
  return db.transaction().execute(async (tx) => {
    const r = await q.monitoringById(tx, id);
    if (!r) throw notFound();
    if (r.state !== 'monitored') throw new AppError('MONITORING_MEASURE_STATE', 409, {}, [{ path: 'type', code: 'state' }]);
    const mid = await q.insertMeasure(tx, r.county_code, id, {
      type: input.type,
      started_on: input.startedOn,
      amount: input.amount,
      note: text(input.note),
    });
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'monitoring_case',
      entityId: id,
      action: 'measure',
      after: { type: input.type, startedOn: input.startedOn, amount: input.amount, note: text(input.note) },
    });
    return { id: mid };
  });
}

export async function monitoringDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const r = await q.monitoringById(db, id);
  if (!r) throw notFound();
  const c = await loadCase(db, r.county_code, Number(r.case_id));
  const short = lang === 'en' ? 'en' : 'zh-CN';
  return {
    ...monitoringItem(r, lang),
    checklist: CHECKLIST.map((code) => ({ code, label: CHECKLIST_LABELS[code], met: r.checklist?.[code] === true })),
    measures: (await q.measuresOf(db, r.county_code, id)).map((m) => ({
      id: Number(m.id),
      type: m.type,
      typeLabel: codeLabel('project_type', m.type, short) ?? m.type,
      startedOn: m.started_on,
      amount: Number(m.amount),
      note: m.note,
    })),
    projectTypes: listItems('project_type').map((i) => ({ code: i.code, label: lang === 'en' ? i.en : i.zh })),
    case: { ...(await caseView(db, MONITORING, c)), steps: await availableSteps(db, MONITORING, c, actor) },
  };
}

/** A name as a village board shows it: the surname and the last character, the rest masked (王*明, 李*). */
export function boardName(name: string | null): string {
  if (!name) return '*';
  const chars = [...name];
  if (chars.length === 1) return chars[0] ?? '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/**
 * The monitoring notices a village board shows (for the public village page): each household in its village notice,
 * its head's masked name and the notice's first and last day. Nothing else: no ID, phone, income or kind.
 */
export async function publicMonitoringNotices(db: Db | Tx, villageCode: string) {
  if (!/^\d{12}$/.test(villageCode)) return [];
  const rows = await q.noticesOfVillage(db, villageCode);
  const settings = await procedureSettings(db, MONITORING, villageCode);
  const days = settings['exit.monitoring_notice_days'] ?? 5;
  return rows.map((r) => ({ name: boardName(r.head_name), from: r.notice_from, to: addDays(r.notice_from, days) }));
}

/**
 * A cadre's visit that raised a risk (the field app's flag): a proposal (source 干部走访) in the visit's transaction. A
 * proposal the rules refuse (a live case already, a household still poor) leaves the visit recorded and says why.
 */
export async function proposeFromVisit(
  tx: Tx,
  user: { id: number; username: string; role: string; scope_code: string },
  visit: { county: string; villageCode: string; householdId: number; visitId: number; kind: Kind; risk: string },
) {
  const actor: ProcedureActor = {
    id: user.id,
    username: user.username,
    role: user.role,
    scope: user.scope_code,
    permissions: roleById(user.role)?.permissions ?? [],
  };
  try {
    const made = await proposeInTx(tx, actor, {
      county: visit.county,
      householdId: visit.householdId,
      villageCode: visit.villageCode,
      kind: visit.kind,
      source: 'visit',
      sourceRef: visit.visitId,
      risk: visit.risk,
    });
    return { caseId: made.id, refusal: null };
  } catch (e) {
    if (e instanceof AppError && e.status < 500) return { caseId: null, refusal: e.code };
    throw e;
  }
}
