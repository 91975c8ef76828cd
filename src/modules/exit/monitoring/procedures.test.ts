import { describe, expect, it } from 'vitest';
import { daysOf, refusal, settingKeys } from '../../procedures/define.ts';
import {
  CHECKLIST,
  checklistGaps,
  DECISION_DAYS,
  decisionDue,
  MONITORING,
  monitoringLine,
  NOTICE_DAYS,
  OPEN_STATES,
} from './procedures.ts';
import { boardName, isOverdue } from './service.ts';

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
  const t = MONITORING.transitions.find((x) => x.action === action);
  if (!t) throw new Error(action);
  return t;
};
const next = (state: string) => MONITORING.transitions.filter((t) => t.from.includes(state)).map((t) => `${t.action}→${t.to}`);

describe('the monitoring procedure (防返贫监测)', () => {
  it('walks DOMAIN.md §4.1 in order: consent visit → appraisal and notice → township → county; any open step may refuse', () => {
    expect(MONITORING.initial).toBe('proposed');
    expect(next('proposed')).toEqual(['confirm→visiting', 'reject→rejected']);
    expect(next('visiting')).toEqual(['consent→notice', 'reject→rejected']);
    expect(next('notice')).toEqual(['appraise→township_review', 'reject→rejected']);
    expect(next('township_review')).toEqual(['approve→county_decision', 'reject→rejected']);
    expect(next('county_decision')).toEqual(['include→monitored', 'reject→rejected']);
    expect(next('monitored')).toEqual(['leave→left']);
    expect(next('left')).toEqual([]);
    expect(next('rejected')).toEqual([]);
    expect(OPEN_STATES).toEqual(['proposed', 'visiting', 'notice', 'township_review', 'county_decision']);
    expect(transition('reject').reason).toBe(true);
  });

  it('lets the village propose, visit and appraise, the township review, the county decide and end; a reader nothing', () => {
    expect(refusal(MONITORING.open, VILLAGE, {}, {})).toBeNull();
    for (const a of ['confirm', 'consent', 'appraise']) {
      expect(refusal(transition(a).by, VILLAGE, {}, {})).toBeNull();
      expect(refusal(transition(a).by, COUNTY, {}, {})).toBeNull();
    }
    expect(refusal(transition('approve').by, VILLAGE, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'township' });
    expect(refusal(transition('approve').by, TOWNSHIP, {}, {})).toBeNull();
    for (const a of ['include', 'leave']) {
      expect(refusal(transition(a).by, TOWNSHIP, {}, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'county' });
      expect(refusal(transition(a).by, COUNTY, {}, {})).toBeNull();
      expect(refusal(transition(a).by, LEADER, {}, {})).toEqual({ code: 'PROCEDURE_ROLE' });
    }
  });

  it('holds the notice at least 5 days and the whole decision within 15 (settings), the step deadlines adding up to it', () => {
    expect(transition('appraise').notBefore).toEqual(NOTICE_DAYS);
    expect(daysOf(NOTICE_DAYS, {})).toBe(5);
    expect(daysOf(NOTICE_DAYS, { 'exit.monitoring_notice_days': 7 })).toBe(7);
    expect(decisionDue('2026-12-20', {})).toBe('2027-01-04');
    expect(decisionDue('2026-02-20', { [typeof DECISION_DAYS === 'number' ? '' : DECISION_DAYS.setting]: 10 })).toBe('2026-03-02');
    const steps = ['visiting', 'notice', 'township_review', 'county_decision'].map((s) => {
      const d = MONITORING.states[s]?.deadline;
      return d === undefined ? 0 : daysOf(d, {});
    });
    expect(steps.reduce((a, b) => a + b, 0)).toBe(15);
    expect(Object.keys(settingKeys(MONITORING))).toContain('exit.monitoring_notice_days');
  });

  it('calls an open case overdue past its step or the decision limit, never once monitored or ended', () => {
    const today = '2026-12-10';
    expect(isOverdue({ state: 'notice', step_due: '2026-12-09', decision_due: '2026-12-20' }, today)).toBe(true);
    expect(isOverdue({ state: 'notice', step_due: '2026-12-12', decision_due: '2026-12-09' }, today)).toBe(true);
    expect(isOverdue({ state: 'notice', step_due: '2026-12-10', decision_due: '2026-12-10' }, today)).toBe(false);
    expect(isOverdue({ state: 'proposed', step_due: null, decision_due: null }, today)).toBe(false);
    for (const s of ['monitored', 'left', 'rejected'])
      expect(isOverdue({ state: s, step_due: '2026-01-01', decision_due: '2026-01-01' }, today)).toBe(false);
  });

  it('needs every item of the leaving checklist', () => {
    expect(CHECKLIST).toEqual(['income_stable', 'guarantees', 'safe_water', 'risk_gone']);
    expect(checklistGaps(null)).toEqual(CHECKLIST);
    expect(checklistGaps({ income_stable: true, guarantees: true, safe_water: false, risk_gone: true })).toEqual(['safe_water']);
    expect(checklistGaps({ income_stable: true, guarantees: true, safe_water: true })).toEqual(['risk_gone']);
    expect(checklistGaps({ income_stable: true, guarantees: true, safe_water: true, risk_gone: true })).toEqual([]);
  });

  it('puts the marginal line at 1.5 × the poverty line and masks a name for the village board', () => {
    expect(monitoringLine(3335, 1.5)).toBe(5002.5);
    expect(monitoringLine(4000, 1.5)).toBe(6000);
    expect(boardName('王小明')).toBe('王*明');
    expect(boardName('欧阳春花')).toBe('欧**花');
    expect(boardName('李四')).toBe('李*');
    expect(boardName(null)).toBe('*');
  });
});
