import { encrypt, lookupHash, maskId, maskPhone, type PiiKeys } from '../../pii/crypto.ts';
import { resolveCode } from '../../registry/codelists.ts';
import { normaliseIdNumber, parseIdNumber } from '../../registry/idcard.ts';
import { idProblem, type Problem } from '../../registry/import/problems.ts';
import { problemsJson } from '../../registry/import/staging.ts';
import { isMaskedId } from '../../registry/import/validate-row.ts';
import type { VillageIndex } from '../../registry/import/villages.ts';
import { type CellValue, isBlank, toDate, toText } from '../../registry/interchange/values.ts';
import { idTailHash, nameSearchKeys } from '../../registry/search/keys.ts';
import { type MemberColumnId, type OrgColumnId, resolveKind, resolveStanding, resolveYes } from './columns.ts';
import type { MemberStaged, OrgStaged } from './staged.ts';

export interface RowContext {
  villages: VillageIndex;
  keys: PiiKeys;
  today: string;
}

/** The row's checks that both kinds share: text, dates, yes/no, the village, the ID number. */
function checker<C extends string>(rowNumber: number, cells: Partial<Record<C, CellValue>>, ctx: RowContext) {
  const problems: Problem<C>[] = [];
  const problem = (column: C | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ row: rowNumber, column, code, ...(params ? { params } : {}) });
  const text = (c: C, max: number, required = false) => {
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
  const date = (c: C, required: boolean) => {
    if (isBlank(cells[c])) {
      if (required) problem(c, 'REQUIRED');
      return null;
    }
    const d = toDate(cells[c]);
    const iso = d?.toISOString().slice(0, 10);
    if (!d || !iso || d.getUTCFullYear() < 1921 || iso > ctx.today) {
      problem(c, 'BAD_DATE', { value: toText(cells[c]) ?? '' });
      return null;
    }
    return iso;
  };
  const coded = <T>(c: C, resolve: (v: unknown) => T | null, required: boolean): T | null => {
    const raw = toText(cells[c]);
    if (!raw) {
      if (required) problem(c, 'REQUIRED');
      return null;
    }
    const v = resolve(cells[c]);
    if (v === null) problem(c, 'PARTY_VALUE_UNKNOWN', { value: raw });
    return v;
  };
  const village = (codeCol: C, nameCol: C) => {
    const code = toText(cells[codeCol])?.replace(/\s/g, '') || null;
    const found = ctx.villages.find({ code, county: null, township: null, village: toText(cells[nameCol]) });
    if (found.ok) return found.village.code;
    if (!code) problem(codeCol, 'REQUIRED');
    else problem(codeCol, found.code, { value: code, candidates: '' });
    return null;
  };
  /** An ID number sealed as the register seals it; masked or wrong is a problem (a new person needs the full number). */
  const person = (idCol: C, name: string | null, required: boolean) => {
    const raw = toText(cells[idCol])?.replace(/\s/g, '');
    if (!raw) {
      if (required) problem(idCol, 'REQUIRED');
      return null;
    }
    // A masked number (a masked export edited and imported again) names a record on file only: the checks over the
    // batch match it by the row's village organisation, name and mask, or refuse it. It never makes or changes a person.
    if (isMaskedId(raw))
      return {
        id_hash: null,
        id_cipher: null,
        id_masked: raw.toUpperCase(),
        id_tail_hash: null,
        gender: null,
        birth_date: null,
        name_pinyin: null,
        name_initials: null,
      };
    const id = normaliseIdNumber(raw, new Date(`${ctx.today}T00:00:00Z`));
    if (!id.ok) {
      problem(idCol, idProblem(id.code));
      return null;
    }
    const info = parseIdNumber(id.value);
    const keys = name ? nameSearchKeys(name) : { pinyin: null, initials: null };
    return {
      id_hash: lookupHash(ctx.keys, id.value),
      id_cipher: encrypt(ctx.keys, id.value),
      id_masked: maskId(id.value),
      id_tail_hash: idTailHash(ctx.keys, id.value),
      gender: info?.gender ?? null,
      birth_date: info?.birthDate ?? null,
      name_pinyin: keys.pinyin,
      name_initials: keys.initials,
    };
  };
  return { problems, problem, text, date, coded, village, person };
}

/** One organisation row on its own; the checks against the database come later, in SQL over the batch. */
export function validateOrgRow(rowNumber: number, cells: Partial<Record<OrgColumnId, CellValue>>, ctx: RowContext): OrgStaged {
  const c = checker(rowNumber, cells, ctx);
  const village = c.village('village_code', 'village');
  const secretaryName = c.text('secretary_name', 50);
  const person = c.person('secretary_id', secretaryName, secretaryName !== null);
  if (person && !secretaryName) c.problem('secretary_name', 'REQUIRED');
  const orgName = c.text('org_name', 60, true);
  if (orgName && orgName.length < 2) c.problem('org_name', 'TOO_SHORT');
  const out: OrgStaged = {
    row_number: rowNumber,
    county_code: village?.slice(0, 6) ?? null,
    village_code: village,
    org_name: orgName,
    kind: c.coded('kind', resolveKind, true),
    established_on: c.date('established_on', false),
    secretary_name: secretaryName,
    id_hash: person?.id_hash ?? null,
    id_cipher: person?.id_cipher ?? null,
    id_masked: person?.id_masked ?? null,
    id_tail_hash: person?.id_tail_hash ?? null,
    name_initials: person?.name_initials ?? null,
    name_pinyin: person?.name_pinyin ?? null,
    gender: person?.gender ?? null,
    birth_date: person?.birth_date ?? null,
    one_shoulder: c.coded('one_shoulder', resolveYes, false) ?? false,
    secretary_since: c.date('secretary_since', person !== null),
    row_problems: null,
    problems: null,
  };
  out.row_problems = problemsJson(c.problems);
  out.problems = out.row_problems;
  return out;
}

/** One member row on its own. */
export function validateMemberRow(rowNumber: number, cells: Partial<Record<MemberColumnId, CellValue>>, ctx: RowContext): MemberStaged {
  const c = checker(rowNumber, cells, ctx);
  const name = c.text('name', 50, true);
  const person = c.person('id_number', name, true);
  if (person?.gender && !isBlank(cells.gender)) {
    const given = resolveCode('gender', String(cells.gender));
    if (given !== person.gender) c.problem('gender', 'GENDER_MISMATCH', { value: String(cells.gender) });
  }
  const village = c.village('village_code', 'village');
  const phone = toText(cells.phone)?.replace(/[\s-]/g, '') || null;
  let sealed: { cipher: string; masked: string; hash: string } | null = null;
  if (phone && !/^\d{0,4}\*+\d{0,4}$/.test(phone)) {
    if (!/^(1\d{10}|0\d{9,11})$/.test(phone)) c.problem('phone', 'BAD_PHONE');
    else sealed = { cipher: encrypt(ctx.keys, phone), masked: maskPhone(phone), hash: lookupHash(ctx.keys, phone) };
  }
  const leader = c.coded('wealth_leader', resolveYes, false) ?? false;
  const industry = c.text('wealth_industry', 60);
  if (industry && !leader) c.problem('wealth_industry', 'PARTY_INDUSTRY_NEEDS_LEADER');
  const joined = c.date('joined_on', true);
  if (joined && person?.birth_date && joined < person.birth_date) c.problem('joined_on', 'BAD_DATE', { value: joined });
  const out: MemberStaged = {
    row_number: rowNumber,
    county_code: village?.slice(0, 6) ?? null,
    village_code: village,
    name,
    name_initials: person?.name_initials ?? null,
    name_pinyin: person?.name_pinyin ?? null,
    id_hash: person?.id_hash ?? null,
    id_cipher: person?.id_cipher ?? null,
    id_masked: person?.id_masked ?? null,
    id_tail_hash: person?.id_tail_hash ?? null,
    gender: person?.gender ?? null,
    birth_date: person?.birth_date ?? null,
    phone_cipher: sealed?.cipher ?? null,
    phone_masked: sealed?.masked ?? null,
    phone_hash: sealed?.hash ?? null,
    joined_on: joined,
    standing: c.coded('standing', resolveStanding, false) ?? 'full',
    post: c.text('post', 40),
    duty: c.text('duty', 200),
    wealth_leader: leader,
    wealth_industry: leader ? industry : null,
    row_problems: null,
    problems: null,
  };
  out.row_problems = problemsJson(c.problems);
  out.problems = out.row_problems;
  return out;
}
