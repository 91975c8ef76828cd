import type { z } from 'zod';
import type { Db } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { isWithin } from '../../../server/scope.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { findRegion } from '../../regions/queries.ts';
import type { Actor } from '../funds/service.ts';
import { personByIdNumber } from './person.ts';
import * as q from './queries.ts';
import type { ReserveInput, ReserveLeaveInput, TrainingInput } from './schema.ts';

type Row = Awaited<ReturnType<typeof q.listReserves>>[number];
const itemOf = (r: Row) => ({
  id: Number(r.id),
  villageCode: r.village_code,
  villageName: r.village_name,
  name: r.name,
  idMasked: r.id_masked,
  since: r.since,
  source: r.source,
  education: r.education,
  leftOn: r.left_on,
  leftReason: r.left_reason as z.infer<typeof ReserveLeaveInput>['reason'] | null,
  leftNote: r.left_note,
  trainingHours: Number(r.hours ?? 0),
});

export async function listReserves(db: Db, region: string) {
  return { items: (await q.listReserves(db, region, 2000)).map(itemOf) };
}

export async function reserveDetail(db: Db, id: number) {
  const r = await q.reserveById(db, id);
  if (!r) throw notFound();
  const row = (await q.listReserves(db, r.village_code, 2000)).find((x) => Number(x.id) === id);
  if (!row) throw notFound();
  const trainings = await q.trainings(db, r.county_code, id);
  return {
    ...itemOf(row),
    trainings: trainings.map((t) => ({
      id: Number(t.id),
      trainedOn: t.trained_on,
      course: t.course,
      hours: Number(t.hours),
      organiser: t.organiser,
    })),
  };
}

export async function createReserve(db: Db, keys: PiiKeys, actor: Actor, input: z.infer<typeof ReserveInput>) {
  return db.transaction().execute(async (tx) => {
    if (!isWithin(input.villageCode, actor.scope)) throw notFound();
    const village = await findRegion(tx, input.villageCode);
    if (village?.code.length !== 12) throw notFound();
    const county = village.code.slice(0, 6);
    const personId = await personByIdNumber(tx, keys, county, input.name, input.idNumber);
    const id = await q.insertReserve(tx, {
      county_code: county,
      village_code: village.code,
      person_id: personId,
      since: input.since,
      source: input.source || null,
      education: input.education || null,
    });
    if (id === null) throw new AppError('PARTY_RESERVE_EXISTS', 409, {}, [{ path: 'idNumber', code: 'PARTY_RESERVE_EXISTS' }]);
    await audit.record(tx, actor, {
      scopeCode: village.code,
      entity: 'party_reserve_cadre',
      entityId: id,
      action: 'create',
      after: {
        name: input.name,
        idNumber: input.idNumber,
        since: input.since,
        source: input.source ?? null,
        education: input.education ?? null,
      },
    });
    return { id };
  });
}

export async function addTraining(db: Db, actor: Actor, id: number, input: z.infer<typeof TrainingInput>) {
  return db.transaction().execute(async (tx) => {
    const r = await q.reserveById(tx, id);
    if (!r) throw notFound();
    if (r.left_on) throw new AppError('PARTY_RESERVE_LEFT', 409);
    const tid = await q.insertTraining(tx, {
      county_code: r.county_code,
      reserve_id: id,
      trained_on: input.trainedOn,
      course: input.course,
      hours: Math.round(input.hours * 10) / 10,
      organiser: input.organiser || null,
    });
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'party_reserve_cadre',
      entityId: id,
      action: 'training',
      after: { trainedOn: input.trainedOn, course: input.course, hours: input.hours, organiser: input.organiser ?? null },
    });
    return { id: tid };
  });
}

/** A reserve cadre leaves the pool on a day, with the reason: the row and its trainings stay. */
export async function leaveReserve(db: Db, actor: Actor, id: number, input: z.infer<typeof ReserveLeaveInput>) {
  if (input.leftOn > thisDay()) throw new AppError('PARTY_DAY_FUTURE', 400, {}, [{ path: 'leftOn', code: 'PARTY_DAY_FUTURE' }]);
  return db.transaction().execute(async (tx) => {
    const r = await q.reserveById(tx, id);
    if (!r) throw notFound();
    const locked = await q.lockReserve(tx, r.county_code, id);
    if (!locked) throw notFound();
    if (locked.left_on) throw new AppError('PARTY_RESERVE_ALREADY_LEFT', 409, { leftOn: locked.left_on });
    if (input.leftOn < locked.since)
      throw new AppError('PARTY_RESERVE_LEFT_BEFORE', 400, { since: locked.since }, [
        { path: 'leftOn', code: 'PARTY_RESERVE_LEFT_BEFORE' },
      ]);
    await q.endReserve(tx, r.county_code, id, { left_on: input.leftOn, left_reason: input.reason, left_note: input.note || null });
    await audit.record(tx, actor, {
      scopeCode: r.village_code,
      entity: 'party_reserve_cadre',
      entityId: id,
      action: 'leave',
      after: { leftOn: input.leftOn, reason: input.reason, note: input.note ?? null },
    });
    return { id };
  });
}
