import { z } from 'zod';
import type { Tx } from '../../db/types.ts';
import { type Lang, t } from '../../server/i18n.ts';
import { decrypt, encrypt, lookupHash, maskPhone, type PiiKeys } from '../pii/crypto.ts';
import { type CodeListId, listLabel, resolveCode } from './codelists.ts';
import * as hq from './household.queries.ts';

/**
 * What the form edits beyond the interchange file's columns: the 两不愁三保障 flags, income by source, projects and
 * the helper's phone. The file carries none of them, so they are written beside the one-household import batch,
 * inside its commit's transaction (edit.ts).
 */

const Yuan = z
  .number({ error: '金额应为数字|The amount must be a number' })
  .min(0, '金额不能为负数|An amount cannot be negative')
  .max(100_000_000, '金额不能超过 1 亿元|An amount cannot exceed 100 million yuan')
  .multipleOf(0.01, '金额最多保留两位小数（分）|An amount has at most two decimals (fen)');
const DataYear = z
  .number({ error: '年度应为数字|The year must be a number' })
  .int('年度应为整数，如 2017|The year must be a whole number, such as 2017')
  .min(2000, '年度不能早于 2000 年|The year cannot be before 2000')
  .max(2100, '年度不能晚于 2100 年|The year cannot be after 2100');

export const GuaranteesInput = z.strictObject({
  food: z.boolean(),
  clothing: z.boolean(),
  education: z.boolean(),
  medical: z.boolean(),
  housing: z.boolean(),
});
export type Guarantees = z.infer<typeof GuaranteesInput>;

/**
 * One year's income. Either by source (household totals for the year, in yuan; a blank source counts as 0) with the
 * persons it is shared by, or, for a year known only as a per-capita figure (a spreadsheet's 人均纯收入), that figure.
 */
export const IncomeInput = z.strictObject({
  year: DataYear,
  wages: Yuan.nullable().optional(),
  business: Yuan.nullable().optional(),
  businessCosts: Yuan.nullable().optional(),
  property: Yuan.nullable().optional(),
  transfers: Yuan.nullable().optional(),
  persons: z
    .number({ error: '人数应为数字|The number of persons must be a number' })
    .int('人数应为整数|The number of persons must be a whole number')
    .min(1, '家庭人口至少 1 人|A household has at least one person')
    .max(99, '家庭人口不能超过 99 人|A household has at most 99 persons')
    .nullable()
    .optional(),
  perCapita: Yuan.nullable().optional(),
});
export type IncomeInput = z.infer<typeof IncomeInput>;

export const ProjectInput = z.strictObject({
  id: z.number().int().positive().optional(),
  type: z.string().trim().min(1, '请选择项目类型|Choose the project type').max(40),
  year: DataYear,
  amount: Yuan.nullable().optional(),
  state: z.string().trim().min(1, '请选择项目状态|Choose the project state').max(40),
});
export type ProjectInput = z.infer<typeof ProjectInput>;

export const DetailsInput = {
  guarantees: GuaranteesInput.optional(),
  incomes: z.array(IncomeInput).max(40, '收入最多填写 40 个年度|At most 40 years of income').optional(),
  projects: z.array(ProjectInput).max(50, '帮扶项目最多 50 个|At most 50 projects').optional(),
  /** The current helper's phone: blank keeps the one on record (the client only ever saw it masked). */
  helperPhone: z.string().trim().max(20).optional(),
};

const SOURCES = ['wages', 'business', 'businessCosts', 'property', 'transfers'] as const;

/** A year's income as stored: the sources (null when only the per-capita figure is known) and per_capita. */
export interface IncomeRow {
  year: number;
  wages: number | null;
  business: number | null;
  businessCosts: number | null;
  property: number | null;
  transfers: number | null;
  persons: number | null;
  perCapita: number;
}

const cents = (v: number | null | undefined) => Math.round((v ?? 0) * 100);

/**
 * Per-capita net income (人均纯收入) of a year given by source: (wages + production and business − its costs +
 * property + transfers) ÷ persons, in yuan, rounded to the fen. Computed in whole fen so that 0.1 + 0.2 is 0.3.
 */
export function perCapitaOf(i: Pick<IncomeInput, (typeof SOURCES)[number]>, persons: number): { net: number; perCapita: number } {
  const net = cents(i.wages) + cents(i.business) - cents(i.businessCosts) + cents(i.property) + cents(i.transfers);
  return { net: net / 100, perCapita: Math.round(net / persons) / 100 };
}

const hasSplit = (i: IncomeInput) => SOURCES.some((s) => i[s] !== null && i[s] !== undefined);

export interface Problem {
  path: string;
  code: string;
  message: string;
}

/** The incomes as they will be stored, or the problems that refuse them. `members` is the form's member count. */
export function normaliseIncomes(
  incomes: IncomeInput[],
  members: number,
  lang: Lang,
  now = new Date(),
): { rows: IncomeRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Set<number>();
  const rows: IncomeRow[] = [];
  const thisYear = now.getFullYear();
  for (const [i, inc] of incomes.entries()) {
    const at = (field: string, code: Parameters<typeof t>[1], params: Record<string, unknown>) =>
      problems.push({ path: `incomes.${i}.${field}`, code, message: t(lang, code, params) });
    if (seen.has(inc.year)) at('year', 'INCOME_YEAR_TWICE', { year: inc.year });
    seen.add(inc.year);
    if (inc.year > thisYear) at('year', 'INCOME_YEAR_FUTURE', { year: inc.year, now: thisYear });
    if (hasSplit(inc)) {
      const persons = inc.persons ?? members;
      const { net, perCapita } = perCapitaOf(inc, persons);
      if (net < 0) {
        const gross = (cents(inc.wages) + cents(inc.business) + cents(inc.property) + cents(inc.transfers)) / 100;
        at('businessCosts', 'INCOME_NEGATIVE', { year: inc.year, costs: inc.businessCosts ?? 0, gross });
      }
      rows.push({
        year: inc.year,
        wages: inc.wages ?? 0,
        business: inc.business ?? 0,
        businessCosts: inc.businessCosts ?? 0,
        property: inc.property ?? 0,
        transfers: inc.transfers ?? 0,
        persons,
        perCapita,
      });
    } else if (inc.perCapita === null || inc.perCapita === undefined) {
      at('perCapita', 'INCOME_EMPTY', { year: inc.year });
    } else {
      rows.push({
        year: inc.year,
        wages: null,
        business: null,
        businessCosts: null,
        property: null,
        transfers: null,
        persons: null,
        perCapita: inc.perCapita,
      });
    }
  }
  return { rows, problems };
}

/** Project type and state as codes (the form sends codes; a label or synonym is accepted like in a file). */
export function normaliseProjects(
  projects: ProjectInput[],
  lang: Lang,
): { rows: (ProjectInput & { amount: number })[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const code = (i: number, field: 'type' | 'state', list: CodeListId, value: string) => {
    const c = resolveCode(list, value);
    if (!c)
      problems.push({
        path: `projects.${i}.${field}`,
        code: 'UNKNOWN_CODE',
        message: t(lang, 'UNKNOWN_CODE', { value, list: listLabel(list, lang) }),
      });
    return c ?? value;
  };
  const rows = projects.map((p, i) => ({
    ...p,
    type: code(i, 'type', 'project_type', p.type),
    state: code(i, 'state', 'project_state', p.state),
    amount: p.amount ?? 0,
  }));
  return { rows, problems };
}

export function checkHelperPhone(phone: string | undefined, helper: string | null | undefined, lang: Lang): Problem[] {
  const p = phone?.replace(/[\s-]/g, '');
  if (!p) return [];
  if (!helper?.trim())
    return [{ path: 'helperPhone', code: 'HELPER_PHONE_WITHOUT_HELPER', message: t(lang, 'HELPER_PHONE_WITHOUT_HELPER') }];
  if (!/^(1\d{10}|0\d{9,11})$/.test(p)) return [{ path: 'helperPhone', code: 'HELPER_PHONE_BAD', message: t(lang, 'HELPER_PHONE_BAD') }];
  return [];
}

export interface Details {
  guarantees?: Guarantees;
  incomes?: IncomeRow[];
  projects?: (ProjectInput & { amount: number })[];
  helperPhone?: string;
}

interface Household {
  county_code: string;
  id: number;
  village_code: string;
}

async function readIncomes(tx: Tx, h: Household): Promise<IncomeRow[]> {
  const rows = await hq.incomes(tx, h.county_code, h.id);
  return rows.map((r) => ({
    year: r.year,
    wages: r.wages,
    business: r.business,
    businessCosts: r.business_costs,
    property: r.property,
    transfers: r.transfers,
    persons: r.persons,
    perCapita: Number(r.per_capita),
  }));
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes the details of household (county, number) in the caller's transaction. Only the parts given are touched;
 * rows that did not change are not written, so a save that changes nothing leaves no trace in the command centre's
 * snapshots. The save's one audit row (import/form.ts) holds them: the household snapshot (import/shape.ts) reads them.
 */
export async function writeDetails(
  tx: Tx,
  keys: PiiKeys,
  where: { countyCode: string; householdNo: string },
  d: Details,
  lang: Lang,
): Promise<Problem[]> {
  const h = await hq.householdGuarantees(tx, where.countyCode, where.householdNo);
  if (!h) throw new Error(`household ${where.householdNo} missing when its details are written`);

  if (d.guarantees) {
    const was = {
      food: h.guarantee_food,
      clothing: h.guarantee_clothing,
      education: h.guarantee_education,
      medical: h.guarantee_medical,
      housing: h.guarantee_housing,
    };
    if (!sameJson(was, d.guarantees)) {
      const g = d.guarantees;
      await hq.setGuarantees(tx, h.county_code, h.id, g);
    }
  }

  if (d.incomes) {
    const was = await readIncomes(tx, h);
    const wanted = [...d.incomes].sort((a, b) => a.year - b.year);
    const gone = was.filter((w) => !wanted.some((x) => x.year === w.year)).map((w) => w.year);
    if (gone.length) {
      await hq.deleteIncomes(tx, h.county_code, h.id, gone);
    }
    for (const row of wanted) {
      if (was.some((w) => sameJson(w, row))) continue;
      const values = {
        per_capita: row.perCapita,
        wages: row.wages,
        business: row.business,
        business_costs: row.businessCosts,
        property: row.property,
        transfers: row.transfers,
        persons: row.persons,
      };
      await hq.upsertIncome(tx, h.county_code, h.id, row.year, values);
    }
  }

  const problems: Problem[] = [];
  if (d.projects) {
    const was = await hq.projects(tx, h.county_code, h.id, 'id');
    const wasView = was.map((p) => ({ id: p.id, type: p.type, year: p.year, amount: Number(p.amount), state: p.state }));
    for (const [i, p] of d.projects.entries()) {
      if (p.id !== undefined && !was.some((w) => w.id === p.id)) {
        problems.push({
          path: `projects.${i}.id`,
          code: 'PROJECT_NOT_OF_HOUSEHOLD',
          message: t(lang, 'PROJECT_NOT_OF_HOUSEHOLD', { n: i + 1 }),
        });
      }
    }
    if (problems.length) return problems;
    const kept = new Set(d.projects.flatMap((p) => (p.id === undefined ? [] : [p.id])));
    const gone = was.filter((w) => !kept.has(w.id)).map((w) => w.id);
    if (gone.length) {
      await hq.deleteProjects(tx, h.county_code, h.id, gone);
    }
    const nowView: typeof wasView = [];
    for (const p of d.projects) {
      const values = { type: p.type, year: p.year, amount: p.amount, state: p.state };
      if (p.id === undefined) {
        nowView.push({ id: await hq.insertProject(tx, h.county_code, h.id, values), ...values });
        continue;
      }
      const old = wasView.find((w) => w.id === p.id);
      if (old && !sameJson(old, { id: p.id, ...values })) {
        await hq.updateProject(tx, h.county_code, p.id, values);
      }
      nowView.push({ id: p.id, ...values });
    }
  }

  const phone = d.helperPhone?.replace(/[\s-]/g, '');
  if (phone) {
    const pairing = await hq.currentPairing(tx, h.county_code, h.id);
    const old = pairing?.helper_phone_cipher ? decrypt(keys, pairing.helper_phone_cipher) : null;
    if (pairing && old !== phone) {
      await hq.setHelperPhone(tx, h.county_code, pairing, {
        cipher: encrypt(keys, phone),
        masked: maskPhone(phone),
        hash: lookupHash(keys, phone),
      });
    }
  }

  return [];
}
