import { describe, expect, it } from 'vitest';
import { LEAVE, POSTING } from '../cadres/procedures.ts';
import { type ProcedureDef, refusal, requiredLevel, settingKeys, validateDefinition } from './define.ts';

const township = { role: 'township_operator', scope: '211381109', permissions: ['data.read', 'data.write'] as const };
const county = { role: 'county_operator', scope: '211381', permissions: ['data.read', 'data.write'] as const };
const village = { role: 'village_user', scope: '211381109201', permissions: ['data.read', 'data.write'] as const };
const leader = { role: 'leader', scope: '21', permissions: ['data.read'] as const };
const approve = LEAVE.transitions.find((t) => t.action === 'approve');
if (!approve) throw new Error('LEAVE has approve');

describe('who may take a step', () => {
  it('lets the township approve 3 days of leave, and needs the county for 4 (the setting moves the line)', () => {
    expect(refusal(approve.by, township, { days: 3 }, {})).toBeNull();
    expect(refusal(approve.by, township, { days: 4 }, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'county' });
    expect(refusal(approve.by, county, { days: 4 }, {})).toBeNull();
    expect(requiredLevel(approve.by, { days: 5 }, { 'cadres.leave_township_max_days': 5 })).toBe('township');
    expect(requiredLevel(approve.by, { days: 6 }, { 'cadres.leave_township_max_days': 5 })).toBe('county');
  });

  it('refuses a village user a township step and a read-only leader any step', () => {
    expect(refusal(approve.by, village, { days: 1 }, {})).toEqual({ code: 'PROCEDURE_LEVEL', level: 'township' });
    expect(refusal(approve.by, leader, { days: 1 }, {})).toEqual({ code: 'PROCEDURE_ROLE' });
  });

  it('fails loudly when a module forgets a fact a rule reads', () => {
    expect(() => refusal(approve.by, township, {}, {})).toThrow(/fact days/);
  });

  it('restricts a step to named roles when the rule names them', () => {
    const rule = { level: 'village', permission: 'data.write', roles: ['resident_cadre'] } as const;
    expect(refusal(rule, village, {}, {})).toEqual({ code: 'PROCEDURE_ROLE' });
    expect(refusal(rule, { ...village, role: 'resident_cadre' }, {}, {})).toBeNull();
  });
});

describe('procedure definitions', () => {
  it('lists every setting a procedure reads with its fallback', () => {
    expect(settingKeys(POSTING)).toEqual({ 'cadres.posting_confirm_days': 30, 'cadres.min_tenure_days': 730 });
    expect(settingKeys(LEAVE)).toEqual({ 'cadres.leave_approve_days': 2, 'cadres.leave_township_max_days': 3 });
  });

  it('refuses a definition whose steps lead to undeclared states or out of a terminal state', () => {
    const base: ProcedureDef = {
      id: 't',
      name: { zh: 't', en: 't' },
      initial: 'a',
      open: { level: 'county', permission: 'data.write' },
      states: { a: { label: { zh: 'a', en: 'a' } }, z: { label: { zh: 'z', en: 'z' }, terminal: true } },
      transitions: [
        { action: 'go', label: { zh: 'go', en: 'go' }, from: ['a'], to: 'z', by: { level: 'county', permission: 'data.write' } },
      ],
    };
    expect(() => validateDefinition(base)).not.toThrow();
    expect(() => validateDefinition({ ...base, initial: 'nope' })).toThrow(/initial state nope/);
    const bad = (t: Partial<ProcedureDef['transitions'][number]>) => ({
      ...base,
      transitions: [{ ...base.transitions[0], ...t } as ProcedureDef['transitions'][number]],
    });
    expect(() => validateDefinition(bad({ to: 'b' }))).toThrow(/undeclared state b/);
    expect(() => validateDefinition(bad({ from: ['z'] }))).toThrow(/leaves terminal state z/);
    expect(() => validateDefinition({ ...base, transitions: [...base.transitions, ...base.transitions] })).toThrow(/declared twice/);
  });
});
