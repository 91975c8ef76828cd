import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisYear } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { isWithin } from '../../../server/scope.ts';
import * as audit from '../../audit/service.ts';
import { markVillageDirty } from '../../command/queries.ts';
import { percentOf } from '../funds/money.ts';
import type { Actor } from '../funds/service.ts';
import * as q from './queries.ts';
import type { CommitmentInput, CommitmentQuery, FulfilmentInput, ReviewInput } from './schema.ts';

/**
 * A commitment is a dated fact with a result, not a workflow: the member's promise, what came of it (pending,
 * fulfilled with evidence, unfulfilled), and the organisation's review of that result (confirmed or returned). Only a
 * fulfilled commitment confirmed by the organisation counts as fulfilled (承诺践诺 的 "评诺").
 */
export const isFulfilled = (c: { status: string; review: string | null }) => c.status === 'fulfilled' && c.review === 'confirmed';

const itemOf = (c: q.CommitmentRow) => ({
  id: Number(c.id),
  memberId: Number(c.member_id),
  regionCode: c.region_code,
  regionName: c.region_name,
  name: c.name,
  year: c.year,
  content: c.content,
  status: c.status as 'pending' | 'fulfilled' | 'unfulfilled',
  evidence: c.evidence,
  attachmentRef: c.attachment_ref,
  review: c.review as 'confirmed' | 'returned' | null,
  reviewedOn: c.reviewed_on,
  reviewNote: c.review_note,
  version: c.version,
});

export async function listCommitments(db: Db, region: string, query: z.infer<typeof CommitmentQuery>) {
  const year = query.year ?? thisYear();
  const rows = await q.listCommitments(db, { region, year, status: query.status }, 2000);
  const all = query.status ? await q.listCommitments(db, { region, year }, 100_000) : rows;
  return { items: rows.map(itemOf), fulfilledPercent: percentOf(all.filter(isFulfilled).length, all.length) };
}

const villageOf = (region: string) => (region.length === 12 ? region : null);

export async function createCommitment(db: Db, actor: Actor, input: z.infer<typeof CommitmentInput>) {
  return db.transaction().execute(async (tx) => {
    const m = await q.memberOf(tx, input.memberId);
    if (!m || !isWithin(m.region_code, actor.scope)) throw notFound();
    if (m.left_on) throw new AppError('PARTY_MEMBER_LEFT', 409);
    const id = await q.insertCommitment(tx, {
      county_code: m.county_code,
      member_id: input.memberId,
      region_code: m.region_code,
      year: input.year,
      content: input.content,
    });
    await audit.record(tx, actor, {
      scopeCode: m.region_code,
      entity: 'party_commitment',
      entityId: id,
      action: 'create',
      after: { year: input.year, content: input.content },
    });
    const v = villageOf(m.region_code);
    if (v) await markVillageDirty(tx, v);
    return { id };
  });
}

export async function fulfil(db: Db, actor: Actor, id: number, input: z.infer<typeof FulfilmentInput>) {
  if (input.status === 'fulfilled' && !input.evidence)
    throw new AppError('PARTY_EVIDENCE_REQUIRED', 400, {}, [{ path: 'evidence', code: 'PARTY_EVIDENCE_REQUIRED' }]);
  return db.transaction().execute(async (tx) => {
    const before = await q.commitmentById(tx, id);
    if (!before) throw notFound();
    // A new result undoes the review of the old one.
    const saved = await q.updateCommitment(tx, before.county_code, id, input.version, {
      status: input.status,
      evidence: input.evidence || null,
      attachment_ref: input.attachmentRef || null,
      review: null,
      reviewed_on: null,
      review_note: null,
    });
    if (!saved) throw new AppError('PARTY_RECORD_CHANGED', 409);
    await audit.record(tx, actor, {
      scopeCode: before.region_code,
      entity: 'party_commitment',
      entityId: id,
      action: 'fulfil',
      before: { status: before.status, evidence: before.evidence, review: before.review },
      after: { status: input.status, evidence: input.evidence ?? null, attachmentRef: input.attachmentRef ?? null },
    });
    const v = villageOf(before.region_code);
    if (v) await markVillageDirty(tx, v);
    return { version: saved.version };
  });
}

export async function review(db: Db, actor: Actor, id: number, input: z.infer<typeof ReviewInput>) {
  return db.transaction().execute(async (tx) => {
    const before = await q.commitmentById(tx, id);
    if (!before) throw notFound();
    if (before.status === 'pending') throw new AppError('PARTY_REVIEW_OPEN', 409);
    const saved = await q.updateCommitment(tx, before.county_code, id, input.version, {
      review: input.review,
      reviewed_on: input.reviewedOn,
      review_note: input.note || null,
    });
    if (!saved) throw new AppError('PARTY_RECORD_CHANGED', 409);
    await audit.record(tx, actor, {
      scopeCode: before.region_code,
      entity: 'party_commitment',
      entityId: id,
      action: 'review',
      before: { review: before.review },
      after: { review: input.review, reviewNote: input.note ?? null },
    });
    const v = villageOf(before.region_code);
    if (v) await markVillageDirty(tx, v);
    return { version: saved.version };
  });
}
