import { sql } from 'kysely';
import type { Db } from '../../../db/types.ts';
import { decrypt, type PiiKeys } from '../../pii/crypto.ts';
import { idTailHash, nameSearchKeys } from './keys.ts';

const BATCH = 5000;

/**
 * The tail's hash, or null when the number cannot be decrypted with this key (a database moved without its key
 * file): the names still become searchable and the start does not fail; a partial ID search just cannot find them.
 */
function tailOf(keys: PiiKeys, cipher: string): string | null {
  try {
    return idTailHash(keys, decrypt(keys, cipher));
  } catch {
    return null;
  }
}

/**
 * Computes the search keys (full pinyin, initials, the ID tail's hash) of persons written before migration 0012, a
 * batch at a time in key order. Pinyin needs pinyin-pro and the tail needs the key, so this runs in Node at start-up;
 * once done, the partial index it walks is empty and the check costs one probe. Returns the number of persons filled.
 */
export async function backfillPersonSearch(db: Db, keys: PiiKeys, log?: (msg: string) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = (
      await sql<{ county_code: string; id: number; name: string; id_cipher: string }>`
        SELECT county_code, id, name, id_cipher FROM person WHERE name_pinyin IS NULL ORDER BY county_code, id LIMIT ${BATCH}`.execute(db)
    ).rows;
    if (!rows.length) return done;
    const counties: string[] = [];
    const ids: number[] = [];
    const pinyins: string[] = [];
    const initials: string[] = [];
    const tails: (string | null)[] = [];
    for (const r of rows) {
      const k = nameSearchKeys(r.name);
      counties.push(r.county_code);
      ids.push(Number(r.id));
      pinyins.push(k.pinyin);
      initials.push(k.initials);
      tails.push(tailOf(keys, r.id_cipher));
    }
    await sql`
      UPDATE person p SET name_pinyin = u.pinyin, name_initials = u.initials, id_tail_hash = u.tail
      FROM unnest(${counties}::text[], ${ids}::bigint[], ${pinyins}::text[], ${initials}::text[], ${tails}::text[])
        AS u(county_code, id, pinyin, initials, tail)
      WHERE p.county_code = u.county_code AND p.id = u.id`.execute(db);
    done += rows.length;
    if (done % 100_000 < BATCH) log?.(`search keys computed for ${done.toLocaleString('en')} persons`);
  }
}
