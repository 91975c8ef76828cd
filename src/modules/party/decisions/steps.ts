import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { loadCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import { DECISION, NEXT_STEP, STEP_LABELS, type StepName } from './procedure.ts';
import * as q from './queries.ts';
import { judgeMeeting, meetingRule } from './rules.ts';
import type { StepInput } from './schema.ts';
import { ruleSettings } from './service.ts';

type Input = z.infer<typeof StepInput>;

const FIELD_NAMES: Record<string, [string, string]> = {
  present: ['实到人数', 'present'],
  total: ['应到人数', 'due to attend'],
  votesFor: ['赞成票', 'votes for'],
  townshipAttendee: ['乡镇审核人', 'township reviewer'],
  approve: ['审核意见', 'the verdict'],
  reason: ['不同意的理由', 'the reason for refusing'],
  place: ['公开方式或地点', 'where it was posted'],
  summary: ['实施结果', 'the result'],
};

function required(action: Input['action'], input: Input) {
  const need: string[] = [];
  const meeting = ['org_propose', 'joint_meeting', 'committees', 'members_meeting', 'villagers_meeting'].includes(action);
  if (meeting) {
    need.push('present', 'votesFor');
    if (action !== 'members_meeting') need.push('total');
  }
  if (action === 'township_review') {
    need.push('approve', 'townshipAttendee');
    if (input.approve === false) need.push('reason');
  }
  if (action === 'disclose_decision') need.push('place');
  if (action === 'disclose_result') need.push('place', 'summary');
  const missing = need.filter((f) => {
    const v = (input as Record<string, unknown>)[f];
    return v === undefined || v === null || v === '';
  });
  if (!missing.length) return;
  const label = STEP_LABELS[action === 'joint_meeting' ? 'committees' : action];
  throw new AppError(
    'DECISION_FIELD_REQUIRED',
    400,
    {
      step: label.zh,
      stepEn: label.en,
      fields: missing.map((f) => FIELD_NAMES[f]?.[0] ?? f).join('、'),
      fieldsEn: missing.map((f) => FIELD_NAMES[f]?.[1] ?? f).join(', '),
    },
    missing.map((path) => ({ path, code: 'required' })),
  );
}

/** The meeting's one-line note in the case history and the audit trail. */
const note = (present: number, total: number, i: Input) =>
  `实到 ${present}/${total}，赞成 ${i.votesFor ?? 0}，反对 ${i.votesAgainst ?? 0}，弃权 ${i.votesAbstain ?? 0}`;

/**
 * Takes the next step of a decision, in order (an 一肩挑 village may hold the first two deliberations as one joint
 * meeting, which records both). A meeting is judged by its rule: counts that cannot be and a missing quorum are
 * refused, naming the rule, and nothing is written; a matter voted down (or refused by the township) ends rejected.
 * Everything happens in one transaction, from the version the person read.
 */
export async function takeDecisionStep(db: Db, actor: ProcedureActor, id: number, input: Input) {
  return db.transaction().execute(async (tx) => {
    const d = await q.decisionById(tx, id);
    if (!d) throw notFound();
    await q.lockDecision(tx, d.county_code, id);
    const c = await loadCase(tx, d.county_code, Number(d.case_id));
    if (input.version !== Number(c.version)) throw new AppError('PROCEDURE_CHANGED', 409);
    const expected = NEXT_STEP[c.state];
    if (!expected) {
      const s = DECISION.states[c.state]?.label ?? { zh: c.state, en: c.state };
      const t = DECISION.transitions.find((x) => x.action === input.action)?.label ?? { zh: input.action, en: input.action };
      throw new AppError('PROCEDURE_WRONG_STATE', 409, { action: t.zh, actionEn: t.en, state: s.zh, stateEn: s.en });
    }
    const org = await q.villageOrg(tx, d.village_code);
    if (input.action === 'joint_meeting') {
      if (c.state !== 'proposed') throw wrongStep(expected);
      if (org?.one_shoulder !== true) throw new AppError('DECISION_NOT_ONE_SHOULDER', 409);
    } else if (input.action !== expected) throw wrongStep(expected);
    const steps = await q.decisionSteps(tx, d.county_code, id);
    const previous = steps.at(-1)?.held_on ?? d.proposed_on;
    if (input.heldOn < previous || input.heldOn > thisDay())
      throw new AppError('DECISION_DATE_ORDER', 400, { previous }, [{ path: 'heldOn', code: 'DECISION_DATE_ORDER' }]);
    required(input.action, input);

    const ruleStep: StepName = input.action === 'joint_meeting' ? 'committees' : input.action;
    const rule = meetingRule(ruleStep, await ruleSettings(tx, d.village_code));
    const base = {
      county_code: d.county_code,
      decision_id: id,
      village_code: d.village_code,
      held_on: input.heldOn,
      present: null as number | null,
      total: null as number | null,
      votes_for: null as number | null,
      votes_against: null as number | null,
      votes_abstain: null as number | null,
      township_attendee: input.townshipAttendee || null,
      joint: input.action === 'joint_meeting',
      summary: input.summary || null,
      place: input.place || null,
    };
    let outcome: 'passed' | 'rejected' | 'done' = 'done';
    let action: string = input.action;
    let reason: string | null = null;
    let stepNote: string | null = null;
    if (rule) {
      let total = input.total ?? 0;
      if (ruleStep === 'members_meeting') {
        if (!org) throw new AppError('DECISION_NO_ORG', 409);
        total = await q.memberCount(tx, org.county_code, Number(org.id), input.heldOn);
        if (total === 0) throw new AppError('DECISION_NO_MEMBERS', 409, { date: input.heldOn });
      }
      const present = input.present ?? 0;
      const meeting = {
        present,
        total,
        votesFor: input.votesFor ?? 0,
        votesAgainst: input.votesAgainst ?? 0,
        votesAbstain: input.votesAbstain ?? 0,
      };
      const j = judgeMeeting(meeting, rule);
      if (!j.ok) {
        const label = STEP_LABELS[ruleStep];
        if (j.code === 'DECISION_QUORUM')
          throw new AppError(
            'DECISION_QUORUM',
            400,
            { meeting: label.zh, meetingEn: label.en, present, total, need: j.need, rule: j.rule, ruleEn: j.ruleEn },
            [{ path: 'present', code: 'DECISION_QUORUM' }],
          );
        throw new AppError(j.code, 400, {}, [{ path: j.code === 'DECISION_VOTES_EXCEED' ? 'votesFor' : 'present', code: j.code }]);
      }
      outcome = j.passed ? 'passed' : 'rejected';
      Object.assign(base, {
        present,
        total,
        votes_for: meeting.votesFor,
        votes_against: meeting.votesAgainst,
        votes_abstain: meeting.votesAbstain,
      });
      stepNote = note(present, total, input);
      if (!j.passed) {
        action = 'vote_down';
        reason = `${STEP_LABELS[ruleStep].zh}表决未通过（赞成 ${meeting.votesFor} 票，须至少 ${j.needFor} 票）`;
      }
    } else if (input.action === 'township_review') {
      outcome = input.approve ? 'passed' : 'rejected';
      if (!input.approve) action = 'township_reject';
      reason = input.approve ? null : (input.reason ?? null);
      stepNote = `审核人：${input.townshipAttendee ?? ''}`;
    } else stepNote = input.place ?? null;

    const moved = await takeStep(tx, DECISION, { county: d.county_code, id: Number(c.id) }, action, {
      actor,
      version: input.version,
      reason,
      note: stepNote,
      effectiveDate: input.heldOn,
    });
    const names: StepName[] = input.action === 'joint_meeting' ? ['org_propose', 'committees'] : [input.action];
    for (const step of names) await q.insertStep(tx, { ...base, step, outcome });
    return { id, state: moved.case.state, outcome };
  });
}

function wrongStep(expected: StepName) {
  const l = STEP_LABELS[expected];
  return new AppError('DECISION_WRONG_STEP', 409, { expected: l.zh, expectedEn: l.en });
}
