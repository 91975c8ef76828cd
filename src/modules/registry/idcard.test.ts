import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  ID_PROBLEM_MESSAGES,
  type IdProblem,
  idProblemMessage,
  isValidIdNumber,
  normaliseIdNumber,
  parseIdNumber,
  toHalfWidth,
} from './idcard.ts';

/** Independent ISO 7064 MOD 11-2: weight_i = 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X. */
function expectedCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] ?? 0);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const make = (first17: string) => first17 + expectedCheck(first17);

const TODAY = new Date(Date.UTC(2025, 0, 1));
const norm = (raw: unknown) => normaliseIdNumber(raw, TODAY);
const fails = (raw: unknown, code: IdProblem) => expect(norm(raw)).toEqual({ ok: false, code });

// Real-format numbers: a 北票市 man born 1990-01-01, a 岫岩 woman born 1956-02-29 (a leap day), one ending in X.
const MAN = make('21138119900101123');
const WOMAN = make('21032319560229004');
const xFirst17 = (() => {
  for (let seq = 100; seq < 999; seq++) {
    const f = `21092119800315${seq}`;
    if (expectedCheck(f) === 'X') return f;
  }
  throw new Error('no X found');
})();
const WITH_X = `${xFirst17}X`;

describe('checkDigit', () => {
  it('agrees with an independent implementation and with the examples of GB 11643', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkDigit('44052418800101001')).toBe('4');
    for (let i = 0; i < 2000; i++) {
      const f = String(21000000000000000n + BigInt(i) * 7919n * 1_000_003n).slice(0, 17);
      expect(checkDigit(f)).toBe(expectedCheck(f));
    }
  });
  it('refuses anything but 17 digits', () => {
    expect(() => checkDigit('1234')).toThrow();
    expect(() => checkDigit('2113811990010112X')).toThrow();
  });
});

describe('normaliseIdNumber: accepts and cleans', () => {
  it('keeps a valid canonical number', () => {
    expect(norm(MAN)).toEqual({ ok: true, value: MAN });
    expect(norm(WOMAN)).toEqual({ ok: true, value: WOMAN });
    expect(norm(WITH_X)).toEqual({ ok: true, value: WITH_X });
  });
  it('turns lowercase x into X', () => {
    expect(norm(WITH_X.toLowerCase())).toEqual({ ok: true, value: WITH_X });
  });
  it('turns full-width digits and letters into half-width', () => {
    const fw = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(norm(fw(MAN))).toEqual({ ok: true, value: MAN });
    expect(norm(fw(WITH_X))).toEqual({ ok: true, value: WITH_X }); // Ｘ
    expect(norm(fw(WITH_X.toLowerCase()))).toEqual({ ok: true, value: WITH_X }); // ｘ
  });
  it('drops spaces anywhere: ASCII, tabs, ideographic U+3000, NBSP, zero-width', () => {
    expect(norm(` ${MAN.slice(0, 6)} ${MAN.slice(6, 14)}\t${MAN.slice(14)} `)).toEqual({ ok: true, value: MAN });
    expect(norm(`\u3000${MAN}\u3000`)).toEqual({ ok: true, value: MAN });
    expect(norm(`${MAN.slice(0, 9)}\u00a0${MAN.slice(9)}\u00a0`)).toEqual({ ok: true, value: MAN });
    expect(norm(`\ufeff${MAN}\u200b`)).toEqual({ ok: true, value: MAN });
  });
  it("strips Excel's leading apostrophe and surrounding quotes", () => {
    expect(norm(`'${MAN}`)).toEqual({ ok: true, value: MAN });
    expect(norm(`"${MAN}"`)).toEqual({ ok: true, value: MAN });
    expect(norm(`“${MAN}”`)).toEqual({ ok: true, value: MAN });
    expect(norm(` "'${MAN}" `)).toEqual({ ok: true, value: MAN });
    expect(norm(`="${MAN}"`)).toEqual({ ok: true, value: MAN });
    expect(norm(`＇${MAN}`)).toEqual({ ok: true, value: MAN }); // full-width apostrophe
  });
});

describe('normaliseIdNumber: rejects what Excel mangled, never repairs it', () => {
  it('a cell read as a number', () => {
    fails(211381199001011230, 'EXCEL_NUMBER');
    fails(2.11381199001011e17, 'EXCEL_NUMBER');
    fails(211381199001011234n, 'EXCEL_NUMBER');
  });
  it('scientific notation', () => {
    fails('2.11381E+17', 'SCIENTIFIC_NOTATION');
    fails('2.11381199001011E17', 'SCIENTIFIC_NOTATION');
    fails('2.11381199001011e+17', 'SCIENTIFIC_NOTATION');
    fails(' 2.11381E+17 ', 'SCIENTIFIC_NOTATION');
    fails('２．１１３８１Ｅ＋１７', 'SCIENTIFIC_NOTATION');
    fails('2E+17', 'SCIENTIFIC_NOTATION');
  });
  it('a .0 suffix left by a number-to-text conversion', () => {
    fails('211381199001011000.0', 'EXCEL_NUMBER');
    fails(`${MAN}.0`, 'EXCEL_NUMBER');
    fails('211381199001011.00', 'EXCEL_NUMBER');
  });
  it('trailing zeros from float precision loss', () => {
    fails('211381199001011000', 'PRECISION_LOST'); // 18 digits, last three lost, checksum fails
    fails('2113811990010110', 'BAD_LENGTH'); // 16 digits not ending in 000
    fails('2113811990010000', 'PRECISION_LOST'); // 16 digits ending in 000
    fails('211381199001000', 'PRECISION_LOST'); // 15 digits ending in 000
  });
  it('a valid number that happens to end in 000 is still accepted', () => {
    // Find a first-17 ending in 00 whose check digit is 0.
    let found = '';
    for (let d = 10; d <= 28 && !found; d++) {
      for (let seq = 1; seq <= 9 && !found; seq++) {
        const f = `211381199001${d}${seq}00`;
        if (expectedCheck(f) === '0') found = `${f}0`;
      }
    }
    expect(found).not.toBe('');
    expect(norm(found)).toEqual({ ok: true, value: found });
  });
  it('old 15-digit numbers are rejected, not converted', () => {
    fails('211381900101123', 'OLD_15_DIGIT');
  });
});

describe('normaliseIdNumber: other problems', () => {
  it('empty', () => {
    fails(null, 'EMPTY');
    fails(undefined, 'EMPTY');
    fails('', 'EMPTY');
    fails(' \u3000 ', 'EMPTY');
    fails('""', 'EMPTY');
  });
  it('bad length', () => {
    fails(MAN.slice(0, 17), 'BAD_LENGTH');
    fails(`${MAN}1`, 'BAD_LENGTH');
    fails('12345', 'BAD_LENGTH');
  });
  it('bad characters', () => {
    fails(`${MAN.slice(0, 10)}X${MAN.slice(11)}`, 'BAD_CHARS');
    fails(`${MAN.slice(0, 17)}Y`, 'BAD_CHARS');
    fails(`${MAN.slice(0, 6)}-${MAN.slice(7)}`, 'BAD_CHARS');
    fails({ richText: [] }, 'BAD_CHARS');
  });
  it('bad region (province code)', () => {
    fails(make('00138119900101123'), 'BAD_REGION');
    fails(make('99138119900101123'), 'BAD_REGION');
    fails(make('10138119900101123'), 'BAD_REGION');
    fails(make('24138119900101123'), 'BAD_REGION');
    expect(norm(make('82000019900101123')).ok).toBe(true);
    expect(norm(make('11010519491231002')).ok).toBe(true);
  });
  it('bad birth date', () => {
    fails(make('21138119900230123'), 'BAD_BIRTH_DATE'); // 30 February
    fails(make('21138119900001123'), 'BAD_BIRTH_DATE'); // month 00
    fails(make('21138119901301123'), 'BAD_BIRTH_DATE'); // month 13
    fails(make('21138119570229123'), 'BAD_BIRTH_DATE'); // 1957 is not a leap year
    fails(make('21138118000101123'), 'BAD_BIRTH_DATE'); // too old
    fails(make('21138120300101123'), 'BAD_BIRTH_DATE'); // in the future
  });
  it('bad checksum', () => {
    const wrong = MAN.slice(0, 17) + (MAN[17] === '1' ? '2' : '1');
    fails(wrong, 'BAD_CHECKSUM');
    const swapped = `${MAN.slice(0, 14)}${MAN[15]}${MAN[14]}${MAN.slice(16)}`;
    if (swapped !== MAN) fails(swapped, 'BAD_CHECKSUM');
  });
});

describe('isValidIdNumber and parseIdNumber', () => {
  it('validates only the canonical form', () => {
    expect(isValidIdNumber(MAN, TODAY)).toBe(true);
    expect(isValidIdNumber(WITH_X, TODAY)).toBe(true);
    expect(isValidIdNumber(WITH_X.toLowerCase(), TODAY)).toBe(false);
    expect(isValidIdNumber(` ${MAN}`, TODAY)).toBe(false);
    expect(isValidIdNumber('211381199001011000', TODAY)).toBe(false);
  });
  it('reads region, birth date and gender (17th digit odd = male)', () => {
    expect(parseIdNumber(MAN, TODAY)).toEqual({ regionCode: '211381', birthDate: '1990-01-01', gender: 'M' });
    expect(parseIdNumber(WOMAN, TODAY)).toEqual({ regionCode: '210323', birthDate: '1956-02-29', gender: 'F' });
    expect(parseIdNumber(WITH_X, TODAY)?.birthDate).toBe('1980-03-15');
    expect(parseIdNumber('211381199001011000', TODAY)).toBeNull();
  });
});

describe('messages', () => {
  it('every problem has a Chinese and an English message', () => {
    const codes: IdProblem[] = [
      'EMPTY',
      'EXCEL_NUMBER',
      'SCIENTIFIC_NOTATION',
      'PRECISION_LOST',
      'OLD_15_DIGIT',
      'BAD_LENGTH',
      'BAD_CHARS',
      'BAD_REGION',
      'BAD_BIRTH_DATE',
      'BAD_CHECKSUM',
    ];
    expect(Object.keys(ID_PROBLEM_MESSAGES).sort()).toEqual([...codes].sort());
    for (const c of codes) {
      const [zh, en] = ID_PROBLEM_MESSAGES[c];
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[\x20-\x7e–]+$/);
    }
    expect(idProblemMessage('SCIENTIFIC_NOTATION', 'zh-CN')).toContain('科学计数法');
    expect(idProblemMessage('SCIENTIFIC_NOTATION', 'en')).toContain('scientific notation');
  });
});

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('２１Ｘｘ（）\u3000')).toBe('21Xx() ');
  });
});
