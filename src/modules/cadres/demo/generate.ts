import { thisDay } from '../../../server/clock.ts';
import { dayIndex, dayToIso, IdAllocator, yearStart } from '../../registry/demo/ids.ts';
import { drawGivenName, drawSurname } from '../../registry/demo/names.ts';
import { Random, Weighted } from '../../registry/demo/random.ts';
import { POSTING } from '../procedures.ts';
import { CaseWriter, type DemoActor, type DemoCase, focusFirst } from './cases.ts';
import * as C from './catalog.ts';
import { type DemoLeave, generateLeave } from './leave.ts';

/**
 * The demo's resident cadres (驻村帮扶), deterministic for a seed: dispatching units of the province, its cities and the
 * counties with poor villages; for every poor village (exited ones too) a team of 3–5 in post today with one first
 * secretary and one team leader, posted in rounds of a two-year term (the current round started one to two years
 * ago, the round before it two years earlier and ended — finished or rotated — when the current one began); a few
 * postings replaced (撤换, with a reason code, the successor naming the predecessor) or rotated early; a few
 * proposals still awaiting confirmation (two past their deadline); leave over the last twelve months (./leave.ts).
 * Each posting's case history (procedure_case, procedure_step) tells the same story as its dates.
 *
 * Cadres are people of the posting's county with ID numbers of that county, drawn from the top of each date's
 * sequence range so they never meet the register's (registry/demo/ids.ts).
 */

export interface CadreVillage {
  code: string;
  county_code: string;
  township_code: string;
  year_listed: number;
}

export interface CadreDemoOptions {
  seed: number | string;
  /** The moment of generation: dates are relative to its day, no step is recorded after it. */
  now: Date;
  provinceCode: string;
  /** The poor villages (poor_village rows, exited ones too). */
  villages: readonly CadreVillage[];
  /** Names of the province, cities, counties and townships by code. */
  names: ReadonlyMap<string, string>;
  /** Regions whose accounts should see the alerts, in order (海丰村, its township, its county): the first alert of each kind goes to the first that can take it. */
  focus?: readonly string[];
  /** Who takes a county's or a township's steps, by region code (the demo accounts); others are named by office. */
  actors?: ReadonlyMap<string, DemoActor>;
  /** The procedures' settings (default: their fallbacks). */
  days?: { confirm: number; leaveApprove: number; townshipMax: number };
}

export type Role = 'first_secretary' | 'team_leader' | 'team_member';

export interface DemoUnit {
  name: string;
  level: 'province' | 'city' | 'county';
  region_code: string;
  kind: C.UnitKind;
}

export interface DemoCadre {
  county_code: string;
  name: string;
  gender: 'M' | 'F';
  birth_date: string;
  id_number: string;
  phone: string;
  /** Index into `units`. */
  unit: number;
  post: string;
  rank: string | null;
  party_member: boolean;
}

export interface DemoPosting {
  county_code: string;
  /** Index into `cadres`. */
  cadre: number;
  village_code: string;
  role: Role;
  unit: number;
  start_date: string;
  planned_end_date: string;
  confirmed_on: string | null;
  end_date: string | null;
  end_kind: 'finished' | 'rotated' | 'replaced' | 'withdrawn' | null;
  end_reason_code: string | null;
  end_reason: string | null;
  /** Index into `postings` of the posting this one replaces. */
  replaces: number | null;
  case: DemoCase;
}

export interface CadreDemo {
  units: DemoUnit[];
  cadres: DemoCadre[];
  postings: DemoPosting[];
  leaves: DemoLeave[];
}

/** The minimum tenure (cadres.min_tenure_days): a term, and below it ending a posting needs a reason. */
export const TERM_DAYS = 730;
/** Mostly the minimum of three (three each would be 5,376 in post at scale 1, 1,792 poor villages; these about 5,700). */
const TEAM_SIZE = new Weighted<number>([
  [3, 85],
  [4, 11],
  [5, 4],
]);
const LEVEL_BY_ROLE: Record<Role, Weighted<DemoUnit['level']>> = {
  first_secretary: new Weighted([
    ['province', 35],
    ['city', 35],
    ['county', 30],
  ] as const),
  team_leader: new Weighted([
    ['province', 15],
    ['city', 35],
    ['county', 50],
  ] as const),
  team_member: new Weighted([
    ['province', 10],
    ['city', 30],
    ['county', 60],
  ] as const),
};
const MOBILE_PREFIXES = ['133', '135', '138', '139', '150', '151', '157', '159', '182', '186', '187', '189'];
const REPLACE_CODE = new Weighted([...C.REPLACE_CODES]);

const roleOf = (slot: number): Role => (slot === 0 ? 'first_secretary' : slot === 1 ? 'team_leader' : 'team_member');
const yearOf = (day: number) => Number(dayToIso(day).slice(0, 4));
const fill = (pattern: string, vars: Record<string, string>) => pattern.replace(/\{(\w)\}/g, (_, k: string) => vars[k] ?? '');

/** Dispatching units: the province's, and a few dozen of each city and county that has a poor village. */
function makeUnits(rng: Random, o: CadreDemoOptions): DemoUnit[] {
  const name = (code: string) => o.names.get(code) ?? code;
  const p = name(o.provinceCode);
  const units: DemoUnit[] = C.PROVINCE_UNITS.map((u) => {
    const n = fill(u, { p, s: p.replace(/省$/, '') });
    return { name: n, level: 'province', region_code: o.provinceCode, kind: C.unitKind(n) };
  });
  const some = (codes: Iterable<string>, table: readonly string[], level: DemoUnit['level'], key: string, min: number) => {
    for (const code of [...new Set(codes)].sort()) {
      const r = rng.derive(`units:${code}`);
      // A few dozen of the table, in its order; the organisation department always (it sends first secretaries).
      const kept = table.filter((_, i) => i === 0 || r.chance(min / table.length));
      for (const u of kept) {
        const n = fill(u, { [key]: name(code) });
        units.push({ name: n, level, region_code: code, kind: C.unitKind(n) });
      }
    }
  };
  some(
    o.villages.map((v) => v.county_code.slice(0, 4)),
    C.CITY_UNITS,
    'city',
    'c',
    28,
  );
  some(
    o.villages.map((v) => v.county_code),
    C.COUNTY_UNITS,
    'county',
    'x',
    24,
  );
  return units;
}

export function generateCadres(o: CadreDemoOptions): CadreDemo {
  const root = new Random(o.seed).derive('cadres');
  const T = dayIndex(thisDay(o.now));
  const R0 = yearStart(Number(thisDay(o.now).slice(0, 4)) - 3);
  const nowMs = o.now.getTime();
  const days = o.days ?? { confirm: 30, leaveApprove: 2, townshipMax: 3 };
  const units = makeUnits(root, o);
  const cadres: DemoCadre[] = [];
  const postings: DemoPosting[] = [];
  const ids = new IdAllocator({ fromTop: true });
  const phoneOffset = root.derive('phones').int(0, 99_999_999);
  const unitsOf = new Map<string, number[]>();
  units.forEach((u, i) => {
    unitsOf.set(u.region_code, [...(unitsOf.get(u.region_code) ?? []), i]);
  });
  const name = (code: string) => o.names.get(code) ?? code;
  const countyActor = (v: CadreVillage): DemoActor =>
    o.actors?.get(v.county_code) ?? { id: null, name: `${name(v.county_code)}委组织部`, scope: v.county_code };

  const pickUnit = (rng: Random, v: CadreVillage, role: Role): number => {
    const level = LEVEL_BY_ROLE[role].draw(rng);
    const code = level === 'province' ? o.provinceCode : level === 'city' ? v.county_code.slice(0, 4) : v.county_code;
    return rng.pick(unitsOf.get(code) ?? unitsOf.get(o.provinceCode) ?? [0]);
  };

  const newCadre = (rng: Random, v: CadreVillage, role: Role, unit = pickUnit(rng, v, role)): number => {
    const gender: 'M' | 'F' = rng.chance(role === 'first_secretary' ? 0.78 : 0.62) ? 'M' : 'F';
    const age = role === 'first_secretary' ? rng.int(32, 52) : role === 'team_leader' ? rng.int(30, 50) : rng.int(24, 45);
    const birthYear = yearOf(T) - age;
    const { id, day } = ids.allocateDay(v.county_code, yearStart(birthYear) + rng.int(0, 364), gender);
    const kind = (units[unit] as DemoUnit).kind;
    const posts = C.POSTS[kind];
    const ranks = C.RANKS[kind];
    // A first secretary from the senior half of the posts, a leader from the middle, a member from the junior half.
    const level = (n: number) =>
      role === 'first_secretary'
        ? rng.int(Math.floor(n / 2), n - 1)
        : role === 'team_leader'
          ? rng.int(Math.floor(n / 3), n - 2)
          : rng.int(0, Math.ceil(n / 2) - 1);
    // 8 digits from a bijection of the cadre's number (7,654,321 is coprime to 10^8): phones never repeat.
    const tail = String((cadres.length * 7_654_321 + phoneOffset) % 100_000_000);
    cadres.push({
      county_code: v.county_code,
      name: drawSurname(rng) + drawGivenName(rng, gender, birthYear),
      gender,
      birth_date: dayToIso(day),
      id_number: id,
      phone: rng.pick(MOBILE_PREFIXES) + tail.padStart(8, '0'),
      unit,
      post: posts[level(posts.length)] as string,
      rank: ranks.length ? (ranks[level(ranks.length)] as string) : null,
      party_member: role === 'first_secretary' || rng.chance(role === 'team_leader' ? 0.95 : 0.78),
    });
    return cadres.length - 1;
  };

  /** A posting proposed on day `proposed` to start on `start`: the record and its case, opened by the county. */
  const propose = (rng: Random, v: CadreVillage, cadre: number, role: Role, start: number, planned: number, proposed: number) => {
    const w = new CaseWriter(POSTING, rng, nowMs, v.code).open(proposed, countyActor(v), start);
    const p: DemoPosting = {
      county_code: v.county_code,
      cadre,
      village_code: v.code,
      role,
      unit: (cadres[cadre] as DemoCadre).unit,
      start_date: dayToIso(start),
      planned_end_date: dayToIso(planned),
      confirmed_on: null,
      end_date: null,
      end_kind: null,
      end_reason_code: null,
      end_reason: null,
      replaces: null,
      case: w.case,
    };
    postings.push(p);
    return { p, w, index: postings.length - 1 };
  };
  type Proposed = ReturnType<typeof propose>;

  /** Ends a posting on its last day `last` (the county's step, with the reason a county would give). */
  const end = (rng: Random, x: Proposed, v: CadreVillage, kind: 'finished' | 'rotated' | 'replaced', last: number, code?: string) => {
    const short = last - dayIndex(x.p.start_date) < TERM_DAYS;
    let reason: string | null = null;
    if (kind === 'replaced') reason = rng.pick(C.REPLACE_REASONS[code ?? 'other'] ?? C.ROTATE_REASONS);
    else if (kind === 'rotated' && short) reason = rng.pick(C.ROTATE_REASONS);
    else if (short) reason = C.SHORT_FINISH_REASON;
    Object.assign(x.p, {
      end_date: dayToIso(last),
      end_kind: kind,
      end_reason_code: kind === 'replaced' ? (code ?? 'other') : null,
      end_reason: reason,
    });
    x.w.step({ finished: 'finish', rotated: 'rotate', replaced: 'replace' }[kind], last, countyActor(v), { reason });
  };

  /**
   * One place in a team for one round: the first posting from `start`, and its successors when it is replaced or
   * rotated early; the last one ends with the round (`roundEnd`) or stays in post (null). Returns the last posting.
   */
  const slot = (rng: Random, v: CadreVillage, role: Role, start: number, roundEnd: number | null, cadre: number | null) => {
    const planned = start + TERM_DAYS;
    let s = start;
    let who = cadre ?? newCadre(rng, v, role);
    let replaces: number | null = null;
    // A cadre staying for a second term is proposed again on the day the first ended (one open posting at a time).
    let proposed = cadre === null ? s - rng.int(5, 20) : s;
    for (let events = 0; ; events++) {
      const x = propose(rng, v, who, role, s, planned, proposed);
      x.p.replaces = replaces;
      x.p.confirmed_on = x.p.start_date;
      x.w.step('confirm', s, countyActor(v));
      const room = (roundEnd ?? T) - s;
      const r = rng.float();
      if (events < 2 && room > 150 && r < 0.07) {
        // Replaced (撤换) or rotated early; the successor is proposed after the last day and starts a little later.
        const last = s + rng.int(60, room - 45);
        const replaced = r < 0.045;
        end(rng, x, v, replaced ? 'replaced' : 'rotated', last, replaced ? REPLACE_CODE.draw(rng) : undefined);
        const unit = rng.chance(0.7) ? (cadres[who] as DemoCadre).unit : undefined;
        who = newCadre(rng, v, role, unit);
        replaces = replaced ? x.index : null;
        const gap = rng.int(3, 20);
        proposed = last + 1 + rng.int(0, gap - 1);
        s = last + 1 + gap;
        continue;
      }
      if (roundEnd !== null) end(rng, x, v, rng.chance(0.8) ? 'finished' : 'rotated', roundEnd);
      return x;
    }
  };

  // Rounds: each county starts its current round on its own day, one to two years ago (a village a few days later).
  const counties = new Map<string, number>();
  const teams = new Map<string, number>();
  const villages = [...o.villages].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const v of villages) {
    let round = counties.get(v.county_code);
    if (round === undefined) {
      round = T - root.derive(`county:${v.county_code}`).int(365, 600);
      counties.set(v.county_code, round);
    }
    const rng = root.derive(`village:${v.code}`);
    const start2 = round + rng.int(0, 20);
    const start1 = Math.max(R0 + 14, start2 - TERM_DAYS - 1);
    const before: (ReturnType<typeof slot> | null)[] = [];
    if (v.year_listed <= yearOf(start1)) {
      const size = TEAM_SIZE.draw(rng);
      for (let i = 0; i < size; i++) before.push(slot(rng, v, roleOf(i), start1, start2 - 1, null));
    }
    const size = TEAM_SIZE.draw(rng);
    teams.set(v.code, size);
    for (let i = 0; i < size; i++) {
      // Some stay for a second term (连任) in the same place of the team.
      const prev = before[i];
      const stays = prev && prev.p.end_kind === 'finished' && rng.chance(0.15) ? prev.p.cadre : null;
      slot(rng, v, roleOf(i), start2, null, stays);
    }
  }

  // Proposals still awaiting confirmation (the first two past the deadline), and a few withdrawn ones.
  const order = (label: string) => focusFirst(root.derive(label), villages, (v) => v.code, o.focus ?? []);
  const open = order('proposals').filter((v) => (teams.get(v.code) ?? 5) < 5);
  open.slice(0, Math.max(2, Math.round(villages.length * 0.03))).forEach((v, i) => {
    const rng = root.derive(`proposal:${v.code}`);
    const proposed = i < 2 ? T - rng.int(33, 50) : T - rng.int(0, 20);
    const start = proposed + rng.int(i < 2 ? 5 : 7, i < 2 ? 12 : 25);
    propose(rng, v, newCadre(rng, v, 'team_member'), 'team_member', start, start + TERM_DAYS, proposed).w.due(days.confirm);
  });
  for (const v of order('withdrawn').slice(0, Math.max(1, Math.round(villages.length * 0.01)))) {
    const rng = root.derive(`withdrawn:${v.code}`);
    const proposed = T - rng.int(60, 300);
    const start = proposed + rng.int(7, 20);
    const x = propose(rng, v, newCadre(rng, v, 'team_member'), 'team_member', start, start + TERM_DAYS, proposed);
    const reason = rng.pick(C.WITHDRAW_REASONS);
    Object.assign(x.p, { end_date: x.p.start_date, end_kind: 'withdrawn', end_reason: reason });
    x.w.step('withdraw', proposed + rng.int(3, 6), countyActor(v), { effective: start, reason });
  }

  const leaves = generateLeave({ root, T, nowMs, days, names: o.names, focus: o.focus ?? [], actors: o.actors, postings, cadres });
  return { units, cadres, postings, leaves };
}
