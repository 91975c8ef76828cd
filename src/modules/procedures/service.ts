import type { FastifyRequest } from 'fastify';
import type { Tx } from '../../db/types.ts';
import { addDays, daysBetween, thisDay } from '../../server/clock.ts';
import { AppError } from '../../server/errors.ts';
import { requestActor } from '../../server/module.ts';
import * as audit from '../audit/service.ts';
import { roleById } from '../auth/roles.ts';
import { getSetting, settingReader } from '../settings.ts';
import {
  type ActorRule,
  daysOf,
  factHolds,
  type ProcedureDef,
  refusal,
  type StepActor,
  settingKeys,
  type TransitionDef,
} from './define.ts';
import * as q from './queries.ts';

export type { CaseRow, StepRow } from './queries.ts';

/** The person taking a step: who they are for the audit trail and the step history, and what they may do. */
export type ProcedureActor = audit.Actor & StepActor;

type Facts = Readonly<Record<string, number>>;

const LEVEL_NAMES = {
  province: { zh: '省级', en: 'province' },
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
  township: { zh: '乡镇级', en: 'township' },
  village: { zh: '村级', en: 'village' },
} as const;

/** The signed-in user as a procedure sees them: who (audit), their role, scope and permissions (the rules). */
export function procedureActor(req: FastifyRequest): ProcedureActor {
  const a = requestActor(req);
  const scope = req.user?.scope_code ?? '';
  return { ...a, scope, permissions: roleById(a.role)?.permissions ?? [] };
}

/** The procedure's settings (deadlines, thresholds) as they apply in a region. */
export async function procedureSettings(tx: Tx, def: ProcedureDef, region: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [key, fallback] of Object.entries(settingKeys(def))) {
    out[key] = Number(await getSetting(tx, key, fallback, { scopeCode: region }));
  }
  return out;
}

const dayOf = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function dueDate(def: ProcedureDef, state: string, from: string, settings: Record<string, number>): string | null {
  const d = def.states[state]?.deadline;
  return d === undefined ? null : addDays(from, daysOf(d, settings));
}

function checkActor(rule: ActorRule, actor: StepActor, facts: Facts, settings: Record<string, number>) {
  const no = refusal(rule, actor, facts, settings);
  if (!no) return;
  if (no.code === 'PROCEDURE_LEVEL' && no.level) {
    throw new AppError('PROCEDURE_LEVEL', 403, { level: LEVEL_NAMES[no.level].zh, levelEn: LEVEL_NAMES[no.level].en });
  }
  throw new AppError('PROCEDURE_ROLE', 403);
}

function reasonNeeded(t: TransitionDef, facts: Facts, settings: Record<string, number>): boolean {
  if (!t.reason) return false;
  return t.reason === true || factHolds(t.reason, facts, settings);
}

/** Text a person typed: trimmed, empty as null. */
const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Refuses an actor who may not open cases of the procedure (its level and permission), before any work is done. */
export function assertMayOpen(def: ProcedureDef, actor: StepActor) {
  checkActor(def.open, actor, {}, {});
}

export interface OpenInput {
  county: string;
  subjectId: number;
  region: string;
  actor: ProcedureActor;
  /** The date the case starts (default today); a step recorded late keeps both dates. */
  effectiveDate?: string;
  note?: string | null;
  facts?: Facts;
}

/** Opens the case of a new record in the procedure's initial state, with its first step. Inside the record's transaction. */
export async function openCase(tx: Tx, def: ProcedureDef, input: OpenInput) {
  const settings = await procedureSettings(tx, def, input.region);
  checkActor(def.open, input.actor, input.facts ?? {}, settings);
  const effective = input.effectiveDate ?? thisDay();
  const c = await q.insertCase(tx, {
    county_code: input.county,
    procedure: def.id,
    subject_id: input.subjectId,
    region_code: input.region,
    state: def.initial,
    due_date: dueDate(def, def.initial, thisDay(), settings),
  });
  const step = await q.insertStep(tx, {
    county_code: c.county_code,
    case_id: c.id,
    seq: 1,
    action: 'open',
    from_state: null,
    to_state: def.initial,
    effective_date: effective,
    actor_id: input.actor.id,
    actor_name: input.actor.username,
    actor_scope: input.actor.scope,
    reason: null,
    note: text(input.note),
  });
  return { case: c, step };
}

export interface StepInput {
  actor: ProcedureActor;
  /** The version the person saw: a case moved by someone else since answers 409 and nothing is written. */
  version?: number;
  reason?: string | null;
  note?: string | null;
  effectiveDate?: string;
  /** Facts the rules read (a leave's days, a posting's tenure in days). */
  facts?: Facts;
}

/**
 * Takes one step: the action must start from the case's state, the actor must have the role and level, a reason is
 * there when the rule asks for one, the state's waiting period is over. Writes the step, the new state and deadline,
 * and an audit row, in the caller's transaction; anything refused writes nothing.
 */
export async function takeStep(tx: Tx, def: ProcedureDef, ref: { county: string; id: number }, action: string, input: StepInput) {
  const c = await q.caseById(tx, ref.county, ref.id);
  if (!c || c.procedure !== def.id) throw new AppError('NOT_FOUND', 404);
  const settings = await procedureSettings(tx, def, c.region_code);
  const last = await q.steps(tx, c.county_code, c.id);
  const { t, reason } = checkStep(def, c, action, input, settings, waitStart(c, last.at(-1)));
  const today = thisDay();
  const moved = await q.moveCase(tx, c, {
    state: t.to,
    due_date: dueDate(def, t.to, today, settings),
    closed: def.states[t.to]?.terminal === true,
  });
  if (!moved) throw new AppError('PROCEDURE_CHANGED', 409);
  const step = await q.insertStep(tx, stepRow(c, (last.at(-1)?.seq ?? 0) + 1, action, t.to, input, reason));
  await audit.record(tx, input.actor, stepAudit(def, c, action, t.to, input, reason, step.effective_date));
  return { case: moved, step, transition: t };
}

/**
 * Whether `action` may be taken on case `c` by this actor with these facts: the action starts from the case's state,
 * the version is the one read, the actor has the role and level, a reason is there when the rule asks for one, the
 * state's waiting period is over. Throws the refusal; returns the transition and the reason given.
 */
/**
 * The day a state's waiting period counts from: the date the step into it took effect (a 销号 recorded late waits
 * from its own date), else the day the case entered the state.
 */
function waitStart(c: q.CaseRow, last: { to_state: string; effective_date: Date | string } | undefined) {
  return last && last.to_state === c.state ? dayOf(last.effective_date) : dayOf(c.state_since);
}

function checkStep(
  def: ProcedureDef,
  c: q.CaseRow,
  action: string,
  input: StepInput,
  settings: Record<string, number>,
  since = dayOf(c.state_since),
) {
  const t = def.transitions.find((x) => x.action === action);
  if (!t) throw new AppError('PROCEDURE_UNKNOWN_ACTION', 400, { action });
  if (input.version !== undefined && input.version !== c.version) throw new AppError('PROCEDURE_CHANGED', 409);
  if (!t.from.includes(c.state)) {
    const state = def.states[c.state]?.label ?? { zh: c.state, en: c.state };
    throw new AppError('PROCEDURE_WRONG_STATE', 409, { action: t.label.zh, actionEn: t.label.en, state: state.zh, stateEn: state.en });
  }
  const facts = input.facts ?? {};
  checkActor(t.by, input.actor, facts, settings);
  const reason = text(input.reason);
  if (!reason && reasonNeeded(t, facts, settings))
    throw new AppError('PROCEDURE_REASON_REQUIRED', 400, {}, [{ path: 'reason', code: 'required' }]);
  if (t.notBefore !== undefined) {
    const wait = daysOf(t.notBefore, settings);
    const waited = daysBetween(since, thisDay());
    if (waited < wait) throw new AppError('PROCEDURE_TOO_EARLY', 409, { days: wait, waited, from: addDays(since, wait) });
  }
  return { t, reason };
}

const stepRow = (c: q.CaseKey, seq: number, action: string, to: string, input: StepInput, reason: string | null): q.NewStep => ({
  county_code: c.county_code,
  case_id: c.id,
  seq,
  action,
  from_state: 'state' in c ? (c as q.CaseRow).state : null,
  to_state: to,
  effective_date: input.effectiveDate ?? thisDay(),
  actor_id: input.actor.id,
  actor_name: input.actor.username,
  actor_scope: input.actor.scope,
  reason,
  note: text(input.note),
});

const stepAudit = (
  def: ProcedureDef,
  c: q.CaseRow,
  action: string,
  to: string,
  input: StepInput,
  reason: string | null,
  effectiveDate: string | Date,
): audit.AuditEntry => ({
  scopeCode: c.region_code,
  entity: 'procedure_case',
  entityId: `${c.county_code}-${c.id}`,
  action: `${def.id}.${action}`,
  before: { procedure: def.id, state: c.state },
  after: { procedure: def.id, state: to, reason, note: text(input.note), effectiveDate },
});

/** The procedure's settings for many regions (an import's villages), each key read once. */
async function settingsByRegion(tx: Tx, def: ProcedureDef) {
  const readers: [string, (region: string) => number][] = [];
  for (const [key, fallback] of Object.entries(settingKeys(def))) readers.push([key, await settingReader(tx, key, fallback)]);
  const memo = new Map<string, Record<string, number>>();
  return (region: string) => {
    let s = memo.get(region);
    if (!s) {
      s = Object.fromEntries(readers.map(([key, read]) => [key, Number(read(region))]));
      memo.set(region, s);
    }
    return s;
  };
}

/**
 * Opens the cases of many new records at once (an import's postings), as openCase opens one: the actor may open
 * them, each case starts in the initial state with its deadline and its first step, dated `effectiveDate`. Set-based,
 * in the records' transaction. Returns each case's key with its subject.
 */
export async function openCases(tx: Tx, def: ProcedureDef, actor: ProcedureActor, items: readonly Omit<OpenInput, 'actor'>[]) {
  if (!items.length) return [];
  const settingsOf = await settingsByRegion(tx, def);
  const rows: q.NewCase[] = [];
  for (const it of items) {
    const settings = settingsOf(it.region);
    checkActor(def.open, actor, it.facts ?? {}, settings);
    rows.push({
      county_code: it.county,
      subject_id: it.subjectId,
      region_code: it.region,
      due_date: dueDate(def, def.initial, thisDay(), settings),
    });
  }
  const cases = await q.insertCases(tx, def.id, def.initial, rows);
  const bySubject = new Map(items.map((it) => [`${it.county}-${it.subjectId}`, it]));
  await q.insertSteps(
    tx,
    cases.map((c) => {
      const it = bySubject.get(`${c.county_code}-${c.subject_id}`);
      return { ...stepRow(c, 1, 'open', def.initial, { actor, effectiveDate: it?.effectiveDate, note: it?.note }, null), from_state: null };
    }),
  );
  return cases;
}

/**
 * One step on many cases at once (an import confirming its postings in post), with takeStep's rules for each case:
 * the same checks (a waiting period, too, counts from the effective date of the step that entered the state), the case
 * moved only from the version read, its step and its audit row; set-based, in the caller's transaction. Any refusal
 * refuses them all.
 */
export async function takeSteps(
  tx: Tx,
  def: ProcedureDef,
  action: string,
  actor: ProcedureActor,
  items: readonly ({ county: string; id: number } & Omit<StepInput, 'actor'>)[],
) {
  if (!items.length) return;
  const cases = new Map(
    (
      await q.casesByKeys(
        tx,
        items.map((i) => ({ county_code: i.county, id: i.id })),
      )
    ).map((c) => [`${c.county_code}-${c.id}`, c]),
  );
  const settingsOf = await settingsByRegion(tx, def);
  const today = thisDay();
  const done: { c: q.CaseRow & { last_seq: number }; input: StepInput; to: string; reason: string | null; due: string | null }[] = [];
  for (const it of items) {
    const c = cases.get(`${it.county}-${it.id}`);
    if (!c || c.procedure !== def.id) throw new AppError('NOT_FOUND', 404);
    const settings = settingsOf(c.region_code);
    const input = { ...it, actor };
    const last =
      c.last_to_state && c.last_effective_date ? { to_state: c.last_to_state, effective_date: c.last_effective_date } : undefined;
    const { t, reason } = checkStep(def, c, action, input, settings, waitStart(c, last));
    done.push({ c, input, to: t.to, reason, due: dueDate(def, t.to, today, settings) });
  }
  const moved = await q.moveCases(
    tx,
    done.map((d) => ({
      county_code: d.c.county_code,
      id: d.c.id,
      from: d.c.state,
      version: d.c.version,
      to: d.to,
      due_date: d.due,
      closed: def.states[d.to]?.terminal === true,
    })),
  );
  if (moved.length !== done.length) throw new AppError('PROCEDURE_CHANGED', 409);
  await q.insertSteps(
    tx,
    done.map((d) => stepRow(d.c, Number(d.c.last_seq ?? 0) + 1, action, d.to, d.input, d.reason)),
  );
  await audit.recordMany(
    tx,
    actor,
    done.map((d) => stepAudit(def, d.c, action, d.to, d.input, d.reason, d.input.effectiveDate ?? today)),
  );
}

/** A case by its key; 404 when there is none (a subject always has its case: they are written together). */
export async function loadCase(tx: Tx, county: string, id: number) {
  const c = await q.caseById(tx, county, id);
  if (!c) throw new AppError('NOT_FOUND', 404);
  return c;
}

/** The steps this actor could take on a case now, with what each needs (for the page's buttons). */
export async function availableSteps(tx: Tx, def: ProcedureDef, c: q.CaseRow, actor: StepActor, facts: Facts = {}) {
  const settings = await procedureSettings(tx, def, c.region_code);
  const today = thisDay();
  const since = waitStart(c, (await q.steps(tx, c.county_code, c.id)).at(-1));
  return def.transitions
    .filter((t) => t.from.includes(c.state))
    .map((t) => {
      const no = refusal(t.by, actor, facts, settings);
      const wait = t.notBefore === undefined ? 0 : daysOf(t.notBefore, settings);
      const from = addDays(since, wait);
      return {
        action: t.action,
        label: t.label,
        to: t.to,
        allowed: no === null && from <= today,
        needsReason: reasonNeeded(t, facts, settings),
        refusal: no?.code ?? (from > today ? ('PROCEDURE_TOO_EARLY' as const) : null),
        level: no?.level ?? null,
        notBefore: wait ? from : null,
      };
    });
}

/** The case's state in words, its deadline and whether it is overdue, and its dated history. */
export async function caseView(tx: Tx, def: ProcedureDef, c: q.CaseRow) {
  const steps = await q.steps(tx, c.county_code, c.id);
  const label = (s: string | null) => (s ? (def.states[s]?.label ?? { zh: s, en: s }) : null);
  return {
    procedure: def.id,
    state: c.state,
    stateLabel: label(c.state) as { zh: string; en: string },
    stateSince: new Date(c.state_since).toISOString(),
    dueDate: c.due_date ? dayOf(c.due_date) : null,
    overdue: c.closed_at === null && c.due_date !== null && dayOf(c.due_date) < thisDay(),
    closed: c.closed_at !== null,
    version: c.version,
    history: steps.map((s) => ({
      seq: s.seq,
      action: s.action,
      actionLabel:
        s.action === 'open'
          ? { zh: '发起', en: 'Opened' }
          : (def.transitions.find((t) => t.action === s.action)?.label ?? { zh: s.action, en: s.action }),
      from: label(s.from_state),
      to: label(s.to_state) as { zh: string; en: string },
      at: new Date(s.at).toISOString(),
      effectiveDate: dayOf(s.effective_date),
      actor: s.actor_name,
      reason: s.reason,
      note: s.note,
    })),
  };
}
