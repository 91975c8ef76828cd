import type { ImportRowTable } from '../../../db/types.ts';
import { helperNameKey } from '../../helpers/names.ts';
import { encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import { type CodeListId, resolveCode } from '../codelists.ts';
import { normaliseIdNumber, parseIdNumber } from '../idcard.ts';
import type { ColumnId } from '../interchange/headers.ts';
import { type CellValue, isBlank, toAmount, toText, toYear } from '../interchange/values.ts';
import { idTailHash, nameSearchKeys } from '../search/keys.ts';
import { idProblem, type Problem } from './problems.ts';
import type { VillageIndex } from './villages.ts';

/** A row as it is staged: normalised, coded, the ID number and phone encrypted and hashed (the import_row table). */
export type StagedRow = Omit<ImportRowTable, 'batch_id' | 'problems'>;

export interface RowContext {
  villages: VillageIndex;
  keys: PiiKeys;
  today?: Date;
}

const CODED: [ColumnId, CodeListId, keyof StagedRow, boolean][] = [
  ['relation', 'relation', 'relation', true],
  ['ethnicity', 'ethnicity', 'ethnicity', false],
  ['education', 'education', 'education', false],
  ['schooling', 'schooling', 'schooling', false],
  ['health', 'health', 'health', false],
  ['labour_skill', 'labour', 'labour', false],
  ['work_status', 'work', 'work', false],
  ['category', 'household_category', 'category', true],
  ['poverty_cause', 'poverty_cause', 'cause', true],
  ['household_status', 'household_status', 'status', true],
];

/** Columns of the household, not the person: a member's row may leave them empty. */
const HOUSEHOLD_LEVEL = new Set<ColumnId>(['category', 'poverty_cause', 'household_status']);

/**
 * An ID number as a masked export shows it (2113**************): 18 characters, digits and X where visible and at
 * least one `*`. Such a row names an existing member; which one is settled against the register (masked.ts).
 */
export const MASKED_ID = /^[0-9Xx*＊]{18}$/;
export const isMaskedId = (v: string) => MASKED_ID.test(v) && /[*＊]/.test(v);

/**
 * Checks one spreadsheet row on its own (household-level checks come later, across rows) and returns what to stage.
 * Every problem is collected, not just the first, so a clerk can fix a row in one go.
 */
export function validateRow(rowNumber: number, cells: Partial<Record<ColumnId, CellValue>>, ctx: RowContext) {
  const problems: Problem[] = [];
  const problem = (column: ColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const text = (c: ColumnId, max = 50) => {
    const v = toText(cells[c]);
    if (v && v.length > max) {
      problem(c, 'TOO_LONG', { max });
      return null;
    }
    return v || null;
  };
  const required = <T>(c: ColumnId, v: T | null): T | null => {
    if (v === null || v === undefined) problem(c, 'REQUIRED');
    return v;
  };

  const out: StagedRow = {
    row_number: rowNumber,
    county_code: null,
    village_code: null,
    household_no: required('household_no', text('household_no', 40)),
    name: required('name', text('name')),
    name_initials: null,
    name_pinyin: null,
    id_tail_hash: null,
    id_hash: null,
    id_cipher: null,
    id_masked: null,
    gender: null,
    birth_date: null,
    ethnicity: null,
    relation: null,
    education: null,
    schooling: null,
    health: null,
    labour: null,
    work: null,
    medical_insurance: null,
    category: null,
    cause: null,
    year_identified: null,
    planned_exit_year: null,
    exit_year: null,
    status: null,
    income: null,
    helper_name: helperNameKey(text('helper')),
    phone_cipher: null,
    phone_masked: null,
    phone_hash: null,
  };
  if (out.name) {
    const k = nameSearchKeys(out.name);
    out.name_initials = k.initials;
    out.name_pinyin = k.pinyin;
  }

  // The village: a code wins; otherwise the names must point at one village in scope.
  const code = toText(cells.village_code)?.replace(/\s/g, '') || null;
  const villageName = text('village');
  const found = ctx.villages.find({ code, county: text('county'), township: text('township'), village: villageName });
  if (found.ok) {
    out.village_code = found.village.code;
    out.county_code = found.village.code.slice(0, 6);
  } else if (!code && !villageName) {
    problem('village', 'REQUIRED');
  } else {
    const candidates = found.candidates?.map((c) => `${c.townshipName}${c.name}(${c.code})`).join('、') ?? '';
    problem(code ? 'village_code' : 'village', found.code, { value: code ?? villageName ?? '', candidates });
  }

  // A row placed in a household leaves household-level emptiness and year order to the household (households.ts).
  const inHousehold = out.county_code !== null && out.household_no !== null;

  // The ID number: never repaired when Excel mangled it.
  const id = normaliseIdNumber(cells.id_number, ctx.today);
  const masked = id.ok ? null : toText(cells.id_number)?.replace(/\s/g, '');
  if (masked && isMaskedId(masked)) {
    // Kept as the pattern, without a hash: masked.ts finds the member it names or says why it cannot.
    out.id_masked = masked.replace(/＊/g, '*').toUpperCase();
  } else if (!id.ok) {
    problem('id_number', id.code === 'EMPTY' ? 'REQUIRED' : idProblem(id.code));
  } else {
    const info = parseIdNumber(id.value, ctx.today);
    out.id_hash = lookupHash(ctx.keys, id.value);
    out.id_cipher = encrypt(ctx.keys, id.value);
    out.id_masked = maskId(id.value);
    out.id_tail_hash = idTailHash(ctx.keys, id.value);
    out.birth_date = info?.birthDate ?? null;
    out.gender = info?.gender ?? null;
    const given = isBlank(cells.gender) ? null : resolveCode('gender', String(cells.gender));
    if (!isBlank(cells.gender) && given !== out.gender) problem('gender', 'GENDER_MISMATCH', { value: String(cells.gender) });
  }

  for (const [column, list, field, isRequired] of CODED) {
    const raw = toText(cells[column]);
    if (!raw) {
      if (isRequired && !(inHousehold && HOUSEHOLD_LEVEL.has(column))) problem(column, 'REQUIRED');
      continue;
    }
    const resolved = resolveCode(list, raw);
    if (resolved === null) problem(column, 'UNKNOWN_CODE', { value: raw });
    else (out as unknown as Record<string, unknown>)[field] = resolved;
  }
  const insurance = toText(cells.medical_insurance);
  if (insurance) {
    const yn = resolveCode('yes_no', insurance);
    if (yn === null) problem('medical_insurance', 'UNKNOWN_CODE', { value: insurance });
    else out.medical_insurance = yn === 'yes';
  }

  const year = (c: ColumnId, isRequired: boolean) => {
    if (isBlank(cells[c])) {
      if (isRequired && !inHousehold) problem(c, 'REQUIRED');
      return null;
    }
    const y = toYear(cells[c]);
    if (y === null || y < 2000 || y > 2100) problem(c, 'BAD_YEAR');
    return y !== null && y >= 2000 && y <= 2100 ? y : null;
  };
  out.year_identified = year('year_identified', true);
  out.planned_exit_year = year('planned_exit_year', false);
  out.exit_year = year('exit_year', false);
  if (!inHousehold) {
    if (out.status === 'exited' && out.exit_year === null && isBlank(cells.exit_year)) problem('exit_year', 'EXIT_YEAR_REQUIRED');
    for (const c of ['planned_exit_year', 'exit_year'] as const) {
      const later = out[c];
      if (out.year_identified !== null && later !== null && later < out.year_identified) problem(c, 'YEAR_ORDER');
    }
  }

  if (!isBlank(cells.income_per_capita)) {
    const amount = toAmount(cells.income_per_capita);
    if (amount === null || amount < 0 || amount > 10_000_000) problem('income_per_capita', 'BAD_AMOUNT');
    else out.income = Math.round(amount * 100) / 100;
  }

  const phone = toText(cells.phone)?.replace(/[\s-]/g, '') || null;
  if (phone) {
    if (!/^(1\d{10}|0\d{9,11})$/.test(phone)) problem('phone', 'BAD_PHONE');
    else {
      out.phone_cipher = encrypt(ctx.keys, phone);
      out.phone_masked = maskPhone(phone);
      out.phone_hash = lookupHash(ctx.keys, phone);
    }
  }
  return { staged: out, problems };
}
