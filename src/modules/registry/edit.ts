import { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import type { Actor } from '../audit/service.ts';
import { decrypt, type PiiKeys } from '../pii/crypto.ts';
import { commit, discard, type InputRow, problems, stage } from './import/service.ts';
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
 * Creates or edits one household through a one-household import batch, so the form and a spreadsheet obey the
 * same rules. Problems come back as VALIDATION_FAILED with paths like `members.1.idNumber`.
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
  const ids: (string | null)[] = input.members.map(() => null);
  if (existingId !== undefined) {
    const h = await db.selectFrom('household').select(['county_code', 'household_no']).where('id', '=', existingId).executeTakeFirst();
    if (!h) throw notFound();
    if (h.household_no !== input.householdNo || h.county_code !== input.villageCode.slice(0, 6)) {
      throw new AppError('HOUSEHOLD_RENUMBER', 400, {}, [{ path: 'householdNo', code: 'HOUSEHOLD_RENUMBER' }]);
    }
    // Members kept as they are send no ID number (the client only ever saw it masked): take it from the register.
    for (const [i, m] of input.members.entries()) {
      if (m.idNumber || !m.personId) continue;
      const p = await db
        .selectFrom('household_member as hm')
        .innerJoin('person as p', (j) => j.onRef('p.county_code', '=', 'hm.county_code').onRef('p.id', '=', 'hm.person_id'))
        .select('p.id_cipher')
        .where('hm.county_code', '=', h.county_code)
        .where('hm.household_id', '=', existingId)
        .where('hm.person_id', '=', m.personId)
        .executeTakeFirst();
      if (p) ids[i] = decrypt(keys, p.id_cipher);
    }
  } else {
    const clash = await db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', input.villageCode.slice(0, 6))
      .where('household_no', '=', input.householdNo)
      .executeTakeFirst();
    if (clash) throw new AppError('HOUSEHOLD_EXISTS', 409, { no: input.householdNo }, [{ path: 'householdNo', code: 'HOUSEHOLD_EXISTS' }]);
  }
  const { batchId, counts } = await stage(
    db,
    keys,
    { scopeCode, actor, filename: existingId ? `edit:${existingId}` : 'form' },
    toRows(input, ids),
  );
  if (counts.rowsWithProblems > 0) {
    const list = await problems(db, batchId, lang);
    await discard(db, batchId);
    const details = list
      .filter((p) => p.code !== 'HOUSEHOLD_REJECTED')
      .map((p) => {
        const member = p.column ? MEMBER_FIELDS[p.column] : undefined;
        const path = member ? `members.${p.row - 2}.${member}` : p.column ? (HOUSEHOLD_FIELDS[p.column] ?? p.column) : '';
        return { path, code: p.code, message: p.message };
      });
    throw new AppError('VALIDATION_FAILED', 400, { summary: details.map((d) => d.message).join('；') }, details);
  }
  await commit(db, batchId, actor);
  await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
  const row = await db
    .selectFrom('household')
    .select('id')
    .where('county_code', '=', input.villageCode.slice(0, 6))
    .where('household_no', '=', input.householdNo)
    .executeTakeFirstOrThrow();
  return { id: row.id };
}
