import type { ProcedureDef } from '../../procedures/define.ts';
import { dayToIso } from '../../registry/demo/ids.ts';
import type { Random } from '../../registry/demo/random.ts';

/**
 * The dated history of a demo case, written as the procedure service would have written it step by step: each step
 * recorded (`at`) in office hours of its day, never after the moment the demo is generated, each after the one before.
 * Days are day indexes since 1900-01-01 (registry/demo/ids.ts).
 */

/** Who took a step: a user (the demo accounts of a county or township) or an office's name, and their region. */
export interface DemoActor {
  id: number | null;
  name: string;
  scope: string;
}

export interface DemoStep {
  action: string;
  from: string | null;
  to: string;
  /** When it was recorded (ISO timestamp). */
  at: string;
  /** The day it takes effect (YYYY-MM-DD). */
  effective: string;
  actor: DemoActor;
  reason: string | null;
}

export interface DemoCase {
  /** The region the case belongs to: the posting's village. */
  region: string;
  steps: DemoStep[];
  /** The deadline of the current step (YYYY-MM-DD), null without one. */
  due: string | null;
}

/**
 * `items` in a random order of `rng`, with one item of the first focus region that has any (the demo accounts',
 * most specific first) moved to the front: the first alert of a kind shows on those accounts' pages, the rest fall
 * anywhere.
 */
export function focusFirst<T>(rng: Random, items: readonly T[], region: (t: T) => string, focus: readonly string[]): T[] {
  const out = items
    .map((t) => ({ t, k: rng.float() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.t);
  for (const f of focus) {
    const i = out.findIndex((t) => region(t).startsWith(f));
    if (i < 0) continue;
    out.unshift(...out.splice(i, 1));
    break;
  }
  return out;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);

/** Builds one case's steps in order. */
export class CaseWriter {
  readonly case: DemoCase;
  private state: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly def: ProcedureDef,
    private readonly rng: Random,
    private readonly nowMs: number,
    region: string,
  ) {
    this.case = { region, steps: [], due: null };
  }

  /** The first step: the case opens in the procedure's initial state on `day`, effective on `effective` (default `day`). */
  open(day: number, actor: DemoActor, effective = day): this {
    return this.push('open', this.def.initial, day, effective, actor, null);
  }

  /** A transition of the procedure (its target state is the definition's), recorded on `day`. */
  step(action: string, day: number, actor: DemoActor, opts: { effective?: number; reason?: string | null } = {}): this {
    const t = this.def.transitions.find((x) => x.action === action);
    if (!t || !this.state || !t.from.includes(this.state)) throw new Error(`${this.def.id}: no ${action} from ${this.state}`);
    return this.push(action, t.to, day, opts.effective ?? day, actor, opts.reason ?? null);
  }

  /** The current state's deadline: `days` after the day it was entered (the procedure's setting). */
  due(days: number | null): this {
    const last = this.case.steps.at(-1);
    if (last && days !== null) {
      const since = Math.floor((Date.parse(last.at) - EPOCH_1900) / DAY_MS);
      this.case.due = dayToIso(since + days);
    }
    return this;
  }

  private push(action: string, to: string, day: number, effective: number, actor: DemoActor, reason: string | null): this {
    // 09:00–17:00 in Beijing (01:00–09:00 UTC); a step on the same day as the last comes a little after it.
    let at = EPOCH_1900 + day * DAY_MS + (60 + this.rng.int(0, 479)) * 60_000;
    if (at <= this.lastAt) at = this.lastAt + this.rng.int(5, 90) * 60_000;
    at = Math.min(at, this.nowMs - 10 * 60_000);
    if (at <= this.lastAt) at = this.lastAt + 60_000;
    this.lastAt = at;
    this.case.steps.push({
      action,
      from: this.state,
      to,
      at: new Date(at).toISOString(),
      effective: dayToIso(effective),
      actor,
      reason,
    });
    this.state = to;
    return this;
  }
}
