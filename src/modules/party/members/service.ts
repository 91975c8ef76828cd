import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { addDays, thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import { isWithin } from '../../../server/scope.ts';
import { record } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import * as orgs from '../orgs/queries.ts';
import type { Actor } from '../orgs/service.ts';
import { personByIdNumber } from '../persons.ts';
import * as q from './queries.ts';
import type { EndPairingInput, LeaveInput, MemberEdit, MemberInput, MemberQuery, MoveInput, PairInput } from './schema.ts';

export const itemOfMember = (m: q.MemberRow) => ({
  id: Number(m.id),
  countyCode: m.county_code,
  orgId: Number(m.org_id),
  orgName: m.org_name,
  regionCode: m.region_code,
  regionName: m.region_name,
  personId: Number(m.person_id),
  name: m.name,
  idMasked: m.id_masked,
  gender: m.gender,
  birthYear: Number(m.birth_year),
  phoneMasked: m.phone_masked,
  joinedOn: m.joined_on,
  standing: m.standing as 'full' | 'probationary',
  post: m.post,
  duty: m.duty,
  wealthLeader: m.wealth_leader,
  wealthIndustry: m.wealth_industry,
  leftOn: m.left_on,
  leftReason: m.left_reason,
  leftNote: m.left_note,
  pairings: Number(m.pairings),
  version: m.updated_at,
});

export const itemOfPairing = (p: q.PairingRow) => ({
  id: Number(p.id),
  memberId: Number(p.member_id),
  memberName: p.member_name,
  wealthLeader: p.wealth_leader,
  wealthIndustry: p.wealth_industry,
  orgName: p.org_name,
  householdId: Number(p.household_id),
  householdNo: p.household_no,
  villageCode: p.village_code,
  villageName: p.village_name,
  headName: p.head_name,
  householdStatus: p.household_status,
  startDate: p.start_date,
  endDate: p.end_date,
});

/** Keyset cursor of the member list: county, organisation and id of the last row (`211381-7-42`). */
function parseMemberCursor(cursor: string) {
  const m = /^(\d{6})-(\d{1,15})-(\d{1,15})$/.exec(cursor);
  if (!m) throw new AppError('VALIDATION_FAILED', 400, { summary: 'cursor' }, [{ path: 'cursor', code: 'invalid' }]);
  return { county: m[1] as string, org: Number(m[2]), id: Number(m[3]) };
}

export async function listMembers(db: Db, region: string, query: z.infer<typeof MemberQuery>) {
  const after = query.cursor ? parseMemberCursor(query.cursor) : null;
  const filter = {
    region: query.region ?? region,
    orgId: query.org,
    wealth: query.wealth === 'true',
    left: query.left === 'true',
    name: query.q || undefined,
  };
  const rows = await q.listMembers(db, filter, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(itemOfMember),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.org_id}-${last.id}` : null,
  };
}

export async function memberDetail(db: Db, id: number) {
  const m = await q.memberById(db, id);
  if (!m) throw notFound();
  const households = await q.pairingsOfMember(db, m.county_code, id);
  return { ...itemOfMember(m), households: households.map(itemOfPairing) };
}

export async function householdPairings(db: Db, householdId: number) {
  const h = await q.householdOf(db, householdId);
  if (!h) throw notFound();
  return { items: (await q.pairingsOfHousehold(db, h.county_code, householdId)).map(itemOfPairing) };
}

const badDate = (field: string, rule: string, ruleEn: string) =>
  new AppError('PARTY_BAD_DATE', 400, { rule, ruleEn }, [{ path: field, code: 'BAD_DATE' }]);
const notFuture = (day: string, field: string) => {
  if (day > thisDay()) throw badDate(field, '不能晚于今天', 'it cannot be after today');
};

function postValues(input: { standing: string; post?: string; duty?: string; wealthLeader: boolean; wealthIndustry?: string }) {
  if (!input.wealthLeader && input.wealthIndustry)
    throw new AppError('PARTY_INDUSTRY_NEEDS_LEADER', 400, {}, [{ path: 'wealthIndustry', code: 'NEEDS_LEADER' }]);
  return {
    standing: input.standing,
    post: input.post || null,
    duty: input.duty || null,
    wealth_leader: input.wealthLeader,
    wealth_industry: input.wealthLeader ? input.wealthIndustry || null : null,
  };
}

/** An organisation the writer may put a member in: within their scope (else 404, as missing), not dissolved. */
async function writableOrg(tx: Tx, actor: Actor, orgId: number, field: string) {
  const o = await orgs.orgById(tx, orgId);
  if (!o || !isWithin(o.region_code, actor.scope)) throw new AppError('NOT_FOUND', 404, {}, [{ path: field, code: 'NOT_FOUND' }]);
  if (o.dissolved_on) throw new AppError('PARTY_ORG_DISSOLVED', 409, { date: o.dissolved_on });
  return o;
}

export async function addMember(db: Db, keys: PiiKeys, actor: Actor, input: z.infer<typeof MemberInput>) {
  notFuture(input.joinedOn, 'joinedOn');
  const values = postValues(input);
  return db.transaction().execute(async (tx) => {
    const o = await writableOrg(tx, actor, input.orgId, 'orgId');
    const personId = await personByIdNumber(tx, keys, o.county_code, input.name, input.idNumber);
    const current = await q.currentMembership(tx, o.county_code, personId);
    if (current)
      throw new AppError('PARTY_MEMBER_EXISTS', 409, { org: current.org_name, id: Number(current.id) }, [
        { path: 'idNumber', code: 'EXISTS' },
      ]);
    const id = await q.insertMember(tx, o.county_code, { ...values, org_id: input.orgId, person_id: personId, joined_on: input.joinedOn });
    await record(tx, actor, {
      scopeCode: o.region_code,
      entity: 'party_member',
      entityId: id,
      action: 'create',
      after: { name: input.name, idNumber: input.idNumber, org: o.name, joined_on: input.joinedOn, ...values },
    });
    return { id };
  });
}

/** The member under lock at the version the writer read; one who left cannot change. */
async function lockedMember(tx: Tx, id: number, version: string) {
  const m = await q.memberById(tx, id);
  if (!m) throw notFound();
  const locked = await q.lockMember(tx, m.county_code, id);
  if (!locked) throw notFound();
  if (locked.left_on) throw new AppError('PARTY_MEMBER_LEFT', 409, { date: locked.left_on });
  if (locked.updated_at !== version) throw new AppError('PARTY_CHANGED', 409);
  return m;
}

/** 设岗定责 and the wealth leader's industry. */
export async function updateMember(db: Db, actor: Actor, id: number, input: z.infer<typeof MemberEdit>) {
  const values = postValues(input);
  return db.transaction().execute(async (tx) => {
    const m = await lockedMember(tx, id, input.version);
    await q.updateMember(tx, m.county_code, id, values);
    await record(tx, actor, {
      scopeCode: m.region_code,
      entity: 'party_member',
      entityId: id,
      action: 'update',
      before: { standing: m.standing, post: m.post, duty: m.duty, wealth_leader: m.wealth_leader, wealth_industry: m.wealth_industry },
      after: values,
    });
    return { id };
  });
}

function checkEnd(m: q.MemberRow, date: string) {
  notFuture(date, 'date');
  if (date < m.joined_on) throw badDate('date', '不能早于入党日期', 'it cannot be before the member joined');
}

/** A member leaves (dated, never deleted); their pairings end that day. */
export async function leaveMember(db: Db, actor: Actor, id: number, input: z.infer<typeof LeaveInput>) {
  return db.transaction().execute(async (tx) => {
    const m = await lockedMember(tx, id, input.version);
    checkEnd(m, input.date);
    await q.endMember(tx, m.county_code, id, { date: input.date, reason: input.reason, note: input.note || null });
    await q.endPairingsOfMember(tx, m.county_code, id, input.date);
    await record(tx, actor, {
      scopeCode: m.region_code,
      entity: 'party_member',
      entityId: id,
      action: 'leave',
      after: { left_on: input.date, left_reason: input.reason, left_note: input.note ?? null },
    });
    return { id };
  });
}

/**
 * A move to another organisation of the county: the row ends that day (moved) and a new one opens the day after in
 * the target, with the same post, standing and pairings. One transaction; a target out of the writer's reach is 404.
 */
export async function moveMember(db: Db, actor: Actor, id: number, input: z.infer<typeof MoveInput>) {
  return db.transaction().execute(async (tx) => {
    const m = await lockedMember(tx, id, input.version);
    checkEnd(m, input.date);
    const target = await writableOrg(tx, actor, input.toOrgId, 'toOrgId');
    if (Number(target.id) === Number(m.org_id)) throw new AppError('PARTY_MOVE_SAME_ORG', 400, {}, [{ path: 'toOrgId', code: 'SAME' }]);
    if (target.county_code !== m.county_code)
      throw new AppError('PARTY_MOVE_OTHER_COUNTY', 409, {}, [{ path: 'toOrgId', code: 'OTHER_COUNTY' }]);
    await q.endMember(tx, m.county_code, id, { date: input.date, reason: 'moved', note: input.note || `转入${target.name}` });
    const newId = await q.insertMember(tx, m.county_code, {
      org_id: Number(target.id),
      person_id: Number(m.person_id),
      joined_on: m.joined_on,
      standing: m.standing,
      post: null,
      duty: null,
      wealth_leader: m.wealth_leader,
      wealth_industry: m.wealth_industry,
    });
    await q.movePairings(tx, m.county_code, id, newId, input.date);
    await record(tx, actor, {
      scopeCode: m.region_code,
      entity: 'party_member',
      entityId: id,
      action: 'move_out',
      after: { left_on: input.date, to: target.name, member: newId },
    });
    await record(tx, actor, {
      scopeCode: target.region_code,
      entity: 'party_member',
      entityId: newId,
      action: 'move_in',
      after: { from: m.org_name, since: addDays(input.date, 1), member: id },
    });
    return { id: newId };
  });
}

/** Pairs a member with a household of the register (党员结对帮扶): same county, inside the writer's region. */
export async function pairMember(db: Db, actor: Actor, memberId: number, input: z.infer<typeof PairInput>) {
  notFuture(input.startDate, 'startDate');
  return db.transaction().execute(async (tx) => {
    const m = await q.memberById(tx, memberId);
    if (!m) throw notFound();
    if (m.left_on) throw new AppError('PARTY_MEMBER_LEFT', 409, { date: m.left_on });
    const h = await q.householdOf(tx, input.householdId);
    if (!h || !isWithin(h.village_code, actor.scope))
      throw new AppError('NOT_FOUND', 404, {}, [{ path: 'householdId', code: 'NOT_FOUND' }]);
    if (h.county_code !== m.county_code)
      throw new AppError('PARTY_PAIRING_OTHER_COUNTY', 400, {}, [{ path: 'householdId', code: 'OTHER_COUNTY' }]);
    await q.lockMember(tx, m.county_code, memberId);
    if (await q.openPairing(tx, m.county_code, memberId, input.householdId))
      throw new AppError('PARTY_PAIRING_EXISTS', 409, {}, [{ path: 'householdId', code: 'EXISTS' }]);
    const id = await q.insertPairing(tx, m.county_code, {
      member_id: memberId,
      household_id: input.householdId,
      start_date: input.startDate,
    });
    await record(tx, actor, {
      scopeCode: h.village_code,
      entity: 'household',
      entityId: input.householdId,
      action: 'party_pair',
      after: { member: m.name, memberId, startDate: input.startDate },
    });
    return { id };
  });
}

export async function endPairing(db: Db, actor: Actor, id: number, input: z.infer<typeof EndPairingInput>) {
  notFuture(input.date, 'date');
  return db.transaction().execute(async (tx) => {
    const p = await q.pairingById(tx, id);
    if (!p) throw notFound();
    if (p.end_date) throw new AppError('PARTY_PAIRING_ENDED', 409, { date: p.end_date });
    if (input.date < p.start_date) throw badDate('date', '不能早于结对开始日期', 'it cannot be before the pairing started');
    await q.endPairing(tx, p.county_code, id, input.date);
    await record(tx, actor, {
      scopeCode: p.village_code,
      entity: 'household',
      entityId: Number(p.household_id),
      action: 'party_unpair',
      after: { member: p.member_name, endDate: input.date },
    });
    return { id };
  });
}
