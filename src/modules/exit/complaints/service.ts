import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { type Lang, pickLabel } from '../../../server/i18n.ts';
import * as audit from '../../audit/service.ts';
import { maskText } from '../../pii/mask.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../../procedures/service.ts';
import * as hq from '../households/queries.ts';
import { recordObjection } from '../households/service.ts';
import * as pq from '../public/queries.ts';
import { EXIT_COMPLAINT } from './procedure.ts';
import * as q from './queries.ts';
import type { AnswerInput, ComplaintInput } from './schema.ts';

/** Who writes a complaint sent from the public page: nobody signed in; the audit row says so. */
const PUBLIC_ACTOR: ProcedureActor = {
  id: null,
  username: 'public-page',
  role: 'system',
  scope: '',
  permissions: ['data.read', 'data.write'],
};
// Unlinkable across restarts: enough to see one client sending many, never the address itself.
const SALT = randomBytes(16);
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A reference the sender keeps: the county and ten random characters (50 bits: not guessable, not enumerable). */
export function newReference(county: string) {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(0, ALPHABET.length)];
  return `${county}-${s}`;
}

/**
 * A complaint or objection from a village's public page (no login): it lands with the county as a case. An objection
 * naming a household in notice in this village is also attached to that household's exit as an objection; anything
 * else (unknown entry, not in notice, another village) is kept as a plain complaint — the answer is the same, so the
 * form confirms nothing about anyone. Only the reference comes back.
 */
export async function submitComplaint(db: Db, code: string, input: z.infer<typeof ComplaintInput>, ip: string) {
  if (!/^\d{12}$/.test(code)) throw notFound();
  const region = await pq.regionOf(db, code);
  if (!region || Number(region.level) !== 5) throw notFound();
  const county = code.slice(0, 6);
  const reference = newReference(county);
  await db.transaction().execute(async (tx) => {
    const target = input.kind === 'objection' && input.noticeId ? await q.noticeEntry(tx, county, code, input.noticeId) : undefined;
    const row = await q.insertComplaint(tx, {
      county_code: county,
      reference,
      village_code: code,
      kind: input.kind,
      exit_household_id: target ? Number(target.id) : null,
      content: input.content,
      contact: input.contact?.trim() || null,
      client_digest: createHash('sha256').update(SALT).update(ip).digest('hex').slice(0, 24),
    });
    const id = Number(row.id);
    await openCase(tx, EXIT_COMPLAINT, { county, subjectId: id, region: code, actor: PUBLIC_ACTOR });
    await audit.record(tx, PUBLIC_ACTOR, {
      scopeCode: code,
      entity: 'exit_complaint',
      entityId: id,
      action: 'receive',
      after: { reference, kind: input.kind, linked: target ? Number(target.id) : null },
    });
    if (target) {
      const exit = await hq.exitHouseholdById(tx, Number(target.id));
      if (exit) await recordObjection(tx, PUBLIC_ACTOR, exit, { source: 'public_page', content: input.content, complaintId: id });
    }
  });
  return { reference };
}

/** A complaint's state by its reference, for the sender: no content echoed, the county's answer masked. */
export async function complaintStatus(db: Db, reference: string, lang: Lang) {
  if (!/^\d{6}-[A-Z0-9]{10}$/.test(reference)) throw notFound();
  const c = await q.complaintByReference(db, reference.slice(0, 6), reference);
  if (!c) throw notFound();
  return {
    reference: c.reference,
    receivedOn: new Date(c.received_at).toISOString().slice(0, 10),
    state: c.state,
    stateLabel: pickLabel(EXIT_COMPLAINT.states[c.state]?.label ?? { zh: c.state, en: c.state }, lang),
    answeredOn: c.answered_on,
    answer: c.answer === null ? null : maskText(c.answer),
  };
}

const item = (c: q.ComplaintRow, lang: Lang) => ({
  id: Number(c.id),
  reference: c.reference,
  village: { code: c.village_code, name: c.village_name, township: c.township_name ?? '' },
  kind: c.kind,
  exitId: c.exit_household_id === null ? null : Number(c.exit_household_id),
  householdNo: c.household_no,
  content: c.content,
  contact: c.contact === null ? null : maskText(c.contact),
  receivedAt: new Date(c.received_at).toISOString(),
  answer: c.answer,
  answeredOn: c.answered_on,
  state: c.state,
  stateLabel: pickLabel(EXIT_COMPLAINT.states[c.state]?.label ?? { zh: c.state, en: c.state }, lang),
  dueDate: c.due_date,
  overdue: c.state === 'received' && c.due_date !== null && c.due_date < thisDay(),
});

export async function listComplaints(db: Db, region: string, open: boolean, lang: Lang) {
  return { items: (await q.complaints(db, region, open)).map((c) => item(c, lang)) };
}

export async function complaintDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const c = await q.complaintById(db, id);
  if (!c) throw notFound();
  const kase = await loadCase(db, c.county_code, Number(c.case_id));
  return {
    ...item(c, lang),
    case: { ...(await caseView(db, EXIT_COMPLAINT, kase)), steps: await availableSteps(db, EXIT_COMPLAINT, kase, actor) },
  };
}

/** 答复办结: the county's answer closes the case (the sender sees it by the reference). */
export async function answerComplaint(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof AnswerInput>) {
  return db.transaction().execute(async (tx) => {
    const c = await q.complaintById(tx, id);
    if (!c) throw notFound();
    if (!input.answer.trim()) throw new AppError('PROCEDURE_REASON_REQUIRED', 400, {}, [{ path: 'answer', code: 'required' }]);
    await takeStep(tx, EXIT_COMPLAINT, { county: c.county_code, id: Number(c.case_id) }, 'answer', {
      actor,
      version: input.version,
      reason: input.answer,
    });
    await q.setAnswer(tx, c.county_code, id, input.answer.trim(), thisDay());
    return { id };
  });
}
