import { describe, expect, it } from 'vitest';
import { daysOf, refusal } from '../../procedures/define.ts';
import { DEFAULT_BARS } from '../screening/bars.ts';
import { ADJUSTMENT } from '../screening/procedures.ts';
import { adjustBy } from '../screening/service.ts';
import { FOLLOW_UP_DAYS, RECTIFICATION, RECTIFICATION_OPEN_STATES } from './procedures.ts';
import { lateness } from './service.ts';

const actor = (role: string, scope: string, write = true) => ({
  role,
  scope,
  permissions: write ? (['data.read', 'data.write'] as const) : (['data.read'] as const),
});
const COUNTY = actor('county_operator', '211381');
const TOWNSHIP = actor('township_operator', '211381109');
const VILLAGE = actor('village_user', '211381109201');
const LEADER = actor('leader', '21', false);

const transition = (action: string) => {
  const t = RECTIFICATION.transitions.find((x) => x.action === action);
  if (!t) throw new Error(action);
  return t;
};
/** The states a case can reach from `state` by any one step. */
const next = (state: string) => RECTIFICATION.transitions.filter((t) => t.from.includes(state)).map((t) => `${t.action}→${t.to}`);

describe('the rectification procedure (软弱涣散整顿)', () => {
  it('has exactly the states of DOMAIN.md §5, in order, with reopening from closed and consolidated', () => {
    expect(RECTIFICATION.id).toBe('party_rectification');
    expect(Object.keys(RECTIFICATION.states)).toEqual(['identified', 'planned', 'rectifying', 'closed', 'consolidated']);
    expect(RECTIFICATION.initial).toBe('identified');
    expect(next('identified')).toEqual(['plan→planned']);
    expect(next('planned')).toEqual(['start→rectifying']);
    expect(next('rectifying')).toEqual(['close→closed']);
    expect(next('closed')).toEqual(['consolidate→consolidated', 'reopen→rectifying']);
    expect(next('consolidated')).toEqual(['reopen→rectifying']);
    expect(RECTIFICATION_OPEN_STATES).toEqual(['identified', 'planned', 'rectifying']);
  });

  it('lets the township identify and carry out, the county alone verify, consolidate and reopen', () => {
    expect(refusal(RECTIFICATION.open, TOWNSHIP, {}, {})).toBeNull();
    expect(refusal(RECTIFICATION.open, VILLAGE, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'township' });
    expect(refusal(transition('plan').by, TOWNSHIP, {}, {})).toBeNull();
    expect(refusal(transition('start').by, TOWNSHIP, {}, {})).toBeNull();
    for (const a of ['close', 'consolidate', 'reopen']) {
      expect(refusal(transition(a).by, TOWNSHIP, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'county' });
      expect(refusal(transition(a).by, COUNTY, {}, {})).toBeNull();
      expect(refusal(transition(a).by, LEADER, {}, {})).toEqual({ code: 'PROCEDURE_ROLE' });
    }
  });

  it('waits the follow-up period before consolidation (a setting, 180 days by default, 0 allowed) and asks why on reopening', () => {
    expect(transition('consolidate').notBefore).toEqual(FOLLOW_UP_DAYS);
    expect(daysOf(FOLLOW_UP_DAYS, {})).toBe(180);
    expect(daysOf(FOLLOW_UP_DAYS, { 'party.rectification_follow_up_days': 0 })).toBe(0);
    expect(transition('reopen').reason).toBe(true);
    expect(transition('close').reason).toBeUndefined();
  });

  it('calls a case overdue past its deadline and late after its year, only while open', () => {
    expect(lateness({ state: 'rectifying', deadline: '2026-06-30', year: 2026 }, '2026-07-01')).toEqual({
      overdue: true,
      notClosedByYearEnd: false,
    });
    expect(lateness({ state: 'rectifying', deadline: '2026-06-30', year: 2026 }, '2026-06-30')).toEqual({
      overdue: false,
      notClosedByYearEnd: false,
    });
    expect(lateness({ state: 'identified', deadline: null, year: 2025 }, '2026-01-01')).toEqual({
      overdue: false,
      notClosedByYearEnd: true,
    });
    expect(lateness({ state: 'identified', deadline: null, year: 2025 }, '2025-12-31')).toEqual({
      overdue: false,
      notClosedByYearEnd: false,
    });
    expect(lateness({ state: 'closed', deadline: '2025-06-30', year: 2025 }, '2026-07-01')).toEqual({
      overdue: false,
      notClosedByYearEnd: false,
    });
  });
});

describe('the adjustment of an unfit secretary', () => {
  it('is due by the year end unless the setting says otherwise, clamped to a real day of the year', () => {
    expect(adjustBy(2025, 1231)).toBe('2025-12-31');
    expect(adjustBy(2025, 630)).toBe('2025-06-30');
    expect(adjustBy(2025, 5000)).toBe('2025-12-31');
  });

  it('is closed by the county: adjusted, or kept on review with a reason', () => {
    const adjust = ADJUSTMENT.transitions.find((t) => t.action === 'adjust');
    const withdraw = ADJUSTMENT.transitions.find((t) => t.action === 'withdraw');
    expect(ADJUSTMENT.id).toBe('party_adjustment');
    expect(adjust?.to).toBe('adjusted');
    expect(ADJUSTMENT.states.adjusted?.terminal).toBe(true);
    expect(withdraw?.reason).toBe(true);
    expect(adjust && refusal(adjust.by, TOWNSHIP, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'county' });
  });
});

describe('the nomination bars (不得提名的情形)', () => {
  it('start with ten distinct conditions in both languages', () => {
    expect(DEFAULT_BARS).toHaveLength(10);
    expect(new Set(DEFAULT_BARS.map((b) => b.code)).size).toBe(10);
    expect(DEFAULT_BARS.map((b) => b.label_zh)).toContain('受过刑事处罚的');
    expect(DEFAULT_BARS.every((b) => b.label_en.length > 5 && b.active)).toBe(true);
  });
});
