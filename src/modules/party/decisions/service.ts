import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, invalid, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor } from '../../procedures/service.ts';
import { getSetting } from '../../settings.ts';
import { CATEGORY_LABELS, label, SOURCE_LABELS } from './labels.ts';
import { DECISION, NEXT_STEP, STEP_LABELS, type StepName } from './procedure.ts';
import * as q from './queries.ts';
import { fewest, meetingRule, RULE_SETTINGS, type RuleSettings } from './rules.ts';
import type { ACTIONS, DecisionInput, DecisionQuery } from './schema.ts';

export const publicPath = (village: string) => `/public/villages/${village}`;

/** The rule settings as they apply in a village. */
export async function ruleSettings(tx: Tx, village: string): Promise<RuleSettings> {
  const out = {} as RuleSettings;
  for (const [key, fallback] of Object.entries(RULE_SETTINGS)) {
    out[key as keyof RuleSettings] = Number(await getSetting(tx, key, fallback, { scopeCode: village }));
  }
  return out;
}

export function decisionItem(d: q.DecisionRow, lang: Lang) {
  const cat = d.category as keyof typeof CATEGORY_LABELS;
  const src = d.source as keyof typeof SOURCE_LABELS;
  return {
    id: Number(d.id),
    village: { code: d.village_code, name: d.village_name },
    title: d.title,
    category: cat,
    categoryLabel: label(CATEGORY_LABELS[cat], cat, lang),
    amount: d.amount === null ? null : Number(d.amount),
    source: src,
    sourceLabel: label(SOURCE_LABELS[src], src, lang),
    proposedOn: d.proposed_on,
    state: d.state,
    stateLabel: label(DECISION.states[d.state]?.label, d.state, lang),
    dueDate: d.due_date,
    overdue: !d.closed && d.due_date !== null && d.due_date < thisDay(),
  };
}

export function stepItem(s: q.StepRow, lang: Lang) {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    step: s.step,
    label: label(STEP_LABELS[s.step as StepName], s.step, lang),
    heldOn: s.held_on,
    present: n(s.present),
    total: n(s.total),
    votesFor: n(s.votes_for),
    votesAgainst: n(s.votes_against),
    votesAbstain: n(s.votes_abstain),
    townshipAttendee: s.township_attendee,
    joint: s.joint,
    outcome: s.outcome as 'passed' | 'rejected' | 'done',
    summary: s.summary,
    place: s.place,
  };
}

/**
 * Records a proposal (the first of the eight steps) for a village with a party organisation on record; its case opens
 * as proposed. The route has placed the village inside the writer's scope.
 */
export async function createDecision(db: Db, actor: ProcedureActor, input: z.infer<typeof DecisionInput>) {
  return db.transaction().execute(async (tx) => {
    const region = await q.regionOf(tx, input.villageCode);
    if (!region || Number(region.level) !== 5) throw invalid('DECISION_NOT_VILLAGE', 'villageCode');
    if (input.proposedOn > thisDay()) throw invalid('DECISION_DATE_ORDER', 'proposedOn', { previous: '—' });
    const org = await q.villageOrg(tx, input.villageCode);
    if (!org) throw new AppError('DECISION_NO_ORG', 409);
    const id = await q.insertDecision(tx, {
      county_code: org.county_code,
      village_code: input.villageCode,
      org_id: Number(org.id),
      title: input.title,
      content: input.content,
      category: input.category,
      amount: input.amount === null || input.amount === undefined ? null : input.amount.toFixed(2),
      source: input.source,
      proposed_on: input.proposedOn,
    });
    await openCase(tx, DECISION, {
      county: org.county_code,
      subjectId: id,
      region: input.villageCode,
      actor,
      effectiveDate: input.proposedOn,
      note: input.title,
    });
    await audit.record(tx, actor, {
      scopeCode: input.villageCode,
      entity: 'party_decision',
      entityId: String(id),
      action: 'create',
      after: {
        title: input.title,
        category: input.category,
        amount: input.amount ?? null,
        source: input.source,
        proposedOn: input.proposedOn,
      },
    });
    return { id };
  });
}

export async function listDecisions(db: Db, region: string, query: z.infer<typeof DecisionQuery>, lang: Lang) {
  const rows = await q.listDecisions(
    db,
    { region, state: query.state, village: query.village, year: query.year },
    query.cursor ? Number(query.cursor) : null,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((d) => decisionItem(d, lang)),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}

/** Which fields the form of a step shows (the service requires the same ones, steps.ts). */
export const FIELDS: Record<(typeof ACTIONS)[number], readonly string[]> = {
  org_propose: ['heldOn', 'present', 'total', 'votesFor', 'votesAgainst', 'votesAbstain', 'summary'],
  joint_meeting: ['heldOn', 'present', 'total', 'votesFor', 'votesAgainst', 'votesAbstain', 'summary'],
  committees: ['heldOn', 'present', 'total', 'votesFor', 'votesAgainst', 'votesAbstain', 'summary'],
  members_meeting: ['heldOn', 'present', 'votesFor', 'votesAgainst', 'votesAbstain', 'townshipAttendee', 'summary'],
  villagers_meeting: ['heldOn', 'present', 'total', 'votesFor', 'votesAgainst', 'votesAbstain', 'townshipAttendee', 'summary'],
  township_review: ['heldOn', 'approve', 'townshipAttendee', 'reason'],
  disclose_decision: ['heldOn', 'place'],
  disclose_result: ['heldOn', 'place', 'summary'],
};

function ruleText(step: StepName, s: RuleSettings, total: number | null, lang: Lang) {
  const r = meetingRule(step, s);
  if (!r) return null;
  const q = `${r.quorum.num}/${r.quorum.den}`;
  const m = `${r.majority.num}/${r.majority.den}`;
  const zh = `${r.quorumStrict ? '超过' : '不少于'}应到人数的 ${q} 到会；赞成票${r.majorityStrict ? '超过' : '不少于'}${r.majorityOf === 'total' ? '全体' : '到会'}人数的 ${m} 为通过`;
  const en = `${r.quorumStrict ? 'more than' : 'at least'} ${q} of those due present; passes with ${r.majorityStrict ? 'more than' : 'at least'} ${m} of ${r.majorityOf === 'total' ? 'all' : 'those present'} in favour`;
  const need =
    total === null
      ? ''
      : lang === 'en'
        ? ` (of ${total}: ${fewest(total, r.quorum, r.quorumStrict)} present, ${r.majorityOf === 'total' ? fewest(total, r.majority, r.majorityStrict) : '…'} for)`
        : `（${total} 人：至少 ${fewest(total, r.quorum, r.quorumStrict)} 人到会${r.majorityOf === 'total' ? `，至少 ${fewest(total, r.majority, r.majorityStrict)} 票赞成` : ''}）`;
  return (lang === 'en' ? en : zh) + need;
}

/** A decision with its steps, its case history and the form of the step that comes next. */
export async function decisionDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const d = await q.decisionById(db, id);
  if (!d) throw notFound();
  const c = await loadCase(db, d.county_code, Number(d.case_id));
  const [steps, view, org, available, settings] = await Promise.all([
    q.decisionSteps(db, d.county_code, id),
    caseView(db, DECISION, c),
    q.villageOrg(db, d.village_code),
    availableSteps(db, DECISION, c, actor),
    ruleSettings(db, d.village_code),
  ]);
  const oneShoulder = org?.one_shoulder === true;
  const expected = NEXT_STEP[d.state] ?? null;
  const actions: (typeof ACTIONS)[number][] = expected ? [expected] : [];
  if (d.state === 'proposed' && oneShoulder) actions.push('joint_meeting');
  const members = org ? await q.memberCount(db, org.county_code, Number(org.id), thisDay()) : 0;
  const next = actions.map((action) => {
    const a = available.find((x) => x.action === action);
    const ruleStep: StepName = action === 'joint_meeting' ? 'committees' : action;
    return {
      action,
      label: label(DECISION.transitions.find((t) => t.action === action)?.label, action, lang),
      allowed: a?.allowed ?? false,
      refusal: a?.refusal ?? null,
      fields: [...FIELDS[action]],
      members: action === 'members_meeting' ? members : null,
      rule: ruleText(ruleStep, settings, action === 'members_meeting' ? members : null, lang),
    };
  });
  return {
    ...decisionItem(d, lang),
    content: d.content,
    orgName: org?.name ?? '',
    oneShoulder,
    version: Number(d.version),
    closed: d.closed,
    steps: steps.map((s) => stepItem(s, lang)),
    history: view.history,
    next,
    publicPath: publicPath(d.village_code),
  };
}

export const stateLabel = (state: string, lang: Lang) => pickLabel(DECISION.states[state]?.label ?? { zh: state, en: state }, lang);
