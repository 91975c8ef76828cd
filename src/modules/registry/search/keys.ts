import { pinyin } from 'pinyin-pro';
import { lookupHash, type PiiKeys } from '../../pii/crypto.ts';

/**
 * What a person is found by besides the name itself: the full pinyin (吴自然 → wuziran) and its initials (wzr), read
 * as a name (the first character as a surname: 曾 → zeng, 单 → shan) with ü written v (吕 → lv), as people type it.
 * Kept per name: a register repeats names, and pinyin-pro is the slowest step of checking a row.
 */
const memo = new Map<string, { pinyin: string; initials: string }>();
export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  let v = memo.get(name);
  if (v === undefined) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true });
    v = {
      pinyin: syllables
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
      initials: syllables
        .map((s) => s.charAt(0))
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
    };
    if (memo.size > 200_000) memo.clear();
    memo.set(name, v);
  }
  return v;
}

/** The keyed hash of an ID number's last four characters (a partial ID search compares hashes, never decrypts). */
export function idTailHash(keys: PiiKeys, idNumber: string): string {
  return lookupHash(keys, `tail4:${idNumber.slice(-4).toUpperCase()}`);
}
