import { z } from 'zod';
import type { Db, Tx } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import type { Actor } from '../audit/service.ts';
import { decrypt, type PiiKeys } from '../pii/crypto.ts';
import * as hq from './household.queries.ts';
import {
  checkHelperPhone,
  type Details,
  DetailsInput,
  normaliseIncomes,
  normaliseProjects,
  type Problem,
  writeDetails,
} from './household-details.ts';
import { saveFormHousehold } from './import/form.ts';
import { type InputRow, registerYear } from './import/service.ts';
import type { ColumnId } from './interchange/headers.ts';

const Text = (max: number) => z.string().trim().max(max);
const Year = z.number().int().min(2000).max(2100);

export const MemberInput = z.strictObject({
  personId: z.number().int().positive().optional(),
  name: Text(50).min(1),
  idNumber: Text(30),
  relation: Text(40).min(1),
  gender: Text(10).optional(),
  ethnicity: Text(40).optional(),
  education: Text(40).optional(),
  schooling: Text(40).optional(),
  health: Text(40).optional(),
  labour: Text(40).optional(),
  work: Text(40).optional(),
  medicalInsurance: z.boolean().optional(),
  phone: Text(20).optional(),
});

export const HouseholdInput = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/, '请选择村|Choose a village'),
  householdNo: Text(40).min(1),
  category: Text(40).min(1),
  cause: Text(40).min(1),
  yearIdentified: Year,
  plannedExitYear: Year.nullable().optional(),
  exitYear: Year.nullable().optional(),
  status: Text(40).min(1),
  income: z.number().min(0).max(10_000_000).nullable().optional(),
  helper: Text(50).nullable().optional(),
  members: z.array(MemberInput).min(1).max(30),
  /** The version the household was read at (its page sends it): a save over a later change answers 409 HOUSEHOLD_VERSION. */
  version: z.number().int().min(0).optional(),
  ...DetailsInput,
});
export type HouseholdInput = z.infer<typeof HouseholdInput>;

const MEMBER_FIELDS: Partial<Record<ColumnId, keyof z.infer<typeof MemberInput>>> = {
  name: 'name',
  id_number: 'idNumber',
  relation: 'relation',
  gender: 'gender',
  ethnicity: 'ethnicity',
  education: 'education',
  schooling: 'schooling',
  health: 'health',
  labour_skill: 'labour',
  work_status: 'work',
  medical_insurance: 'medicalInsurance',
  phone: 'phone',
};
const HOUSEHOLD_FIELDS: Partial<Record<ColumnId, keyof HouseholdInput>> = {
  village: 'villageCode',
  village_code: 'villageCode',
  household_no: 'householdNo',
  category: 'category',
  poverty_cause: 'cause',
  year_identified: 'yearIdentified',
  planned_exit_year: 'plannedExitYear',
  exit_year: 'exitYear',
  household_status: 'status',
  income_per_capita: 'income',
  helper: 'helper',
};

const validationFailed = (details: Problem[]) =>
  new AppError('VALIDATION_FAILED', 400, { summary: details.map((d) => d.message).join('；') }, details);

/** The parts the interchange file does not carry, checked before anything is staged. */
async function checkDetails(db: Tx, input: HouseholdInput, lang: Lang) {
  const incomes = input.incomes ? normaliseIncomes(input.incomes, input.members.length, lang) : null;
  const projects = input.projects ? normaliseProjects(input.projects, lang) : null;
  const problems = [
    ...(incomes?.problems ?? []),
    ...(projects?.problems ?? []),
    ...checkHelperPhone(input.helperPhone, input.helper, lang),
  ];
  const details: Details & { year: number } = {
    year: await registerYear(db),
    guarantees: input.guarantees,
    incomes: incomes?.rows,
    projects: projects?.rows,
    helperPhone: input.helperPhone,
  };
  return { details, problems };
}

/** The form as interchange rows: a household edited on screen goes through exactly the checks of an import. */
function toRows(input: HouseholdInput, ids: (string | null)[]): InputRow[] {
  return input.members.map((m, i) => ({
    rowNumber: i + 2,
    cells: Object.fromEntries(
      Object.entries({
        village_code: input.villageCode,
        household_no: input.householdNo,
        category: input.category,
        poverty_cause: input.cause,
        year_identified: input.yearIdentified,
        planned_exit_year: input.plannedExitYear ?? undefined,
        exit_year: input.exitYear ?? undefined,
        household_status: input.status,
        income_per_capita: input.income ?? undefined,
        helper: input.helper ?? undefined,
        name: m.name,
        id_number: ids[i] ?? m.idNumber,
        relation: m.relation,
        gender: m.gender,
        ethnicity: m.ethnicity,
        education: m.education,
        schooling: m.schooling,
        health: m.health,
        labour_skill: m.labour,
        work_status: m.work,
        medical_insurance: m.medicalInsurance === undefined ? undefined : m.medicalInsurance ? 'yes' : 'no',
        phone: m.phone,
      }).filter(([, v]) => v !== undefined && v !== ''),
    ) as InputRow['cells'],
  }));
}

/**
 * Creates or edits one household with the import's checks and merge (import/form.ts), so the form and a spreadsheet
 * obey the same rules, and the details the file does not carry in the same transaction; recorded as one edit by the
 * user. Problems come back as VALIDATION_FAILED with paths like `members.1.idNumber`.
 */
export async function saveHousehold(
  db: Db,
  keys: PiiKeys,
  scopeCode: string,
  actor: Actor,
  input: HouseholdInput,
  lang: Lang,
  existingId?: number,
): Promise<{ id: number }> {
  const saved = await db.transaction().execute((tx) => saveHouseholdIn(tx, keys, scopeCode, actor, input, lang, existingId));
  // A refusal is thrown once the transaction has ended: it kept only the security events of conflicts outside the scope.
  if ('refused' in saved) throw saved.refused;
  return saved;
}

/**
 * saveHousehold inside the caller's transaction (a monitoring-only household created with its case). A refusal by
 * the checks comes back as `refused` with nothing written but the security events (the caller commits, then throws
 * it); any other refusal is thrown.
 */
export async function saveHouseholdIn(
  tx: Tx,
  keys: PiiKeys,
  scopeCode: string,
  actor: Actor,
  input: HouseholdInput,
  lang: Lang,
  existingId?: number,
): Promise<{ id: number } | { refused: AppError }> {
  const { details, problems: refused } = await checkDetails(tx, input, lang);
  if (refused.length) throw validationFailed(refused);
  // With incomes by year, the register year's per-capita figure is the one they give (the file's 人均纯收入 column).
  const registerIncome = details.incomes ? (details.incomes.find((i) => i.year === details.year)?.perCapita ?? null) : input.income;
  const ids: (string | null)[] = input.members.map(() => null);
  if (existingId !== undefined) {
    const h = await hq.householdKey(tx, existingId);
    if (!h) throw notFound();
    if (h.household_no !== input.householdNo || h.county_code !== input.villageCode.slice(0, 6)) {
      throw new AppError('HOUSEHOLD_RENUMBER', 400, {}, [{ path: 'householdNo', code: 'HOUSEHOLD_RENUMBER' }]);
    }
    // Members kept as they are send no ID number (the client only ever saw it masked): take it from the register.
    for (const [i, m] of input.members.entries()) {
      if (m.idNumber || !m.personId) continue;
      const cipher = await hq.memberIdCipher(tx, h.county_code, existingId, m.personId);
      if (cipher) ids[i] = decrypt(keys, cipher);
    }
  } else {
    const clash = await hq.householdByNumber(tx, input.villageCode.slice(0, 6), input.householdNo);
    // Outside the scope the number's existence is not confirmed: the checks refuse it like any number of another village.
    if (clash?.village_code.startsWith(scopeCode)) {
      throw new AppError('HOUSEHOLD_EXISTS', 409, { no: input.householdNo }, [{ path: 'householdNo', code: 'HOUSEHOLD_EXISTS' }]);
    }
  }
  const county = input.villageCode.slice(0, 6);
  const where = { countyCode: county, householdNo: input.householdNo };
  const saved = await saveFormHousehold(tx, keys, toRows({ ...input, income: registerIncome }, ids), {
    scopeCode,
    actor,
    lang,
    existing: existingId === undefined ? undefined : { countyCode: county, id: existingId, version: input.version },
    // What the file does not carry, in the same transaction: a refusal here rolls the whole save back.
    writeMore: async (tx) => {
      const refused = await writeDetails(tx, keys, where, details, lang);
      if (refused.length) throw validationFailed(refused);
    },
  });
  if (saved.problems) {
    const seen = new Set<string>();
    const fields = saved.problems
      .filter((p) => p.code !== 'HOUSEHOLD_REJECTED')
      .map((p) => {
        const member = p.column ? MEMBER_FIELDS[p.column] : undefined;
        const path = member ? `members.${p.row - 2}.${member}` : p.column ? (HOUSEHOLD_FIELDS[p.column] ?? p.column) : '';
        return { path, code: p.code, message: p.message };
      })
      // A household-level problem is found on every member's row: say it once.
      .filter((d) => !seen.has(`${d.path}|${d.code}`) && seen.add(`${d.path}|${d.code}`));
    return { refused: validationFailed(fields) };
  }
  return { id: saved.householdId };
}
