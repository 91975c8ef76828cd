import { describe, expect, it } from 'vitest';
import { DECISION, NEXT_STEP, STEPS } from './procedure.ts';
import { atLeast, judgeMeeting, type Meeting, meetingRule, moreThan, RULE_SETTINGS } from './rules.ts';

const settings = { ...RULE_SETTINGS };
const members = meetingRule('members_meeting', settings);
const villagers = meetingRule('villagers_meeting', settings);
const org = meetingRule('org_propose', settings);
const m = (present: number, total: number, votesFor: number, votesAgainst = 0, votesAbstain = 0): Meeting => ({
  present,
  total,
  votesFor,
  votesAgainst,
  votesAbstain,
});
if (!members || !villagers || !org) throw new Error('rules missing');

describe('fractions are exact', () => {
  it('compares by cross-multiplying', () => {
    expect(atLeast(20, 30, { num: 2, den: 3 })).toBe(true);
    expect(atLeast(19, 30, { num: 2, den: 3 })).toBe(false);
    expect(moreThan(15, 30, { num: 1, den: 2 })).toBe(false);
    expect(moreThan(16, 30, { num: 1, den: 2 })).toBe(true);
    // 0.1 + 0.2 style traps: 1/3 of 3 is exactly 1.
    expect(atLeast(1, 3, { num: 1, den: 3 })).toBe(true);
  });
});

describe("party members' meeting: ≥ 2/3 of members present, > 1/2 of ALL members in favour", () => {
  it('exactly 2/3 present is a quorum; one short is refused with the rule named', () => {
    expect(judgeMeeting(m(20, 30, 16), members)).toEqual({ ok: true, passed: true, needFor: 16 });
    const short = judgeMeeting(m(19, 30, 19), members);
    expect(short).toMatchObject({ ok: false, code: 'DECISION_QUORUM', need: 20 });
    expect(short.ok === false && 'rule' in short && short.rule).toContain('2/3');
  });
  it('2/3 of a total not divisible by 3 rounds up (31 members: 21 needed)', () => {
    expect(judgeMeeting(m(20, 31, 20), members)).toMatchObject({ ok: false, need: 21 });
    expect(judgeMeeting(m(21, 31, 16), members)).toMatchObject({ ok: true, passed: true });
  });
  it('exactly half of all members in favour is not a majority; voted down, not refused', () => {
    expect(judgeMeeting(m(30, 30, 15, 15), members)).toEqual({ ok: true, passed: false, needFor: 16 });
    expect(judgeMeeting(m(30, 30, 16, 14), members)).toMatchObject({ ok: true, passed: true });
  });
  it('the majority counts all members, not those present', () => {
    // 21 of 30 present, 12 in favour: more than half of those present, not of all members.
    expect(judgeMeeting(m(21, 30, 12, 9), members)).toMatchObject({ ok: true, passed: false });
  });
});

describe("villagers' (representatives') meeting: ≥ 2/3 present, > 1/2 of present in favour", () => {
  it('boundaries', () => {
    expect(judgeMeeting(m(40, 60, 21), villagers)).toMatchObject({ ok: true, passed: true, needFor: 21 });
    expect(judgeMeeting(m(40, 60, 20, 20), villagers)).toMatchObject({ ok: true, passed: false });
    expect(judgeMeeting(m(39, 60, 39), villagers)).toMatchObject({ ok: false, code: 'DECISION_QUORUM', need: 40 });
  });
  it('settings change the fractions', () => {
    const r = meetingRule('villagers_meeting', { ...settings, 'party.villagers_quorum_num': 1, 'party.villagers_quorum_den': 2 });
    if (!r) throw new Error('rule');
    expect(judgeMeeting(m(30, 60, 16), r)).toMatchObject({ ok: true, passed: true });
  });
});

describe('the organisation and the committees: > 1/2 present, > 1/2 of present in favour', () => {
  it('exactly half present is refused; exactly half in favour is voted down', () => {
    expect(judgeMeeting(m(3, 6, 3), org)).toMatchObject({ ok: false, code: 'DECISION_QUORUM', need: 4 });
    expect(judgeMeeting(m(4, 6, 2, 2), org)).toMatchObject({ ok: true, passed: false });
    expect(judgeMeeting(m(4, 6, 3, 1), org)).toMatchObject({ ok: true, passed: true });
  });
});

describe('impossible counts are refused', () => {
  it('more present than due, more votes than present, nobody due', () => {
    expect(judgeMeeting(m(31, 30, 20), members)).toEqual({ ok: false, code: 'DECISION_PRESENT_EXCEEDS' });
    expect(judgeMeeting(m(20, 30, 15, 5, 1), members)).toEqual({ ok: false, code: 'DECISION_VOTES_EXCEED' });
    expect(judgeMeeting(m(0, 0, 0), members)).toEqual({ ok: false, code: 'DECISION_NO_ONE' });
  });
});

describe('the procedure: steps in order, none skipped', () => {
  it('each step leads from the state of the one before, and only from it', () => {
    let state = DECISION.initial;
    for (const step of STEPS) {
      expect(NEXT_STEP[state]).toBe(step);
      const t = DECISION.transitions.find((x) => x.action === step);
      expect(t?.from).toEqual([state]);
      state = t?.to ?? '';
    }
    expect(DECISION.states[state]?.terminal).toBe(true);
  });
  it('the joint meeting is the only shortcut, and it records both deliberations (proposed → committees deliberated)', () => {
    const j = DECISION.transitions.find((x) => x.action === 'joint_meeting');
    expect(j?.from).toEqual(['proposed']);
    expect(j?.to).toBe('committees_deliberated');
  });
  it('the township review needs the township; meetings the village', () => {
    expect(DECISION.transitions.find((x) => x.action === 'township_review')?.by.level).toBe('township');
    expect(DECISION.transitions.find((x) => x.action === 'members_meeting')?.by.level).toBe('village');
  });
});
