import { dayIndex, dayToIso } from '../../registry/demo/ids.ts';
import { type Random, Weighted } from '../../registry/demo/random.ts';
import { LEAVE } from '../procedures.ts';
import { CaseWriter, type DemoActor, type DemoCase, focusFirst } from './cases.ts';
import * as C from './catalog.ts';
import type { DemoCadre, DemoPosting } from './generate.ts';

/**
 * Leave of the demo's cadres over the last twelve months: a few requests a year per posting while in post, never two
 * sharing a day, inside the posting's dates. Past leave was mostly approved and taken (销假 the day after), a few
 * requests were rejected or cancelled, leave running today is approved; a handful of requests for the coming days
 * await approval, the first two for longer than the deadline (the overdue alert). Who decided follows the procedure's
 * rule: up to `townshipMax` days the township (乡镇党委), beyond it the county (县委组织部).
 */

export interface DemoLeave {
  county_code: string;
  /** Index into the postings. */
  posting: number;
  kind: 'personal' | 'sick' | 'official';
  start_date: string;
  end_date: string;
  reason: string;
  case: DemoCase;
}

export interface LeaveContext {
  root: Random;
  /** Today (day index). */
  T: number;
  nowMs: number;
  days: { leaveApprove: number; townshipMax: number };
  names: ReadonlyMap<string, string>;
  focus: readonly string[];
  actors?: ReadonlyMap<string, DemoActor>;
  postings: readonly DemoPosting[];
  cadres: readonly DemoCadre[];
}

const KIND = new Weighted<DemoLeave['kind']>([
  ['personal', 50],
  ['sick', 25],
  ['official', 25],
]);
// biome-ignore format: a table
const LENGTH = new Weighted<number>([[1, 22], [2, 26], [3, 20], [4, 9], [5, 8], [6, 4], [7, 5], [10, 3], [14, 2], [20, 1]]);

export function generateLeave(x: LeaveContext): DemoLeave[] {
  const { T } = x;
  const leaves: DemoLeave[] = [];
  const lastEnd = new Map<number, number>();
  const name = (code: string) => x.names.get(code) ?? code;
  /** Who decides a request of `n` days: the township up to its limit, the county beyond. */
  const decider = (village: string, n: number): DemoActor => {
    const code = n > x.days.townshipMax ? village.slice(0, 6) : village.slice(0, 9);
    const office = n > x.days.townshipMax ? `${name(code)}委组织部` : `${name(code)}党委`;
    return x.actors?.get(code) ?? { id: null, name: office, scope: code };
  };
  const cadreOf = (p: DemoPosting): DemoActor => ({ id: null, name: (x.cadres[p.cadre] as DemoCadre).name, scope: p.village_code });
  const add = (rng: Random, i: number, kind: DemoLeave['kind'], start: number, end: number) => {
    const p = x.postings[i] as DemoPosting;
    const w = new CaseWriter(LEAVE, rng, x.nowMs, p.village_code);
    leaves.push({
      county_code: p.county_code,
      posting: i,
      kind,
      start_date: dayToIso(start),
      end_date: dayToIso(end),
      reason: rng.pick(C.LEAVE_REASONS[kind]),
      case: w.case,
    });
    lastEnd.set(i, end);
    return { w, p, days: end - start + 1 };
  };

  // Past and running leave, posting by posting.
  x.postings.forEach((p, i) => {
    if (p.confirmed_on === null) return;
    const from = Math.max(dayIndex(p.confirmed_on), T - 364);
    const to = Math.min(p.end_date === null ? T : dayIndex(p.end_date), T);
    const planned = dayIndex(p.planned_end_date);
    if (from > to) return;
    const rng = x.root.derive(`leave:${i}`);
    for (let start = from + rng.int(10, 90); start <= to; ) {
      const kind = KIND.draw(rng);
      const end = start + LENGTH.draw(rng) - 1;
      if ((p.end_date !== null && end > dayIndex(p.end_date)) || end > planned) break;
      // Sick leave is asked for on the day; other leave a few days before, once in post.
      const asked = Math.max(dayIndex(p.confirmed_on), kind === 'sick' ? start : start - rng.int(1, 6));
      const decided = Math.min(T, asked + rng.int(0, 1));
      const { w, days } = add(rng, i, kind, start, end);
      w.open(asked, cadreOf(p));
      const r = rng.float();
      if (end >= T) w.step('approve', decided, decider(p.village_code, days));
      else if (r < 0.06) w.step('reject', decided, decider(p.village_code, days), { reason: rng.pick(C.REJECT_REASONS) });
      else if (r < 0.09) w.step('cancel', decided, cadreOf(p));
      else w.step('approve', decided, decider(p.village_code, days)).step('close', end + 1, cadreOf(p));
      start = end + 1 + rng.int(30, 150);
    }
  });

  // Requests awaiting approval, for the coming days, of postings in post (the first two older than the deadline).
  const r = x.root.derive('leave:waiting');
  const inPost = focusFirst(
    r,
    x.postings.map((p, i) => ({ p, i })).filter(({ p }) => p.confirmed_on !== null && p.end_date === null),
    ({ p }) => p.village_code,
    x.focus,
  );
  let waiting = 0;
  const wanted = Math.max(3, Math.round(inPost.length * 0.01));
  for (const { p, i } of inPost) {
    if (waiting >= wanted) break;
    const rng = x.root.derive(`leave:waiting:${i}`);
    const asked = waiting < 2 ? T - rng.int(3, 6) : T - rng.int(0, 1);
    const start = Math.max(T + rng.int(1, 8), (lastEnd.get(i) ?? 0) + 1 + rng.int(3, 10));
    const end = start + LENGTH.draw(rng) - 1;
    if (end > dayIndex(p.planned_end_date) || asked < dayIndex(p.confirmed_on ?? p.start_date)) continue;
    add(rng, i, KIND.draw(rng), start, end).w.open(asked, cadreOf(p)).due(x.days.leaveApprove);
    waiting++;
  }
  return leaves;
}
