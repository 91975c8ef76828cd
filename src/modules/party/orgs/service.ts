import type { z } from 'zod';
import type { Db, Tx } from '../../../db/types.ts';
import { addDays, thisDay } from '../../../server/clock.ts';
import { AppError, notFound } from '../../../server/errors.ts';
import type * as audit from '../../audit/service.ts';
import { record } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { personByIdNumber } from '../persons.ts';
import * as q from './queries.ts';
import type { AppointInput, DissolveInput, OrgEdit, OrgInput, OrgQuery } from './schema.ts';

export type Actor = audit.Actor & { scope: string };

export const itemOfOrg = (o: q.OrgRow) => ({
  id: Number(o.id),
  countyCode: o.county_code,
  regionCode: o.region_code,
  regionName: o.region_name,
  parentName: o.parent_name,
  name: o.name,
  kind: o.kind as 'branch' | 'general_branch' | 'committee',
  establishedOn: o.established_on,
  dissolvedOn: o.dissolved_on,
  members: Number(o.members),
  wealthLeaders: Number(o.wealth_leaders),
  secretary:
    o.secretary_name && o.secretary_since
      ? { name: o.secretary_name, oneShoulder: Boolean(o.one_shoulder), since: o.secretary_since }
      : null,
  state: o.weak ? ('weak' as const) : ('normal' as const),
  version: o.updated_at,
});

/** Keyset cursor of the organisation list: the last row's region code and id (`211381109201-42`). */
export function parseOrgCursor(cursor: string) {
  const m = /^(\d{2,12})-(\d{1,15})$/.exec(cursor);
  if (!m) throw new AppError('VALIDATION_FAILED', 400, { summary: 'cursor' }, [{ path: 'cursor', code: 'invalid' }]);
  return { region: m[1] as string, id: Number(m[2]) };
}

export async function listOrgs(db: Db, region: string, query: z.infer<typeof OrgQuery>) {
  const after = query.cursor ? parseOrgCursor(query.cursor) : null;
  const rows = await q.listOrgs(
    db,
    { region: query.region ?? region, kind: query.kind, state: query.state, dissolved: query.dissolved === 'true' },
    after,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(itemOfOrg), nextCursor: rows.length > query.limit && last ? `${last.region_code}-${last.id}` : null };
}

export async function orgDetail(db: Db | Tx, id: number) {
  const o = await q.orgById(db, id);
  if (!o) throw notFound();
  return detailOfOrg(db, o);
}

/** The detail of an organisation already read (the village page reads it by village, not by id). */
export async function detailOfOrg(db: Db | Tx, o: q.OrgRow) {
  const id = Number(o.id);
  const terms = await q.secretaryTerms(db, o.county_code, id);
  return {
    ...itemOfOrg(o),
    secretaries: terms.map((t) => ({
      id: Number(t.id),
      personId: Number(t.person_id),
      name: t.name,
      idMasked: t.id_masked,
      gender: t.gender,
      birthYear: Number(t.birth_year),
      oneShoulder: t.one_shoulder,
      startDate: t.start_date,
      endDate: t.end_date,
      endReason: t.end_reason as 'term_end' | null,
      endNote: t.end_note,
    })),
  };
}

const badDate = (field: string, rule: string, ruleEn: string) =>
  new AppError('PARTY_BAD_DATE', 400, { rule, ruleEn }, [{ path: field, code: 'BAD_DATE' }]);

function notFuture(day: string | null | undefined, field: string) {
  if (day && day > thisDay()) throw badDate(field, '不能晚于今天', 'it cannot be after today');
}

/** Creates a village's (or township's) organisation: one at a time per place. */
export async function createOrg(db: Db, actor: Actor, input: z.infer<typeof OrgInput>) {
  notFuture(input.establishedOn, 'establishedOn');
  return db.transaction().execute(async (tx) => {
    const region = await q.regionOf(tx, input.regionCode);
    if (!region || (region.level !== 4 && region.level !== 5))
      throw new AppError('PARTY_ORG_REGION', 400, {}, [{ path: 'regionCode', code: 'PARTY_ORG_REGION' }]);
    const county = input.regionCode.slice(0, 6);
    const existing = await q.currentOrgOf(tx, county, input.regionCode);
    if (existing)
      throw new AppError('PARTY_ORG_EXISTS', 409, { name: existing.name, id: Number(existing.id) }, [
        { path: 'regionCode', code: 'EXISTS' },
      ]);
    const values = { name: input.name, kind: input.kind, established_on: input.establishedOn ?? null };
    const id = await q.insertOrg(tx, county, input.regionCode, values);
    await record(tx, actor, { scopeCode: input.regionCode, entity: 'party_org', entityId: id, action: 'create', after: values });
    return { id };
  });
}

/** Locks the organisation and checks the version the writer read: a change meanwhile answers 409. */
async function lockedOrg(tx: Tx, id: number, version: string) {
  const o = await q.orgById(tx, id);
  if (!o) throw notFound();
  const locked = await q.lockOrg(tx, o.county_code, id);
  if (!locked) throw notFound();
  if (locked.dissolved_on) throw new AppError('PARTY_ORG_DISSOLVED', 409, { date: locked.dissolved_on });
  if (locked.updated_at !== version) throw new AppError('PARTY_CHANGED', 409);
  return o;
}

export async function updateOrg(db: Db, actor: Actor, id: number, input: z.infer<typeof OrgEdit>) {
  notFuture(input.establishedOn, 'establishedOn');
  return db.transaction().execute(async (tx) => {
    const o = await lockedOrg(tx, id, input.version);
    const values = {
      name: input.name,
      kind: input.kind,
      established_on: input.establishedOn === undefined ? o.established_on : input.establishedOn,
    };
    await q.updateOrg(tx, o.county_code, id, values);
    await record(tx, actor, {
      scopeCode: o.region_code,
      entity: 'party_org',
      entityId: id,
      action: 'update',
      before: { name: o.name, kind: o.kind, established_on: o.established_on },
      after: values,
    });
    return { id };
  });
}

/** Dissolves an organisation on a date: its members must have moved out first; the secretary's term ends that day. */
export async function dissolveOrg(db: Db, actor: Actor, id: number, input: z.infer<typeof DissolveInput>) {
  notFuture(input.date, 'date');
  return db.transaction().execute(async (tx) => {
    const o = await lockedOrg(tx, id, input.version);
    if (o.established_on && input.date < o.established_on)
      throw badDate('date', '不能早于成立日期', 'it cannot be before the establishment');
    if (Number(o.members) > 0) throw new AppError('PARTY_ORG_HAS_MEMBERS', 409, { count: Number(o.members) });
    const term = await q.currentTerm(tx, o.county_code, id);
    if (term) {
      if (input.date < term.start_date) throw badDate('date', '不能早于现任书记任职日期', "it cannot be before the secretary's start");
      await q.endTerm(tx, o.county_code, Number(term.id), { date: input.date, reason: 'other', note: '党组织撤销' });
    }
    await q.dissolveOrg(tx, o.county_code, id, input.date);
    await record(tx, actor, {
      scopeCode: o.region_code,
      entity: 'party_org',
      entityId: id,
      action: 'dissolve',
      after: { dissolved_on: input.date },
    });
    return { id };
  });
}

/**
 * Appoints a secretary: the current term ends the day before with its reason, the new one starts; the person is the
 * county's person of that ID number, or a new one. One transaction, under the organisation's lock and version.
 */
export async function appointSecretary(db: Db, keys: PiiKeys, actor: Actor, id: number, input: z.infer<typeof AppointInput>) {
  notFuture(input.startDate, 'startDate');
  return db.transaction().execute(async (tx) => {
    const o = await lockedOrg(tx, id, input.version);
    const personId = await personByIdNumber(tx, keys, o.county_code, input.name, input.idNumber);
    const current = await q.currentTerm(tx, o.county_code, id);
    if (current) {
      if (Number(current.person_id) === personId) throw new AppError('PARTY_SECRETARY_SAME', 409, {}, [{ path: 'idNumber', code: 'SAME' }]);
      if (input.startDate <= current.start_date)
        throw badDate('startDate', '须晚于现任书记的任职日期', "it must be after the current secretary's start");
      await q.endTerm(tx, o.county_code, Number(current.id), {
        date: addDays(input.startDate, -1),
        reason: input.endReason,
        note: input.endNote || null,
      });
    }
    const termId = await q.insertTerm(tx, o.county_code, {
      org_id: id,
      person_id: personId,
      one_shoulder: input.oneShoulder,
      start_date: input.startDate,
    });
    await q.touchOrg(tx, o.county_code, id);
    await record(tx, actor, {
      scopeCode: o.region_code,
      entity: 'party_org',
      entityId: id,
      action: 'appoint_secretary',
      before: current ? { secretary: o.secretary_name, end_reason: input.endReason } : null,
      after: {
        secretary: input.name,
        idNumber: input.idNumber,
        one_shoulder: input.oneShoulder,
        start_date: input.startDate,
        term: termId,
      },
    });
    return { id: termId };
  });
}
