import type { z } from 'zod';
import type { Db, Tx } from '../../db/types.ts';
import { addDays, daysBetween, thisDay } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { type Lang, pickLabel } from '../../server/i18n.ts';
import { isWithin } from '../../server/scope.ts';
import * as audit from '../audit/service.ts';
import * as helperQueries from '../helpers/queries.ts';
import { encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../pii/crypto.ts';
import { availableSteps, caseView, loadCase, openCase, type ProcedureActor, takeStep } from '../procedures/service.ts';
import { findRegion } from '../regions/queries.ts';
import { ID_PROBLEM_MESSAGES, normaliseIdNumber, parseIdNumber } from '../registry/idcard.ts';
import { idTailHash, nameSearchKeys } from '../registry/search/keys.ts';
import { getSetting } from '../settings.ts';
import * as attendanceViews from './attendance/view.queries.ts';
import { parseCursor } from './cursor.ts';
import { leaveItem } from './leave.ts';
import { POSTING } from './procedures.ts';
import * as q from './queries.ts';
import type { CadreInput, END_REASONS, POSTING_STATES, PostingInput, PostingQuery, StepInput, UnitInput } from './schema.ts';

export const ROLE_LABELS = {
  first_secretary: { zh: '第一书记', en: 'First secretary' },
  team_leader: { zh: '工作队队长', en: 'Team leader' },
  team_member: { zh: '工作队员', en: 'Team member' },
} as const;
export const LEVEL_LENGTH = { province: 2, city: 4, county: 6, township: 9 } as const;
const LEVEL_LABELS = { province: '省级', city: '市级', county: '县级', township: '乡镇级' } as const;

const pick = pickLabel;

// ---------------------------------------------------------------- units

export async function listUnits(db: Db, scope: string) {
  const rows = await q.listUnits(db, scope);
  return { items: rows.map(unitView) };
}

const unitView = (u: q.UnitRow) => ({
  id: Number(u.id),
  name: u.name,
  level: u.level,
  regionCode: u.region_code,
  regionName: u.region_name,
});

/** A dispatching unit of a region inside the writer's scope (a county adds its own and its townships' units). */
export async function createUnit(db: Db, actor: audit.Actor, input: z.infer<typeof UnitInput>) {
  if (input.regionCode.length !== LEVEL_LENGTH[input.level]) {
    throw new AppError('CADRE_UNIT_LEVEL', 400, { level: LEVEL_LABELS[input.level], length: LEVEL_LENGTH[input.level] }, [
      { path: 'regionCode', code: 'CADRE_UNIT_LEVEL' },
    ]);
  }
  return db.transaction().execute(async (tx) => {
    const made = await q.insertUnit(tx, { name: input.name, level: input.level, region_code: input.regionCode });
    if (!made) throw new AppError('CADRE_UNIT_EXISTS', 409, { name: input.name }, [{ path: 'name', code: 'CADRE_UNIT_EXISTS' }]);
    await audit.record(tx, actor, {
      scopeCode: input.regionCode,
      entity: 'dispatch_unit',
      entityId: made.id,
      action: 'create',
      after: input,
    });
    return { id: Number(made.id) };
  });
}

/** A unit the writer may use: one of their scope's units, or of a region above it. */
async function usableUnit(tx: Tx, scope: string, id: number) {
  const u = await q.unitById(tx, id);
  if (!u || !(isWithin(u.region_code, scope) || isWithin(scope, u.region_code))) {
    throw new AppError('CADRE_UNIT_UNKNOWN', 400, {}, [{ path: 'unitId', code: 'CADRE_UNIT_UNKNOWN' }]);
  }
  return u;
}

// ---------------------------------------------------------------- cadres and postings

/**
 * The person behind a cadre form: found by the ID number's keyed hash (one human, one row), or created in the county.
 * A person of another county, or of this county under another name, is refused without saying more than that.
 */
async function personFor(tx: Tx, keys: PiiKeys, county: string, c: z.infer<typeof CadreInput>): Promise<number> {
  const id = normaliseIdNumber(c.idNumber);
  if (!id.ok) {
    const [zh, en] = ID_PROBLEM_MESSAGES[id.code];
    throw new AppError('CADRE_BAD_ID', 400, { problem: zh, problemEn: en }, [{ path: 'cadre.idNumber', code: id.code }]);
  }
  const info = parseIdNumber(id.value);
  if (!info) throw new AppError('CADRE_BAD_ID', 400, { problem: '', problemEn: '' }, [{ path: 'cadre.idNumber', code: 'BAD_BIRTH_DATE' }]);
  const phone = c.phone?.replace(/[\s-]/g, '') || null;
  if (phone && !/^(1\d{10}|0\d{9,11})$/.test(phone))
    throw new AppError('CADRE_BAD_PHONE', 400, {}, [{ path: 'cadre.phone', code: 'BAD_PHONE' }]);
  const sealedPhone = phone ? { cipher: encrypt(keys, phone), masked: maskPhone(phone), hash: lookupHash(keys, phone) } : null;
  const hash = lookupHash(keys, id.value);
  await q.lockIdentity(tx, hash);
  const known = await q.identityOf(tx, hash);
  if (known && known.county_code !== county)
    throw new AppError('CADRE_PERSON_OTHER_COUNTY', 409, {}, [{ path: 'cadre.idNumber', code: 'OTHER_COUNTY' }]);
  if (known) {
    const name = await q.personName(tx, county, Number(known.person_id));
    if (name !== c.name)
      throw new AppError('CADRE_NAME_MISMATCH', 409, { name: name ?? '' }, [{ path: 'cadre.name', code: 'NAME_MISMATCH' }]);
    if (sealedPhone) await q.setPhone(tx, county, Number(known.person_id), sealedPhone);
    return Number(known.person_id);
  }
  const search = nameSearchKeys(c.name);
  return q.insertPerson(tx, {
    county_code: county,
    id_hash: hash,
    id_cipher: encrypt(keys, id.value),
    id_masked: maskId(id.value),
    id_tail_hash: idTailHash(keys, id.value),
    name: c.name,
    name_pinyin: search.pinyin,
    name_initials: search.initials,
    gender: info.gender,
    birth_date: info.birthDate,
    phone_cipher: sealedPhone?.cipher ?? null,
    phone_masked: sealedPhone?.masked ?? null,
    phone_hash: sealedPhone?.hash ?? null,
  });
}

/**
 * Proposes a posting (拟派): the cadre's person and profile, the posting, and its case in the posting procedure, in one
 * transaction. One village at a time: a person with a posting proposed or in post is refused.
 */
export async function createPosting(db: Db, keys: PiiKeys, actor: ProcedureActor, input: z.infer<typeof PostingInput>) {
  const village = input.villageCode;
  if (village.length !== 12)
    throw new AppError('CADRE_NOT_A_VILLAGE', 400, { code: village }, [{ path: 'villageCode', code: 'NOT_A_VILLAGE' }]);
  const county = village.slice(0, 6);
  return db.transaction().execute(async (tx) => {
    if (!(await findRegion(tx, village)))
      throw new AppError('CADRE_NOT_A_VILLAGE', 400, { code: village }, [{ path: 'villageCode', code: 'NOT_A_VILLAGE' }]);
    const unit = await usableUnit(tx, actor.scope, input.cadre.unitId);
    const minTenure = Number(await getSetting(tx, 'cadres.min_tenure_days', 730, { scopeCode: village }));
    const planned = input.plannedEndDate ?? addDays(input.startDate, minTenure);
    if (planned <= input.startDate) throw new AppError('CADRE_DATES', 400, {}, [{ path: 'plannedEndDate', code: 'CADRE_DATES' }]);
    const personId = await personFor(tx, keys, county, input.cadre);
    const cadreId = await q.upsertCadre(tx, {
      county_code: county,
      person_id: personId,
      unit_id: unit.id,
      post: input.cadre.post,
      rank: input.cadre.rank?.trim() || null,
      party_member: input.cadre.partyMember,
    });
    const open = await q.openPostingsOf(tx, county, cadreId);
    const other = open[0];
    if (other) {
      const s = POSTING.states[other.state]?.label ?? { zh: other.state, en: other.state };
      throw new AppError('CADRE_ALREADY_POSTED', 409, { village: other.village_name, state: s.zh, stateEn: s.en });
    }
    if (input.replacesId !== undefined) {
      const old = await q.postingById(tx, input.replacesId);
      if (!old || old.village_code !== village || old.end_kind !== 'replaced') {
        throw new AppError('CADRE_REPLACES', 400, {}, [{ path: 'replacesId', code: 'CADRE_REPLACES' }]);
      }
    }
    const id = await q.insertPosting(tx, {
      county_code: county,
      cadre_id: cadreId,
      village_code: village,
      role: input.role,
      unit_id: unit.id,
      start_date: input.startDate,
      planned_end_date: planned,
      replaces_id: input.replacesId ?? null,
    });
    await openCase(tx, POSTING, { county, subjectId: id, region: village, actor, note: input.note, effectiveDate: input.startDate });
    await audit.record(tx, actor, {
      scopeCode: village,
      entity: 'cadre_posting',
      entityId: id,
      action: 'create',
      after: {
        name: input.cadre.name,
        idNumber: input.cadre.idNumber,
        phone: input.cadre.phone,
        villageCode: village,
        role: input.role,
        unit: unit.name,
        startDate: input.startDate,
        plannedEndDate: planned,
      },
    });
    return { id };
  });
}

/**
 * One step of a posting's procedure with what it does to the posting: confirm dates it in post; finish, rotate and
 * replace end it (the last day, the reason) and stop its logins; withdraw ends a proposal.
 */
export async function postingStep(db: Db, actor: ProcedureActor, id: number, input: z.infer<typeof StepInput>) {
  return db.transaction().execute(async (tx) => {
    const p = await q.postingById(tx, id);
    if (!p) throw notFound();
    const today = thisDay();
    const ref = { county: p.county_code, id: Number(p.case_id) };
    const base = { actor, version: input.version, reason: input.reason, note: input.note };
    if (input.action === 'confirm') {
      const day = input.date ?? p.start_date;
      await takeStep(tx, POSTING, ref, 'confirm', { ...base, effectiveDate: day });
      await q.confirmPosting(tx, p.county_code, id, day);
      return { id };
    }
    if (!['finish', 'rotate', 'replace', 'withdraw'].includes(input.action)) {
      throw new AppError('CADRE_STEP_UNKNOWN', 400, { action: input.action });
    }
    const last = input.action === 'withdraw' ? p.start_date : (input.date ?? today);
    if (last < p.start_date || last > (input.action === 'withdraw' ? last : today)) {
      throw new AppError('CADRE_END_DATE', 400, { start: p.start_date }, [{ path: 'date', code: 'CADRE_END_DATE' }]);
    }
    if (input.action === 'replace' && !input.reasonCode)
      throw new AppError('CADRE_REASON_CODE', 400, {}, [{ path: 'reasonCode', code: 'required' }]);
    await takeStep(tx, POSTING, ref, input.action, {
      ...base,
      effectiveDate: last,
      facts: { tenureDays: daysBetween(p.start_date, last) },
    });
    const kind = { finish: 'finished', rotate: 'rotated', replace: 'replaced', withdraw: 'withdrawn' }[input.action] as string;
    await q.endPosting(tx, p.county_code, id, {
      end_date: last,
      end_kind: kind,
      end_reason_code: input.action === 'replace' ? (input.reasonCode ?? null) : null,
      end_reason: input.reason?.trim() || null,
    });
    const stopped = await q.disablePostingUsers(tx, p.county_code, id);
    for (const userId of stopped) {
      await audit.record(tx, actor, {
        scopeCode: p.village_code,
        entity: 'user',
        entityId: userId,
        action: 'disable',
        after: { disabled: true, postingEnded: id },
      });
    }
    return { id };
  });
}

export function postingItem(p: q.PostingRow, lang: Lang) {
  const s = POSTING.states[p.state]?.label ?? { zh: p.state, en: p.state };
  return {
    id: Number(p.id),
    name: p.name,
    idMasked: p.id_masked,
    gender: p.gender,
    birthYear: Number(p.birth_year),
    phoneMasked: p.phone_masked,
    partyMember: p.party_member,
    post: p.post,
    unit: { id: Number(p.unit_id), name: p.unit_name, level: p.unit_level },
    role: p.role,
    roleLabel: pick(ROLE_LABELS[p.role], lang),
    village: { code: p.village_code, name: p.village_name, township: p.township_name },
    startDate: p.start_date,
    plannedEndDate: p.planned_end_date,
    endDate: p.end_date,
    state: p.state as (typeof POSTING_STATES)[number],
    stateLabel: pick(s, lang),
    dueDate: p.due_date,
    overdue: p.due_date !== null && p.due_date < thisDay() && !POSTING.states[p.state]?.terminal,
  };
}

export async function postingDetail(db: Db, actor: ProcedureActor, id: number, lang: Lang) {
  const p = await q.postingById(db, id);
  if (!p) throw notFound();
  const c = await loadCase(db, p.county_code, Number(p.case_id));
  const tenureDays = daysBetween(p.start_date, thisDay());
  return {
    ...postingItem(p, lang),
    rank: p.rank,
    endKind: p.end_kind,
    endReasonCode: (p.end_reason_code ?? null) as (typeof END_REASONS)[number] | null,
    endReason: p.end_reason,
    replacesId: p.replaces_id === null ? null : Number(p.replaces_id),
    case: { ...(await caseView(db, POSTING, c)), steps: await availableSteps(db, POSTING, c, actor, { tenureDays }) },
    leave: (await q.leavesOfPosting(db, p.county_code, id)).map((l) => leaveItem(l, lang)),
    helper: await helperOfCadre(db, p.county_code, Number(p.person_id)),
    // Flags the county confirmed as grounds for replacing this cadre (撤换), shown beside the replacement step.
    replacementGrounds: (await attendanceViews.replacementGrounds(db, p.county_code, id)).map((f) => ({
      flagId: Number(f.id),
      month: f.month,
      code: f.code,
      reason: lang === 'en' ? f.reason_en : f.reason_zh,
      decidedBy: f.decided_by_name,
      note: f.note,
    })),
  };
}

/** The cadre as a helper (帮扶责任人) of households, when they are one: the same person, one record. */
async function helperOfCadre(db: Db, county: string, personId: number) {
  const found = await helperQueries.helperOfPerson(db, county, personId);
  const h = found ? await helperQueries.helperById(db, Number(found.id)) : undefined;
  return h ? { id: Number(h.id), households: Number(h.households) } : null;
}

/** Postings of a region with filters; the search box takes a name (Chinese) or its pinyin / initials. */
export async function listPostings(db: Db, region: string, query: z.infer<typeof PostingQuery>, lang: Lang) {
  const text = query.q?.trim();
  const latin = text && /^[a-z]+$/i.test(text) ? text.toLowerCase() : undefined;
  const after = query.cursor ? parseCursor(query.cursor) : null;
  const rows = await q.listPostings(
    db,
    { region, state: query.state, role: query.role, name: latin ? undefined : text || undefined, pinyin: latin },
    after,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((p) => postingItem(p, lang)),
    nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null,
  };
}
