import { encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import { resolveCode } from '../../registry/codelists.ts';
import { normaliseIdNumber, parseIdNumber } from '../../registry/idcard.ts';
import { idProblem, type Problem } from '../../registry/import/problems.ts';
import { problemsJson } from '../../registry/import/staging.ts';
import { isMaskedId } from '../../registry/import/validate-row.ts';
import type { VillageIndex } from '../../registry/import/villages.ts';
import { type CellValue, isBlank, toDate, toText } from '../../registry/interchange/values.ts';
import { idTailHash, nameSearchKeys } from '../../registry/search/keys.ts';
import { type PostingColumnId, resolvePartyMember, resolveRole, resolveUnitLevel } from '../interchange.ts';
import type { PostingStaged } from './staged.ts';

export interface PostingRowContext {
  villages: VillageIndex;
  keys: PiiKeys;
  today?: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** A phone as a masked export writes it (139****5678): it names the phone on file and changes nothing. */
const MASKED_PHONE = /^\d{0,4}\*+\d{0,4}$/;

/**
 * Checks one postings row on its own and returns what to stage. Checks against the database (the person, the posting,
 * one village at a time, duplicates in the file) come later, in SQL over the staged batch (checks.ts). Every problem is
 * collected, not just the first, so a clerk can fix a row in one go. Place, ID number, gender and phone are judged by
 * the register's rules, with its words.
 */
export function validatePostingRow(rowNumber: number, cells: Partial<Record<PostingColumnId, CellValue>>, ctx: PostingRowContext) {
  const problems: Problem<PostingColumnId>[] = [];
  const problem = (column: PostingColumnId | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const text = (c: PostingColumnId, max: number, required = false) => {
    const v = toText(cells[c]);
    if (!v) {
      if (required) problem(c, 'REQUIRED');
      return null;
    }
    if (v.length > max) {
      problem(c, 'TOO_LONG', { max });
      return null;
    }
    return v;
  };

  const out: PostingStaged = {
    row_number: rowNumber,
    county_code: null,
    village_code: null,
    name: text('name', 50, true),
    name_initials: null,
    name_pinyin: null,
    id_hash: null,
    id_cipher: null,
    id_masked: null,
    id_tail_hash: null,
    gender: null,
    birth_date: null,
    phone_cipher: null,
    phone_masked: null,
    phone_hash: null,
    unit_name: text('unit', 60, true),
    unit_level: null,
    post: text('post', 60, true),
    party_member: null,
    role: null,
    start_date: null,
    end_date: null,
    row_problems: null,
    problems: null,
  };
  if (out.name) {
    const k = nameSearchKeys(out.name);
    out.name_initials = k.initials;
    out.name_pinyin = k.pinyin;
  }
  if (out.unit_name && out.unit_name.length < 2) {
    problem('unit', 'UNIT_NAME_SHORT');
    out.unit_name = null;
  }

  // The village: a code wins; otherwise the names must point at one village in the uploader's scope.
  const code = toText(cells.village_code)?.replace(/\s/g, '') || null;
  const villageName = text('village', 50);
  const found = ctx.villages.find({ code, county: text('county', 50), township: text('township', 50), village: villageName });
  if (found.ok) {
    out.village_code = found.village.code;
    out.county_code = found.village.code.slice(0, 6);
  } else if (!code && !villageName) {
    problem('village', 'REQUIRED');
  } else {
    const candidates = found.candidates?.map((c) => `${c.townshipName}${c.name}(${c.code})`).join('、') ?? '';
    problem(code ? 'village_code' : 'village', found.code, { value: code ?? villageName ?? '', candidates });
  }

  // The ID number: never repaired when Excel mangled it; a masked one (a masked export) names a posting on file.
  const id = normaliseIdNumber(cells.id_number, ctx.today);
  const masked = id.ok ? null : toText(cells.id_number)?.replace(/\s/g, '');
  if (masked && isMaskedId(masked)) {
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

  const phone = toText(cells.phone)?.replace(/[\s-]/g, '') || null;
  if (phone && !MASKED_PHONE.test(phone)) {
    if (!/^(1\d{10}|0\d{9,11})$/.test(phone)) problem('phone', 'BAD_PHONE');
    else {
      out.phone_cipher = encrypt(ctx.keys, phone);
      out.phone_masked = maskPhone(phone);
      out.phone_hash = lookupHash(ctx.keys, phone);
    }
  }

  const coded = <T>(c: PostingColumnId, resolve: (v: unknown) => T | null, unknown: string): T | null => {
    const raw = toText(cells[c]);
    if (!raw) {
      problem(c, 'REQUIRED');
      return null;
    }
    const v = resolve(cells[c]);
    if (v === null) problem(c, unknown, { value: raw });
    return v;
  };
  out.unit_level = coded('unit_level', resolveUnitLevel, 'UNIT_LEVEL_UNKNOWN');
  out.party_member = coded('party_member', resolvePartyMember, 'PARTY_MEMBER_UNKNOWN');
  out.role = coded('role', resolveRole, 'ROLE_UNKNOWN');

  const date = (c: PostingColumnId, required: boolean) => {
    if (isBlank(cells[c])) {
      if (required) problem(c, 'REQUIRED');
      return null;
    }
    const d = toDate(cells[c]);
    if (d === null || d.getUTCFullYear() < 1990) {
      problem(c, 'BAD_DATE', { value: toText(cells[c]) ?? '' });
      return null;
    }
    return day(d);
  };
  out.start_date = date('start_date', true);
  out.end_date = date('end_date', false);
  if (out.start_date && out.end_date && out.end_date <= out.start_date) problem('end_date', 'END_BEFORE_START', { start: out.start_date });

  out.row_problems = problemsJson(problems);
  out.problems = out.row_problems;
  return out;
}
