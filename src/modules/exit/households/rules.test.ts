import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../server/clock.ts';
import { daysOf, refusal } from '../../procedures/define.ts';
import { eligibility, noticeUntil, publicName } from './eligibility.ts';
import { HOUSEHOLD_EXIT, NOTICE_DAYS } from './procedure.ts';

const ALL = { food: true, clothing: true, education: true, medical: true, housing: true };
const actor = (role: string, scope: string, write = true) => ({
  role,
  scope,
  permissions: write ? (['data.read', 'data.write'] as const) : (['data.read'] as const),
});
const COUNTY = actor('county_operator', '211381');
const TOWNSHIP = actor('township_operator', '211381109');
const VILLAGE = actor('village_user', '211381109201');
const LEADER = actor('leader', '21', false);
const by = (action: string) => {
  const t = HOUSEHOLD_EXIT.transitions.find((x) => x.action === action);
  if (!t) throw new Error(action);
  return t;
};
const next = (state: string) => HOUSEHOLD_EXIT.transitions.filter((t) => t.from.includes(state)).map((t) => `${t.action}→${t.to}`);

describe('household exit eligibility (两不愁三保障 and the line)', () => {
  it('needs income strictly above the line of the year and all five guarantees', () => {
    expect(eligibility({ status: 'poor', guarantees: ALL, income: 3336, line: 3335 })).toEqual({ eligible: true, fails: [] });
    expect(eligibility({ status: 'returned', guarantees: ALL, income: 4000, line: 3335 }).eligible).toBe(true);
    expect(eligibility({ status: 'poor', guarantees: ALL, income: 3335, line: 3335 }).fails).toEqual(['income']);
    expect(eligibility({ status: 'poor', guarantees: ALL, income: null, line: 3335 }).fails).toEqual(['no_income']);
  });
  it('names every failing condition', () => {
    const r = eligibility({ status: 'exited', guarantees: { ...ALL, medical: false, housing: false }, income: 2000, line: 3000 });
    expect(r.eligible).toBe(false);
    expect(r.fails).toEqual(['status', 'income', 'guarantee_medical', 'guarantee_housing']);
  });
});

describe('notice days (公示) are calendar days', () => {
  it('counts weekends: a notice from Friday runs to Thursday, the announcement may come on the Friday after', () => {
    const friday = '2026-11-27';
    expect(new Date(`${friday}T00:00:00Z`).getUTCDay()).toBe(5);
    const days = daysOf(NOTICE_DAYS, {});
    expect(days).toBe(7);
    expect(noticeUntil(friday, days)).toBe('2026-12-03');
    // takeStep refuses while daysBetween(notice day, today) < days: not on the last notice day, yes the day after.
    expect(daysBetween(friday, '2026-12-03') < days).toBe(true);
    expect(daysBetween(friday, addDays(friday, days)) < days).toBe(false);
    expect(by('announce').notBefore).toEqual(NOTICE_DAYS);
    expect(daysOf(NOTICE_DAYS, { 'exit.notice_days': 10 })).toBe(10);
    expect(noticeUntil('2026-12-28', 7)).toBe('2027-01-03');
  });
});

describe('the household exit procedure', () => {
  it('runs appraisal → verification → agreement → notice → announcement → closed, with return and withdrawal', () => {
    expect(HOUSEHOLD_EXIT.initial).toBe('proposed');
    expect(next('proposed')).toEqual(['appraise→appraised', 'withdraw→withdrawn']);
    expect(next('appraised')).toEqual(['verify→verified', 'return→proposed', 'withdraw→withdrawn']);
    expect(next('verified')).toEqual(['agree→agreed', 'return→proposed', 'withdraw→withdrawn']);
    expect(next('agreed')).toEqual(['publish→notice', 'return→proposed', 'withdraw→withdrawn']);
    expect(next('notice')).toEqual(['announce→announced', 'return→proposed', 'withdraw→withdrawn']);
    expect(next('announced')).toEqual(['close→closed', 'return→proposed']);
    expect(next('closed')).toEqual([]);
    expect(next('withdrawn')).toEqual([]);
    expect(by('return').reason).toBe(true);
    expect(by('withdraw').reason).toBe(true);
  });
  it('lets the village run its steps, the township announce and send back, the county alone close', () => {
    for (const a of ['appraise', 'verify', 'agree', 'publish']) {
      expect(refusal(by(a).by, VILLAGE, {}, {})).toBeNull();
      expect(refusal(by(a).by, LEADER, {}, {})).toEqual({ code: 'PROCEDURE_ROLE' });
    }
    expect(refusal(HOUSEHOLD_EXIT.open, VILLAGE, {}, {})).toBeNull();
    for (const a of ['announce', 'return', 'withdraw']) {
      expect(refusal(by(a).by, VILLAGE, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'township' });
      expect(refusal(by(a).by, TOWNSHIP, {}, {})).toBeNull();
    }
    expect(refusal(by('close').by, TOWNSHIP, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'county' });
    expect(refusal(by('close').by, COUNTY, {}, {})).toBeNull();
  });
});

describe('names on a public notice', () => {
  it('are full or masked as 王*明 per the setting', () => {
    expect(publicName('王小明', false)).toBe('王*明');
    expect(publicName('欧阳小明', false)).toBe('欧**明');
    expect(publicName('王明', false)).toBe('王*');
    expect(publicName('王小明', true)).toBe('王小明');
  });
});
