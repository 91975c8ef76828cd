/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 18 characters =
 * 6-digit region code · 8-digit birth date YYYYMMDD · 3-digit sequence (odd = male) · ISO 7064 MOD 11-2 check character.
 *
 * `normaliseIdNumber` takes whatever a spreadsheet cell held and either returns the canonical form or names the
 * problem. It repairs only what is harmless (full-width characters, spaces, quotes, lowercase x); a number that
 * Excel has already damaged (read as a number, scientific notation, float precision loss) is rejected, never
 * repaired, because the lost digits cannot be recovered.
 */

export type IdProblem =
  | 'EMPTY'
  | 'EXCEL_NUMBER'
  | 'SCIENTIFIC_NOTATION'
  | 'PRECISION_LOST'
  | 'OLD_15_DIGIT'
  | 'BAD_LENGTH'
  | 'BAD_CHARS'
  | 'BAD_REGION'
  | 'BAD_BIRTH_DATE'
  | 'BAD_CHECKSUM';

export type NormaliseResult = { ok: true; value: string } | { ok: false; code: IdProblem };

export interface IdInfo {
  /** First 6 digits: the county-level region where the number was issued. */
  regionCode: string;
  /** 'YYYY-MM-DD'. */
  birthDate: string;
  /** 17th digit odd = male. */
  gender: 'M' | 'F';
}

/** [zh-CN, en] per problem. Precise enough for a clerk to fix the file without asking. */
export const ID_PROBLEM_MESSAGES: Record<IdProblem, [string, string]> = {
  EMPTY: ['证件号码为空', 'The ID number is empty'],
  EXCEL_NUMBER: [
    '证件号码被 Excel 当作数字保存（单元格为数值或带“.0”），超过 15 位的数字已被截断，原号码无法恢复，请将该列设为文本格式后重新填写',
    'The ID number was stored by Excel as a number (a numeric cell or a trailing ".0"); digits beyond the 15th are lost and cannot be recovered. Format the column as text and enter the numbers again',
  ],
  SCIENTIFIC_NOTATION: [
    '证件号码被 Excel 转成了科学计数法（如 2.11381E+17），原号码已丢失，请将该列设为文本格式后重新填写',
    'Excel turned the ID number into scientific notation (e.g. 2.11381E+17); the original number is lost. Format the column as text and enter the numbers again',
  ],
  PRECISION_LOST: [
    '证件号码末尾几位变成了 0（Excel 只保留 15 位有效数字），原号码已丢失，请将该列设为文本格式后重新填写',
    'The last digits of the ID number became 0 (Excel keeps only 15 significant digits); the original number is lost. Format the column as text and enter the numbers again',
  ],
  OLD_15_DIGIT: [
    '这是 15 位的旧身份证号码，请填写 18 位的现行身份证号码',
    'This is an old 15-digit ID number; enter the current 18-character ID number',
  ],
  BAD_LENGTH: ['证件号码应为 18 位', 'An ID number has 18 characters'],
  BAD_CHARS: ['证件号码只能包含数字，最后一位可以是 X', 'An ID number may contain only digits, and X as its last character'],
  BAD_REGION: [
    '证件号码前两位不是有效的省级行政区划代码（11–82）',
    'The first two digits of the ID number are not a valid province code (11–82)',
  ],
  BAD_BIRTH_DATE: ['证件号码第 7–14 位不是有效的出生日期', 'Digits 7–14 of the ID number are not a valid date of birth'],
  BAD_CHECKSUM: [
    '证件号码校验位（第 18 位）不正确，请核对号码是否抄错',
    'The check character (18th) of the ID number is wrong; check the number for a typing error',
  ],
};

export function idProblemMessage(code: IdProblem, lang: 'zh-CN' | 'en'): string {
  return ID_PROBLEM_MESSAGES[code][lang === 'en' ? 1 : 0];
}

/** Province-level codes of GB/T 2260 (the first two digits of every resident ID number). */
// biome-ignore format: a table
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) throw new Error('checkDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = first17.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new Error('checkDigit needs exactly 17 digits');
    sum += d * (WEIGHTS[i] as number);
  }
  return CHECK_CHARS[sum % 11] as string;
}

function validBirthDate(yyyymmdd: string, today: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1890 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** Checks a canonical 18-character number; returns the first problem or null. */
function problemOf(id: string, today: Date): IdProblem | null {
  if (id.length !== 18) return 'BAD_LENGTH';
  if (!/^\d{17}[\dX]$/.test(id)) return 'BAD_CHARS';
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return 'BAD_REGION';
  if (!validBirthDate(id.slice(6, 14), today)) return 'BAD_BIRTH_DATE';
  if (checkDigit(id.slice(0, 17)) !== id[17]) return id.endsWith('000') ? 'PRECISION_LOST' : 'BAD_CHECKSUM';
  return null;
}

/** Quotes a spreadsheet or CSV may leave around a value (ASCII, Chinese curly, corner brackets). */
const QUOTE_PAIRS: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』', '`': '`' };

/**
 * Full-width ASCII (U+FF01–U+FF5E) to half-width, and the ideographic space to a space.
 * Exported for the code lists and the importer, which face the same input.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Every kind of space a cell can hide: ASCII, NBSP, U+2000–U+200B, ideographic, BOM, zero-width joiners. */
const ANY_SPACE = /[\s\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;

/**
 * Turns a cell value into a canonical 18-character ID number, or names why it cannot be one.
 * Pass `today` to make the "birth date not in the future" check deterministic.
 */
export function normaliseIdNumber(raw: unknown, today: Date = new Date()): NormaliseResult {
  if (raw === null || raw === undefined) return { ok: false, code: 'EMPTY' };
  if (typeof raw === 'number' || typeof raw === 'bigint') return { ok: false, code: 'EXCEL_NUMBER' };
  if (typeof raw !== 'string') return { ok: false, code: 'BAD_CHARS' };

  let s = toHalfWidth(raw).replace(ANY_SPACE, '');
  // ="211381…" is how some tools force text in CSV
  const formula = /^="(.*)"$/.exec(s);
  if (formula) s = formula[1] as string;
  for (;;) {
    const first = s[0];
    if (first === undefined) break;
    const close = QUOTE_PAIRS[first];
    if (close !== undefined && s.length >= 2 && s.endsWith(close)) s = s.slice(1, -1);
    // Excel's leading apostrophe (its text marker), also typed as a curly quote
    else if (first === "'" || first === '‘' || first === '’') s = s.slice(1);
    else break;
  }
  if (s === '') return { ok: false, code: 'EMPTY' };
  if (/^[+-]?\d+(\.\d*)?[eE][+-]?\d+$/.test(s)) return { ok: false, code: 'SCIENTIFIC_NOTATION' };
  if (/^\d+\.\d*$/.test(s)) return { ok: false, code: 'EXCEL_NUMBER' };
  s = s.toUpperCase();
  if (!/^\d*X?$/.test(s)) return { ok: false, code: 'BAD_CHARS' };
  if ((s.length === 15 || s.length === 16) && s.endsWith('000')) return { ok: false, code: 'PRECISION_LOST' };
  if (s.length === 15 && /^\d{15}$/.test(s)) return { ok: false, code: 'OLD_15_DIGIT' };
  const problem = problemOf(s, today);
  return problem ? { ok: false, code: problem } : { ok: true, value: s };
}

/** True only for a canonical number (18 characters, uppercase X) that passes every check. */
export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  return typeof id === 'string' && problemOf(id, today) === null;
}

/** Region, birth date and gender of a canonical valid number; null when it is not one. */
export function parseIdNumber(id: string, today: Date = new Date()): IdInfo | null {
  if (!isValidIdNumber(id, today)) return null;
  return {
    regionCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
  };
}
