import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { thisDay, thisYear } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { isWithin } from '../../../server/scope.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { findRegion } from '../../regions/queries.ts';
import { personByIdNumber } from '../reserve/person.ts';
import { percentOf } from './money.ts';
import * as pq from './pay.queries.ts';
import * as q from './queries.ts';
import { coveredFen, standardsFor, yearOk } from './rules.ts';
import type { IncomeInput, PaidInput, PayInput, PaymentCorrection, PaymentInput, PaymentQuery } from './schema.ts';

export type Actor = audit.Actor & { scope: string };

const changed = () => new AppError('PARTY_RECORD_CHANGED', 409);
const checkYear = (y: number, path: string) => {
  if (!yearOk(y, thisYear())) throw new AppError('PARTY_BAD_YEAR', 400, { year: y }, [{ path, code: 'PARTY_BAD_YEAR' }]);
};
/** A village named in a body must be a village inside the writer's scope; outside answers 404 like a missing one. */
async function villageIn(tx: Tx, actor: Actor, code: string) {
  if (!isWithin(code, actor.scope)) throw notFound();
  const r = await findRegion(tx, code);
  if (r?.code.length !== 12) throw notFound();
  return r;
}

const paymentOf = (p: q.PaymentRow) => ({
  id: Number(p.id),
  villageCode: p.village_code,
  villageName: p.village_name,
  paidOn: p.paid_on,
  amountFen: Number(p.amount_fen),
  purpose: p.purpose as 'operation' | 'party_building' | 'other',
  source: p.source,
  note: p.note,
  batchId: p.batch_id === null ? null : Number(p.batch_id),
  version: p.version,
  reversesId: p.reverses_id === null ? null : Number(p.reverses_id),
  correctedOn: p.corrected_on,
  correctionReason: p.correction_reason,
  correctsId: p.corrects_id === null ? null : Number(p.corrects_id),
  reversedBy: p.reversed_by === null ? null : Number(p.reversed_by),
});

export async function listPayments(db: Db, region: string, query: z.infer<typeof PaymentQuery>) {
  const year = query.year ?? thisYear();
  let after: { paidOn: string; id: number } | null = null;
  if (query.cursor) {
    const m = /^(\d{4}-\d{2}-\d{2})_(\d{1,15})$/.exec(query.cursor);
    if (!m) throw new AppError('VALIDATION_FAILED', 400, { summary: 'cursor' }, [{ path: 'cursor', code: 'invalid' }]);
    after = { paidOn: m[1] as string, id: Number(m[2]) };
  }
  const rows = await q.listPayments(db, { region, year }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(paymentOf), nextCursor: rows.length > query.limit && last ? `${last.paid_on}_${last.id}` : null };
}

export async function paymentDetail(db: Db, id: number) {
  const p = await q.paymentById(db, id);
  if (!p) throw notFound();
  return paymentOf(p);
}

const paymentAudit = (v: { paidOn: string; amountFen: number; purpose: string; source?: string; note?: string }) => ({
  paidOn: v.paidOn,
  amountFen: v.amountFen,
  purpose: v.purpose,
  source: v.source ?? '',
  note: v.note ?? null,
});

export async function createPayment(db: Db, actor: Actor, input: z.infer<typeof PaymentInput>) {
  checkYear(Number(input.paidOn.slice(0, 4)), 'paidOn');
  return db.transaction().execute(async (tx) => {
    const village = await villageIn(tx, actor, input.villageCode);
    const county = village.code.slice(0, 6);
    const id = await q.insertPayment(tx, county, {
      village_code: village.code,
      paid_on: input.paidOn,
      amount_fen: input.amountFen,
      purpose: input.purpose,
      source: input.source ?? '',
      note: input.note || null,
    });
    if (id === null) throw new AppError('PARTY_PAYMENT_EXISTS', 409, {}, [{ path: 'amountFen', code: 'PARTY_PAYMENT_EXISTS' }]);
    await audit.record(tx, actor, {
      scopeCode: village.code,
      entity: 'party_fund_payment',
      entityId: id,
      action: 'create',
      after: { villageCode: village.code, ...paymentAudit(input) },
    });
    return { id };
  });
}

/**
 * Corrects a payment entered wrongly without touching it: a reversal (the opposite amount on the original's day, so
 * every sum nets in the original's year) dated by the correction, and the replacement when one is given, in one
 * transaction from the version read. A reversal cannot itself be corrected, and a payment is reversed at most once.
 */
export async function correctPayment(db: Db, actor: Actor, id: number, input: z.infer<typeof PaymentCorrection>) {
  const today = thisDay();
  if (input.correctedOn > today) throw new AppError('PARTY_DAY_FUTURE', 400, {}, [{ path: 'correctedOn', code: 'PARTY_DAY_FUTURE' }]);
  if (input.replacement) checkYear(Number(input.replacement.paidOn.slice(0, 4)), 'replacement.paidOn');
  return db.transaction().execute(async (tx) => {
    const before = await q.paymentById(tx, id);
    if (!before) throw notFound();
    const county = before.county_code;
    const locked = await q.lockPayment(tx, county, id);
    if (!locked || locked.version !== input.version) throw changed();
    if (before.reverses_id !== null) throw new AppError('PARTY_PAYMENT_IS_REVERSAL', 409);
    if (input.correctedOn < before.paid_on)
      throw new AppError('PARTY_CORRECTION_BEFORE_PAYMENT', 400, { paidOn: before.paid_on }, [
        { path: 'correctedOn', code: 'PARTY_CORRECTION_BEFORE_PAYMENT' },
      ]);
    const b = paymentOf({ ...before, reversed_by: null });
    const r = input.replacement;
    if (
      r &&
      r.paidOn === b.paidOn &&
      r.amountFen === b.amountFen &&
      r.purpose === b.purpose &&
      (r.source ?? '') === b.source &&
      (r.note || null) === b.note
    )
      throw new AppError('PARTY_CORRECTION_SAME', 400, {}, [{ path: 'replacement', code: 'PARTY_CORRECTION_SAME' }]);
    const reversalId = await q.insertReversal(tx, county, {
      village_code: before.village_code,
      paid_on: before.paid_on,
      amount_fen: -Number(before.amount_fen),
      purpose: before.purpose,
      source: before.source,
      note: null,
      reverses_id: id,
      corrected_on: input.correctedOn,
      correction_reason: input.reason,
    });
    if (reversalId === null) throw new AppError('PARTY_PAYMENT_REVERSED', 409);
    let replacementId: number | null = null;
    if (r) {
      replacementId = await q.insertCorrection(tx, county, {
        village_code: before.village_code,
        paid_on: r.paidOn,
        amount_fen: r.amountFen,
        purpose: r.purpose,
        source: r.source ?? '',
        note: r.note || null,
        corrects_id: id,
      });
      if (replacementId === null)
        throw new AppError('PARTY_PAYMENT_EXISTS', 409, {}, [{ path: 'replacement.amountFen', code: 'PARTY_PAYMENT_EXISTS' }]);
    }
    await audit.record(tx, actor, {
      scopeCode: before.village_code,
      entity: 'party_fund_payment',
      entityId: id,
      action: r ? 'correct' : 'reverse',
      before: { villageCode: b.villageCode, ...paymentAudit({ ...b, note: b.note ?? undefined }) },
      after: {
        correctedOn: input.correctedOn,
        reason: input.reason,
        reversalId,
        replacementId,
        replacement: r ? paymentAudit(r) : null,
      },
    });
    return { reversalId, replacementId };
  });
}

/** Paid against the standard for a year in a region, by its children (drill-down), with the region's total. */
export async function fundsSummary(db: Db, region: string, year: number) {
  const r = await findRegion(db, region);
  if (!r) throw notFound();
  const std = await standardsFor(db, region, year);
  const perVillage = std.operation + std.partyBuilding;
  const rows = await q.paidByChild(db, region, year, std);
  const row = (x: {
    code: string;
    name: string;
    villages: number;
    operation: number;
    party_building: number;
    other: number;
    short: number;
  }) => {
    const covered = coveredFen(
      { operation: x.operation, partyBuilding: x.party_building },
      {
        operation: x.villages * std.operation,
        partyBuilding: x.villages * std.partyBuilding,
      },
    );
    return {
      code: x.code,
      name: x.name,
      villages: x.villages,
      standardFen: x.villages * perVillage,
      operationFen: x.operation,
      partyBuildingFen: x.party_building,
      otherFen: x.other,
      coveredFen: covered,
      percent: percentOf(covered, x.villages * perVillage),
      shortVillages: x.short,
    };
  };
  const children = rows.map(row);
  const sum = (k: 'villages' | 'operation' | 'party_building' | 'other' | 'short') => rows.reduce((a, c) => a + Number(c[k]), 0);
  const total = row({
    code: region,
    name: r.name,
    villages: sum('villages'),
    operation: sum('operation'),
    party_building: sum('party_building'),
    other: sum('other'),
    short: sum('short'),
  });
  return {
    region,
    regionName: r.name,
    year,
    standards: { operationFen: std.operation, partyBuildingFen: std.partyBuilding },
    total,
    children,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Village cadres' pay

export async function listPay(db: Db, region: string, query: { year?: number; late?: '1' }) {
  const rows = await pq.listPay(db, { region, year: query.year ?? thisYear(), late: query.late === '1', today: thisDay() }, 500);
  return {
    items: rows.map((p) => ({
      id: Number(p.id),
      villageCode: p.village_code,
      villageName: p.village_name,
      name: p.name,
      idMasked: p.id_masked,
      post: p.post,
      month: p.month.slice(0, 7),
      amountDueFen: Number(p.amount_due_fen),
      dueOn: p.due_on,
      paidOn: p.paid_on,
      late: Boolean(p.late),
      version: p.version,
    })),
  };
}

export async function createPay(db: Db, keys: PiiKeys, actor: Actor, input: z.infer<typeof PayInput>) {
  const month = `${input.month}-01`;
  checkYear(Number(input.month.slice(0, 4)), 'month');
  if (input.dueOn < month) throw new AppError('PARTY_DUE_BEFORE_MONTH', 400, {}, [{ path: 'dueOn', code: 'PARTY_DUE_BEFORE_MONTH' }]);
  return db.transaction().execute(async (tx) => {
    const village = await villageIn(tx, actor, input.villageCode);
    const county = village.code.slice(0, 6);
    const personId = await personByIdNumber(tx, keys, county, input.name, input.idNumber);
    const id = await pq.insertPay(tx, {
      county_code: county,
      village_code: village.code,
      person_id: personId,
      post: input.post,
      month,
      amount_due_fen: input.amountDueFen,
      due_on: input.dueOn,
      paid_on: input.paidOn ?? null,
    });
    if (id === null) throw new AppError('PARTY_PAY_EXISTS', 409, {}, [{ path: 'month', code: 'PARTY_PAY_EXISTS' }]);
    await audit.record(tx, actor, {
      scopeCode: village.code,
      entity: 'party_cadre_pay',
      entityId: id,
      action: 'create',
      after: {
        name: input.name,
        idNumber: input.idNumber,
        post: input.post,
        month: input.month,
        amountDueFen: input.amountDueFen,
        dueOn: input.dueOn,
        paidOn: input.paidOn ?? null,
      },
    });
    return { id };
  });
}

export async function setPaid(db: Db, actor: Actor, id: number, input: z.infer<typeof PaidInput>) {
  return db.transaction().execute(async (tx) => {
    const before = await pq.payById(tx, id);
    if (!before) throw notFound();
    if (input.paidOn !== null && input.paidOn < before.month)
      throw new AppError('PARTY_PAID_BEFORE_MONTH', 400, {}, [{ path: 'paidOn', code: 'PARTY_PAID_BEFORE_MONTH' }]);
    const saved = await pq.setPaid(tx, before.county_code, id, input.version, input.paidOn);
    if (!saved) throw changed();
    await audit.record(tx, actor, {
      scopeCode: before.village_code,
      entity: 'party_cadre_pay',
      entityId: id,
      action: 'update',
      before: { paidOn: before.paid_on },
      after: { paidOn: input.paidOn },
    });
    return { version: saved.version };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Collective-economy income

export async function listIncomes(db: Db, region: string, year: number) {
  const rows = await q.listIncomes(db, region, year, 2000);
  return {
    year,
    items: rows.map((r) => ({
      villageCode: r.village_code,
      villageName: r.village_name,
      amountFen: r.amount_fen,
      sources: r.sources,
      version: r.version,
      hollow: !r.amount_fen,
    })),
  };
}

export async function setIncome(db: Db, actor: Actor, input: z.infer<typeof IncomeInput>) {
  checkYear(input.year, 'year');
  return db.transaction().execute(async (tx) => {
    const village = await villageIn(tx, actor, input.villageCode);
    const county = village.code.slice(0, 6);
    const before = await q.incomeOf(tx, county, village.code, input.year);
    if ((before === undefined) !== (input.version === undefined)) throw changed();
    const saved = await q.upsertIncome(
      tx,
      { county_code: county, village_code: village.code, year: input.year, amount_fen: input.amountFen, sources: input.sources || null },
      input.version ?? null,
    );
    if (!saved) throw changed();
    await audit.record(tx, actor, {
      scopeCode: village.code,
      entity: 'party_collective_income',
      entityId: `${village.code}-${input.year}`,
      action: before ? 'update' : 'create',
      before: before ? { amountFen: Number(before.amount_fen), sources: before.sources } : null,
      after: { year: input.year, amountFen: input.amountFen, sources: input.sources ?? null },
    });
    return { version: saved.version };
  });
}
