import type { Tx } from '../../../db/types.ts';
import { AppError } from '../../../server/errors.ts';
import * as people from '../../cadres/queries.ts';
import { helperNameKey } from '../../helpers/names.ts';
import { encrypt, lookupHash, maskId, type PiiKeys } from '../../pii/crypto.ts';
import { ID_PROBLEM_MESSAGES, normaliseIdNumber, parseIdNumber } from '../../registry/idcard.ts';
import { idTailHash, nameSearchKeys } from '../../registry/search/keys.ts';

/**
 * The county's person of an ID number (a secretary, a candidate), as the helpers and cadres find them: by the keyed
 * hash, created when new; another county's person or another name on record is refused (without naming the county).
 */
export async function personByIdNumber(tx: Tx, keys: PiiKeys, county: string, rawName: string, idNumber: string) {
  const name = helperNameKey(rawName);
  if (!name) throw new AppError('PARTY_CANDIDATE_BAD_NAME', 400, {}, [{ path: 'name', code: 'required' }]);
  const id = normaliseIdNumber(idNumber);
  if (!id.ok) {
    const [zh, en] = ID_PROBLEM_MESSAGES[id.code];
    throw new AppError('PARTY_CANDIDATE_BAD_ID', 400, { problem: zh, problemEn: en }, [{ path: 'idNumber', code: id.code }]);
  }
  const info = parseIdNumber(id.value);
  if (!info)
    throw new AppError('PARTY_CANDIDATE_BAD_ID', 400, { problem: '', problemEn: '' }, [{ path: 'idNumber', code: 'BAD_BIRTH_DATE' }]);
  const hash = lookupHash(keys, id.value);
  await people.lockIdentity(tx, hash);
  const known = await people.identityOf(tx, hash);
  if (known && known.county_code !== county)
    throw new AppError('PARTY_CANDIDATE_OTHER_COUNTY', 409, {}, [{ path: 'idNumber', code: 'OTHER_COUNTY' }]);
  if (known) {
    const onRecord = await people.personName(tx, county, Number(known.person_id));
    if (helperNameKey(onRecord ?? '') !== name)
      throw new AppError('PARTY_CANDIDATE_NAME_MISMATCH', 409, { name: onRecord ?? '' }, [{ path: 'name', code: 'NAME_MISMATCH' }]);
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
