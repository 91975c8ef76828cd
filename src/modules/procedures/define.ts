import type { Permission, RoleLevel } from '../auth/roles.ts';

export type Text = { zh: string; en: string };

/** A number of days, fixed or held by a setting (key, fallback) so a province can change it. */
export type Days = number | { setting: string; fallback: number };

/**
 * A condition on a fact the module hands over when a step is taken (a leave's length, a posting's tenure in days):
 * `above` / `below` a number of days (fixed or a setting).
 */
export interface FactRule {
  fact: string;
  above?: Days;
  below?: Days;
}

/**
 * Who may take a step. `level`: the lowest level whose users may (a township step may also be taken by the county
 * above it; a village user may not). `escalate`: when the fact rule holds, the step needs a higher level instead
 * (leave beyond 3 days is the county's). `roles`: only these roles (absent: any role with the permission).
 */
export interface ActorRule {
  level: Exclude<RoleLevel, 'any'>;
  permission: Permission;
  roles?: readonly string[];
  escalate?: FactRule & { level: Exclude<RoleLevel, 'any'> };
}

export interface StateDef {
  label: Text;
  /** A closed case: no step leads out of it. */
  terminal?: boolean;
  /** Days from entering the state to the deadline of the step that should follow. */
  deadline?: Days;
}

export interface TransitionDef {
  action: string;
  label: Text;
  from: readonly string[];
  to: string;
  by: ActorRule;
  /** A reason is required always, or when the fact rule holds (a posting ended before the minimum tenure). */
  reason?: true | FactRule;
  /**
   * The step is refused until the case has been this many days in its state (a public notice's period), counted from
   * the effective date of the step that entered it.
   */
  notBefore?: Days;
}

/** One procedure, declared as data: its states, the state a case opens in, the steps, who opens it. */
export interface ProcedureDef {
  id: string;
  name: Text;
  initial: string;
  open: ActorRule;
  states: Readonly<Record<string, StateDef>>;
  transitions: readonly TransitionDef[];
}

/** What the rules need to know about the person taking a step. */
export interface StepActor {
  role: string;
  scope: string;
  permissions: readonly Permission[];
}

const LEVEL_LENGTH: Record<Exclude<RoleLevel, 'any'>, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The number of days a Days value stands for, settings read from `settings` (key → value). */
export function daysOf(d: Days, settings: Readonly<Record<string, number>>): number {
  return typeof d === 'number' ? d : (settings[d.setting] ?? d.fallback);
}

export function factHolds(rule: FactRule, facts: Readonly<Record<string, number>>, settings: Readonly<Record<string, number>>): boolean {
  const v = facts[rule.fact];
  if (v === undefined) throw new Error(`procedure fact ${rule.fact} was not given`);
  if (rule.above !== undefined && !(v > daysOf(rule.above, settings))) return false;
  if (rule.below !== undefined && !(v < daysOf(rule.below, settings))) return false;
  return true;
}

/** The level a step needs with these facts (escalated or not). */
export function requiredLevel(rule: ActorRule, facts: Readonly<Record<string, number>>, settings: Readonly<Record<string, number>>) {
  return rule.escalate && factHolds(rule.escalate, facts, settings) ? rule.escalate.level : rule.level;
}

/**
 * Why this actor may not take a step on a case of `region` (null: they may). The region is inside the actor's scope
 * already (the route's scope check); this judges role, permission and level.
 */
export function refusal(
  rule: ActorRule,
  actor: StepActor,
  facts: Readonly<Record<string, number>>,
  settings: Readonly<Record<string, number>>,
): { code: 'PROCEDURE_ROLE' | 'PROCEDURE_LEVEL'; level?: Exclude<RoleLevel, 'any'> } | null {
  if (!actor.permissions.includes(rule.permission)) return { code: 'PROCEDURE_ROLE' };
  if (rule.roles && !rule.roles.includes(actor.role)) return { code: 'PROCEDURE_ROLE' };
  const level = requiredLevel(rule, facts, settings);
  if (actor.scope.length > LEVEL_LENGTH[level]) return { code: 'PROCEDURE_LEVEL', level };
  return null;
}

/** Every setting key a procedure reads (for one settings read per request). */
export function settingKeys(def: ProcedureDef): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (d: Days | undefined) => {
    if (d !== undefined && typeof d !== 'number') out[d.setting] = d.fallback;
  };
  const addRule = (r: FactRule | undefined) => {
    add(r?.above);
    add(r?.below);
  };
  for (const s of Object.values(def.states)) add(s.deadline);
  for (const t of def.transitions) {
    add(t.notBefore);
    addRule(t.by.escalate);
    if (t.reason && t.reason !== true) addRule(t.reason);
  }
  addRule(def.open.escalate);
  return out;
}

/** Checks a definition once, when a module registers it: states named, steps lead somewhere, terminals stay closed. */
export function validateDefinition(def: ProcedureDef): void {
  const states = new Set(Object.keys(def.states));
  const fail = (why: string) => {
    throw new Error(`procedure ${def.id}: ${why}`);
  };
  if (!states.has(def.initial)) fail(`initial state ${def.initial} is not declared`);
  const actions = new Set<string>();
  for (const t of def.transitions) {
    if (actions.has(t.action)) fail(`action ${t.action} declared twice`);
    actions.add(t.action);
    if (!states.has(t.to)) fail(`action ${t.action} leads to undeclared state ${t.to}`);
    for (const f of t.from) {
      if (!states.has(f)) fail(`action ${t.action} starts from undeclared state ${f}`);
      if (def.states[f]?.terminal) fail(`action ${t.action} leaves terminal state ${f}`);
    }
  }
}
