import type { StepName } from './procedure.ts';

/** A fraction of whole numbers (2/3): every comparison is made by cross-multiplying, never with floats. */
export interface Ratio {
  num: number;
  den: number;
}

/** n ≥ r × of, exactly. */
export const atLeast = (n: number, of: number, r: Ratio) => n * r.den >= of * r.num;
/** n > r × of, exactly. */
export const moreThan = (n: number, of: number, r: Ratio) => n * r.den > of * r.num;
/** The fewest that satisfy the rule out of `of`. */
export const fewest = (of: number, r: Ratio, strict: boolean) =>
  strict ? Math.floor((of * r.num) / r.den) + 1 : Math.ceil((of * r.num) / r.den);

/**
 * A meeting's rule: how many must be present (of all who should attend), and how many votes in favour pass the matter,
 * counted out of those present or out of all (the party members' meeting counts all members).
 */
export interface MeetingRule {
  quorum: Ratio;
  quorumStrict: boolean;
  majority: Ratio;
  majorityStrict: boolean;
  majorityOf: 'present' | 'total';
}

export interface Meeting {
  present: number;
  total: number;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** The settings that hold each meeting's fractions: key → fallback. */
export const RULE_SETTINGS = {
  'party.members_quorum_num': 2,
  'party.members_quorum_den': 3,
  'party.members_majority_num': 1,
  'party.members_majority_den': 2,
  'party.villagers_quorum_num': 2,
  'party.villagers_quorum_den': 3,
  'party.villagers_majority_num': 1,
  'party.villagers_majority_den': 2,
} as const;
export type RuleSettings = Record<keyof typeof RULE_SETTINGS, number>;

/**
 * The rules of the four meetings. The organisation's and the committees' meetings: more than half present, more than
 * half of those present in favour. The party members' meeting: at least 2/3 of all members present, more than half
 * of ALL members in favour. The villagers' (representatives') meeting: at least 2/3 present, more than half of those
 * present in favour. Fractions of the last two are settings (a province may change them).
 */
export function meetingRule(step: StepName, s: RuleSettings): MeetingRule | null {
  const half = { num: 1, den: 2 };
  switch (step) {
    case 'org_propose':
    case 'committees':
      return { quorum: half, quorumStrict: true, majority: half, majorityStrict: true, majorityOf: 'present' };
    case 'members_meeting':
      return {
        quorum: { num: s['party.members_quorum_num'], den: s['party.members_quorum_den'] },
        quorumStrict: false,
        majority: { num: s['party.members_majority_num'], den: s['party.members_majority_den'] },
        majorityStrict: true,
        majorityOf: 'total',
      };
    case 'villagers_meeting':
      return {
        quorum: { num: s['party.villagers_quorum_num'], den: s['party.villagers_quorum_den'] },
        quorumStrict: false,
        majority: { num: s['party.villagers_majority_num'], den: s['party.villagers_majority_den'] },
        majorityStrict: true,
        majorityOf: 'present',
      };
    default:
      return null;
  }
}

export type Judgement =
  | { ok: true; passed: boolean; needFor: number }
  | { ok: false; code: 'DECISION_PRESENT_EXCEEDS' | 'DECISION_VOTES_EXCEED' | 'DECISION_NO_ONE' }
  | { ok: false; code: 'DECISION_QUORUM'; need: number; rule: string; ruleEn: string };

const fraction = (r: Ratio) => `${r.num}/${r.den}`;

/**
 * Judges a meeting by its rule: a count that cannot be (more present than should attend, more votes than present)
 * or a missing quorum is refused (nothing is recorded: the meeting must be held again); with a quorum the matter
 * passes or is voted down.
 */
export function judgeMeeting(m: Meeting, rule: MeetingRule): Judgement {
  if (m.total <= 0) return { ok: false, code: 'DECISION_NO_ONE' };
  if (m.present > m.total) return { ok: false, code: 'DECISION_PRESENT_EXCEEDS' };
  if (m.votesFor + m.votesAgainst + m.votesAbstain > m.present) return { ok: false, code: 'DECISION_VOTES_EXCEED' };
  const quorate = rule.quorumStrict ? moreThan(m.present, m.total, rule.quorum) : atLeast(m.present, m.total, rule.quorum);
  if (!quorate) {
    const need = fewest(m.total, rule.quorum, rule.quorumStrict);
    const q = fraction(rule.quorum);
    return {
      ok: false,
      code: 'DECISION_QUORUM',
      need,
      rule: rule.quorumStrict ? `到会人数须超过应到人数的 ${q}` : `到会人数须不少于应到人数的 ${q}`,
      ruleEn: rule.quorumStrict ? `more than ${q} of those due must be present` : `at least ${q} of those due must be present`,
    };
  }
  const base = rule.majorityOf === 'total' ? m.total : m.present;
  const passed = rule.majorityStrict ? moreThan(m.votesFor, base, rule.majority) : atLeast(m.votesFor, base, rule.majority);
  return { ok: true, passed, needFor: fewest(base, rule.majority, rule.majorityStrict) };
}
