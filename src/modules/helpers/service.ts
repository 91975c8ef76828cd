import type { z } from 'zod';
import type { Db, Tx } from '../../db/types.ts';
import { thisDay } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { isWithin } from '../../server/scope.ts';
import * as audit from '../audit/service.ts';
import { parseCursor } from '../cadres/cursor.ts';
import * as people from '../cadres/queries.ts';
import { decrypt, encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../pii/crypto.ts';
import { ID_PROBLEM_MESSAGES, normaliseIdNumber, parseIdNumber } from '../registry/idcard.ts';
import { listHelperResolutions } from '../registry/import/helpers.ts';
import { idTailHash, nameSearchKeys } from '../registry/search/keys.ts';
import { helperNameKey } from './names.ts';
import * as q from './queries.ts';
import type { AssignInput, HelperInput, HelperQuery, ResolutionQuery } from './schema.ts';

type Actor = audit.Actor & { scope: string };

const itemOf = (h: q.HelperRow) => ({
  id: Number(h.id),
  countyCode: h.county_code,
  name: h.name,
  workUnit: h.work_unit,
  phoneMasked: h.phone_masked,
  idMasked: h.id_masked,
  households: Number(h.households),
  cadrePostingId: h.cadre_posting_id === null ? null : Number(h.cadre_posting_id),
});

/** Helpers of a region; below a county, the county's (every user of the county picks among the same helpers). */
export async function listHelpers(db: Db, region: string, query: z.infer<typeof HelperQuery>) {
  const after = query.cursor ? parseCursor(query.cursor) : null;
  const name = helperNameKey(query.q) ?? undefined;
  const rows = await q.listHelpers(db, { region, name }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(itemOf), nextCursor: rows.length > query.limit && last ? `${last.county_code}-${last.id}` : null };
}

export async function helperDetail(db: Db, id: number) {
  const h = await q.helperById(db, id);
  if (!h) throw notFound();
  const pairings = await q.helperPairings(db, h.county_code, id, 1000);
  return {
    ...itemOf(h),
    pairings: pairings.map((p) => ({
      pairingId: Number(p.pairing_id),
      householdId: Number(p.household_id),
      householdNo: p.household_no,
      villageCode: p.village_code,
      villageName: p.village_name,
      headName: p.head_name,
      status: p.status,
      startDate: p.start_date,
      endDate: p.end_date,
    })),
  };
}

function sealPhone(keys: PiiKeys, raw: string | undefined) {
  const phone = raw?.replace(/[\s-]/g, '') || null;
  if (!phone) return null;
  if (!/^(1\d{10}|0\d{9,11})$/.test(phone)) throw new AppError('HELPER_BAD_PHONE', 400, {}, [{ path: 'phone', code: 'BAD_PHONE' }]);
  return { cipher: encrypt(keys, phone), masked: maskPhone(phone), hash: lookupHash(keys, phone) };
}

/**
 * The person behind a helper with an ID number: found by the keyed hash (a cadre or a household member of the county
 * is the same row), or created in the county. Another county's person, or this county's under another name, is refused.
 */
async function personFor(tx: Tx, keys: PiiKeys, county: string, name: string, idNumber: string) {
  const id = normaliseIdNumber(idNumber);
  if (!id.ok) {
    const [zh, en] = ID_PROBLEM_MESSAGES[id.code];
    throw new AppError('HELPER_BAD_ID', 400, { problem: zh, problemEn: en }, [{ path: 'idNumber', code: id.code }]);
  }
  const info = parseIdNumber(id.value);
  if (!info) throw new AppError('HELPER_BAD_ID', 400, { problem: '', problemEn: '' }, [{ path: 'idNumber', code: 'BAD_BIRTH_DATE' }]);
  const hash = lookupHash(keys, id.value);
  await people.lockIdentity(tx, hash);
  const known = await people.identityOf(tx, hash);
  if (known && known.county_code !== county)
    throw new AppError('HELPER_PERSON_OTHER_COUNTY', 409, {}, [{ path: 'idNumber', code: 'OTHER_COUNTY' }]);
  if (known) {
    const onRecord = await people.personName(tx, county, Number(known.person_id));
    if (helperNameKey(onRecord) !== name)
      throw new AppError('HELPER_NAME_MISMATCH', 409, { name: onRecord ?? '' }, [{ path: 'name', code: 'NAME_MISMATCH' }]);
    return Number(known.person_id);
  }
  const search = nameSearchKeys(name);
  return people.insertPerson(tx, {
    county_code: county,
    id_hash: hash,
    id_cipher: encrypt(keys, id.value),
    id_masked: maskId(id.value),
    id_tail_hash: idTailHash(keys, id.value),
    name,
    name_pinyin: search.pinyin,
    name_initials: search.initials,
    gender: info.gender,
    birth_date: info.birthDate,
    phone_cipher: null,
    phone_masked: null,
    phone_hash: null,
  });
}

function nameOf(input: { name: string }) {
  const name = helperNameKey(input.name);
  if (!name) throw new AppError('HELPER_BAD_NAME', 400, {}, [{ path: 'name', code: 'HELPER_BAD_NAME' }]);
  return name;
}

/** The county a new helper belongs to: the one named, or the writer's own when they are a county's user. */
function countyFor(actor: Actor, input: z.infer<typeof HelperInput>) {
  const county = input.countyCode ?? (actor.scope.length === 6 ? actor.scope : '');
  if (county.length !== 6) throw new AppError('HELPER_COUNTY', 400, {}, [{ path: 'countyCode', code: 'HELPER_COUNTY' }]);
  return county;
}

export async function createHelper(db: Db, keys: PiiKeys, actor: Actor, input: z.infer<typeof HelperInput>) {
  const county = countyFor(actor, input);
  const name = nameOf(input);
  const phone = sealPhone(keys, input.phone);
  return db.transaction().execute(async (tx) => {
    let personId: number | null = null;
    if (input.idNumber) {
      personId = await personFor(tx, keys, county, name, input.idNumber);
      const other = await q.helperOfPerson(tx, county, personId);
      if (other) throw new AppError('HELPER_EXISTS', 409, { id: Number(other.id) }, [{ path: 'idNumber', code: 'HELPER_EXISTS' }]);
    } else {
      const same = await q.sameHelper(tx, county, name, phone?.hash ?? null, null);
      if (same) throw new AppError('HELPER_EXISTS', 409, { id: Number(same.id) }, [{ path: 'name', code: 'HELPER_EXISTS' }]);
    }
    const id = await q.insertHelper(tx, county, {
      person_id: personId,
      name,
      work_unit: input.workUnit?.trim() || null,
      phone_cipher: phone?.cipher ?? null,
      phone_masked: phone?.masked ?? null,
      phone_hash: phone?.hash ?? null,
    });
    await audit.record(tx, actor, {
      scopeCode: county,
      entity: 'helper',
      entityId: id,
      action: 'create',
      after: { name, idNumber: input.idNumber ?? null, workUnit: input.workUnit?.trim() || null, phone: input.phone || null },
    });
    return { id };
  });
}

export async function updateHelper(db: Db, keys: PiiKeys, actor: Actor, id: number, input: z.infer<typeof HelperInput>) {
  const name = nameOf(input);
  const phone = sealPhone(keys, input.phone);
  return db.transaction().execute(async (tx) => {
    const h = await q.helperById(tx, id);
    if (!h) throw notFound();
    await q.lockHelper(tx, h.county_code, id);
    let personId = h.person_id === null ? null : Number(h.person_id);
    if (input.idNumber) {
      const found = await personFor(tx, keys, h.county_code, name, input.idNumber);
      if (personId !== null && found !== personId)
        throw new AppError('HELPER_ID_FIXED', 409, {}, [{ path: 'idNumber', code: 'HELPER_ID_FIXED' }]);
      const other = await q.helperOfPerson(tx, h.county_code, found);
      if (other && Number(other.id) !== id)
        throw new AppError('HELPER_EXISTS', 409, { id: Number(other.id) }, [{ path: 'idNumber', code: 'HELPER_EXISTS' }]);
      personId = found;
    } else if (personId !== null) {
      const onRecord = await people.personName(tx, h.county_code, personId);
      if (helperNameKey(onRecord) !== name)
        throw new AppError('HELPER_NAME_MISMATCH', 409, { name: onRecord ?? '' }, [{ path: 'name', code: 'NAME_MISMATCH' }]);
    }
    const phoneHash = phone?.hash ?? h.phone_hash;
    if (personId === null) {
      const same = await q.sameHelper(tx, h.county_code, name, phoneHash, id);
      if (same) throw new AppError('HELPER_EXISTS', 409, { id: Number(same.id) }, [{ path: 'name', code: 'HELPER_EXISTS' }]);
    }
    const workUnit = input.workUnit === undefined ? h.work_unit : input.workUnit.trim() || null;
    await q.updateHelper(tx, h.county_code, id, {
      person_id: personId,
      name,
      work_unit: workUnit,
      phone_cipher: phone?.cipher ?? h.phone_cipher,
      phone_masked: phone?.masked ?? h.phone_masked,
      phone_hash: phoneHash,
    });
    await audit.record(tx, actor, {
      scopeCode: h.county_code,
      entity: 'helper',
      entityId: id,
      action: 'update',
      before: { name: h.name, idNumber: h.id_masked, workUnit: h.work_unit, phone: h.phone_masked },
      after: { name, idNumber: input.idNumber ?? h.id_masked, workUnit, phone: phone?.masked ?? h.phone_masked },
    });
    return { id };
  });
}

/**
 * 指定帮扶责任人: every selected household of the writer's region is paired with the helper from today, the previous
 * pairing ending today; households already helped by them stay as they are. All or nothing: a repeated id, an id
 * outside the region (or of no household: the two are not told apart) or a household of another county than the
 * helper's refuses the lot. One audit row per household changed.
 */
export async function assignHelper(db: Db, actor: Actor, input: z.infer<typeof AssignInput>) {
  const ids = input.householdIds;
  const distinct = new Set(ids);
  if (distinct.size !== ids.length) {
    throw new AppError('HELPER_DUPLICATE_HOUSEHOLDS', 400, { count: ids.length - distinct.size }, [
      { path: 'householdIds', code: 'DUPLICATE' },
    ]);
  }
  return db.transaction().execute(async (tx) => {
    const helper = await q.helperById(tx, input.helperId);
    if (!helper || !(isWithin(helper.county_code, actor.scope) || isWithin(actor.scope, helper.county_code))) throw notFound();
    const households = await q.householdsInRegion(tx, actor.scope, ids);
    if (households.length !== ids.length) {
      throw new AppError('HELPER_HOUSEHOLDS_OUT_OF_SCOPE', 404, { count: ids.length - households.length }, [
        { path: 'householdIds', code: 'OUT_OF_SCOPE' },
      ]);
    }
    const elsewhere = households.filter((h) => h.county_code !== helper.county_code).length;
    if (elsewhere > 0) {
      throw new AppError('HELPER_OTHER_COUNTY', 400, { helperCounty: helper.county_code, count: elsewhere }, [
        { path: 'householdIds', code: 'OTHER_COUNTY' },
      ]);
    }
    const locked = await q.lockHelper(tx, helper.county_code, input.helperId);
    if (!locked) throw notFound();
    const todo = households.filter((h) => h.current_helper_id === null || Number(h.current_helper_id) !== input.helperId);
    const today = thisDay();
    const todoIds = todo.map((h) => Number(h.id));
    if (todoIds.length) {
      await q.endPairings(tx, helper.county_code, todoIds, input.helperId, today);
      await q.insertPairings(tx, helper.county_code, todoIds, { id: input.helperId, name: locked.name }, today);
      await audit.recordMany(
        tx,
        actor,
        todo.map((h) => ({
          scopeCode: h.village_code,
          entity: 'household',
          entityId: Number(h.id),
          action: 'assign_helper',
          before: { helper: h.current_helper_name },
          after: { helper: locked.name, helperId: input.helperId, startDate: today },
        })),
      );
    }
    return {
      assigned: todo.length,
      replaced: todo.filter((h) => h.current_helper_id !== null).length,
      unchanged: households.length - todo.length,
    };
  });
}

/** A previewed import's resolution of its 帮扶责任人 column (registry/import/helpers.ts), a page of rows at a time. */
export async function importResolutions(db: Db, batchId: number, query: z.infer<typeof ResolutionQuery>) {
  const rows = await listHelperResolutions(db, batchId, query.resolution ?? null, query.after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      row: Number(r.row_number),
      householdNo: r.household_no,
      helperName: r.helper_name,
      resolution: r.resolution,
      helperId: r.helper_id === null ? null : Number(r.helper_id),
      candidates: Number(r.candidates),
    })),
    nextAfter: rows.length > query.limit ? Number(page.at(-1)?.row_number) : null,
  };
}

/**
 * The keyed hash of phones the migration copied from pairings (SQL has not the key): run at start-up, a batch at a
 * time; a phone that cannot be decrypted with this key is marked '-' so the walk does not meet it again.
 */
export async function backfillHelperPhones(db: Db, keys: PiiKeys): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await q.helpersWithoutPhoneHash(db, 2000);
    if (!rows.length) return done;
    await q.setPhoneHashes(
      db,
      rows.map((r) => {
        let hash = '-';
        try {
          hash = lookupHash(keys, decrypt(keys, r.phone_cipher));
        } catch {}
        return { county: r.county_code, id: Number(r.id), hash };
      }),
    );
    done += rows.length;
  }
}
