import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';

const VILLAGE_WRITES = { level: 'village', permission: 'data.write' } as const;
const TOWNSHIP_WRITES = { level: 'township', permission: 'data.write' } as const;
const deadline = (key: string, fallback: number) => ({ setting: `party.decision_${key}_days`, fallback });

/**
 * 四议一审两公开: the steps in their order, none skipped. The village records its meetings (a township or county user
 * may record for it); the township review is the township's. An 一肩挑 village may hold the organisation's and the two
 * committees' deliberation as one joint meeting (`joint_meeting`), which records both. A meeting that votes the matter
 * down, or a township that refuses it, ends the case as rejected. The arithmetic of quorum and majority is rules.ts.
 */
export const DECISION: ProcedureDef = {
  id: 'party_decision',
  name: { zh: '四议一审两公开', en: 'Village decision (4-1-2)' },
  initial: 'proposed',
  open: VILLAGE_WRITES,
  states: {
    proposed: { label: { zh: '已提出建议', en: 'Proposed' }, deadline: deadline('org', 30) },
    org_proposed: { label: { zh: '村党组织已提议', en: 'Party organisation proposed' }, deadline: deadline('committees', 15) },
    committees_deliberated: { label: { zh: '两委会已商议', en: 'Two committees deliberated' }, deadline: deadline('members', 30) },
    members_reviewed: { label: { zh: '党员大会已审议', en: "Members' meeting reviewed" }, deadline: deadline('villagers', 30) },
    villagers_decided: { label: { zh: '村民（代表）会议已决议', en: "Villagers' meeting decided" }, deadline: deadline('township', 15) },
    township_reviewed: { label: { zh: '乡镇已审核', en: 'Township reviewed' }, deadline: deadline('disclose', 7) },
    decision_disclosed: { label: { zh: '决议已公开', en: 'Decision disclosed' }, deadline: deadline('result', 180) },
    result_disclosed: { label: { zh: '实施结果已公开', en: 'Result disclosed' }, terminal: true },
    rejected: { label: { zh: '未通过', en: 'Rejected' }, terminal: true },
  },
  transitions: [
    {
      action: 'org_propose',
      label: { zh: '村党组织提议', en: 'Party organisation proposes' },
      from: ['proposed'],
      to: 'org_proposed',
      by: VILLAGE_WRITES,
    },
    {
      action: 'joint_meeting',
      label: { zh: '村党组织提议和两委会商议（一肩挑联席会议）', en: 'Joint meeting of the organisation and committees (一肩挑)' },
      from: ['proposed'],
      to: 'committees_deliberated',
      by: VILLAGE_WRITES,
    },
    {
      action: 'committees',
      label: { zh: '两委会商议', en: 'Two committees deliberate' },
      from: ['org_proposed'],
      to: 'committees_deliberated',
      by: VILLAGE_WRITES,
    },
    {
      action: 'members_meeting',
      label: { zh: '党员大会审议', en: "Party members' meeting reviews" },
      from: ['committees_deliberated'],
      to: 'members_reviewed',
      by: VILLAGE_WRITES,
    },
    {
      action: 'villagers_meeting',
      label: { zh: '村民（代表）会议决议', en: "Villagers' (representatives') meeting decides" },
      from: ['members_reviewed'],
      to: 'villagers_decided',
      by: VILLAGE_WRITES,
    },
    {
      action: 'township_review',
      label: { zh: '乡镇审核', en: 'Township review' },
      from: ['villagers_decided'],
      to: 'township_reviewed',
      by: TOWNSHIP_WRITES,
    },
    {
      action: 'disclose_decision',
      label: { zh: '决议公开', en: 'Disclose the decision' },
      from: ['township_reviewed'],
      to: 'decision_disclosed',
      by: VILLAGE_WRITES,
    },
    {
      action: 'disclose_result',
      label: { zh: '实施结果公开', en: 'Disclose the result' },
      from: ['decision_disclosed'],
      to: 'result_disclosed',
      by: VILLAGE_WRITES,
    },
    {
      action: 'vote_down',
      label: { zh: '会议表决未通过', en: 'Voted down' },
      from: ['proposed', 'org_proposed', 'committees_deliberated', 'members_reviewed'],
      to: 'rejected',
      by: VILLAGE_WRITES,
    },
    {
      action: 'township_reject',
      label: { zh: '乡镇审核不同意', en: 'Township refuses' },
      from: ['villagers_decided'],
      to: 'rejected',
      by: TOWNSHIP_WRITES,
      reason: true,
    },
  ],
};

validateDefinition(DECISION);

/** The steps a person records, in order: the procedure's action for each, and the state it leads from. */
export const STEPS = [
  'org_propose',
  'committees',
  'members_meeting',
  'villagers_meeting',
  'township_review',
  'disclose_decision',
  'disclose_result',
] as const;
export type StepName = (typeof STEPS)[number];

/** Steps that are meetings with attendance and votes. */
export const MEETINGS: readonly StepName[] = ['org_propose', 'committees', 'members_meeting', 'villagers_meeting'];

/** The step expected next in a state (null: the case is closed). An 一肩挑 village may also take joint_meeting from proposed. */
export const NEXT_STEP: Record<string, StepName | null> = {
  proposed: 'org_propose',
  org_proposed: 'committees',
  committees_deliberated: 'members_meeting',
  members_reviewed: 'villagers_meeting',
  villagers_decided: 'township_review',
  township_reviewed: 'disclose_decision',
  decision_disclosed: 'disclose_result',
  result_disclosed: null,
  rejected: null,
};

export const STEP_LABELS: Record<StepName, { zh: string; en: string }> = Object.fromEntries(
  STEPS.map((s) => [s, DECISION.transitions.find((t) => t.action === s)?.label ?? { zh: s, en: s }]),
) as Record<StepName, { zh: string; en: string }>;

/** Decisions the public page shows: disclosed, and their results once disclosed. */
export const DISCLOSED_STATES = ['decision_disclosed', 'result_disclosed'] as const;
