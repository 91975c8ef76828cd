import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';
import type { Guarantees, HouseholdDetail, HouseholdInput, IncomeInput, MemberInput } from '../../../api/registry';
import type { Id } from '../../../api/types';
import { normaliseId } from '../../../lib/idcard';
import type { CodeLists } from '../../../lib/useCodeLists';

export interface MemberValues {
  /** Set for a member already in the register (edit): their ID number is kept unless retyped. */
  personId?: Id;
  idMasked?: string | null;
  name?: string;
  idNumber?: string;
  relation?: string;
  gender?: string;
  ethnicity?: string;
  education?: string;
  schooling?: string;
  health?: string;
  labour?: string;
  work?: string;
  medicalInsurance?: string;
  phone?: string;
  phoneMasked?: string | null;
}

export const INCOME_SOURCES = ['wages', 'business', 'businessCosts', 'property', 'transfers'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export type IncomeValues = { year?: number | null; persons?: number | null; perCapita?: number | null } & Partial<
  Record<IncomeSource, number | null>
>;

export interface ProjectValues {
  id?: Id;
  type?: string;
  year?: number | null;
  amount?: number | null;
  state?: string;
}

export interface Values {
  villageCode?: string;
  householdNo?: string;
  category?: string;
  cause?: string;
  yearIdentified?: number;
  plannedExitYear?: number | null;
  exitYear?: number | null;
  status?: string;
  helper?: string;
  helperPhone?: string;
  /** The current helper's phone as the register shows it (placeholder of the phone field). */
  helperPhoneMasked?: string | null;
  guarantees?: Guarantees;
  incomes?: IncomeValues[];
  projects?: ProjectValues[];
  members: MemberValues[];
}

export const HOUSEHOLD_FIELDS = [
  'villageCode',
  'householdNo',
  'category',
  'cause',
  'yearIdentified',
  'plannedExitYear',
  'exitYear',
  'status',
  'helper',
  'helperPhone',
] as const;
export const MEMBER_FIELDS = [
  'name',
  'idNumber',
  'relation',
  'gender',
  'ethnicity',
  'education',
  'schooling',
  'health',
  'labour',
  'work',
  'medicalInsurance',
  'phone',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];
const LIST_FIELDS: Record<string, readonly string[]> = {
  members: MEMBER_FIELDS,
  incomes: ['year', ...INCOME_SOURCES, 'persons', 'perCapita'],
  projects: ['id', 'type', 'year', 'amount', 'state'],
};
const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;

export const hasSources = (i: IncomeValues | undefined) => INCOME_SOURCES.some((s) => i?.[s] !== null && i?.[s] !== undefined);

/** What the server will store as per-capita net income for a row given by source, in whole fen (as the server does). */
export function perCapitaOf(i: IncomeValues, members: number): number | null {
  if (!hasSources(i)) return null;
  const fen = (v: number | null | undefined) => Math.round((v ?? 0) * 100);
  const net = fen(i.wages) + fen(i.business) - fen(i.businessCosts) + fen(i.property) + fen(i.transfers);
  const persons = i.persons || members;
  return persons ? Math.round(net / persons) / 100 : null;
}

/** The form's values from a household's detail (which carries some member fields as labels: map them back to codes). */
export function valuesOf(h: HouseholdDetail, codes: CodeLists): Values {
  const helper = h.helpers.find((x) => !x.endDate);
  return {
    villageCode: h.villageCode,
    householdNo: h.householdNo,
    category: h.category,
    cause: h.cause,
    yearIdentified: h.yearIdentified,
    plannedExitYear: h.plannedExitYear,
    exitYear: h.exitYear,
    status: h.status,
    helper: helper?.name ?? '',
    helperPhone: '',
    helperPhoneMasked: helper?.phoneMasked ?? null,
    guarantees: { ...h.guarantees },
    incomes: h.incomes.map((i) =>
      i.wages === null
        ? { year: i.year, perCapita: i.perCapita }
        : {
            year: i.year,
            wages: i.wages,
            business: i.business,
            businessCosts: i.businessCosts,
            property: i.property,
            transfers: i.transfers,
            persons: i.persons,
          },
    ),
    projects: h.projects.map((p) => ({ id: p.id, type: p.type, year: p.year, amount: p.amount, state: p.state })),
    members: h.members.map((m) => ({
      personId: m.personId,
      idMasked: m.idMasked,
      phoneMasked: m.phoneMasked,
      name: m.name,
      idNumber: '',
      relation: m.relation,
      gender: m.gender ?? undefined,
      ethnicity: codes.codeOf('ethnicity', m.ethnicity),
      education: codes.codeOf('education', m.education),
      schooling: codes.codeOf('schooling', m.schooling),
      health: codes.codeOf('health', m.health),
      labour: codes.codeOf('labour', m.labour),
      work: codes.codeOf('work', m.work),
      medicalInsurance: m.medicalInsurance === null ? undefined : m.medicalInsurance ? 'yes' : 'no',
      phone: '',
    })),
  };
}

export const NEW_HOUSEHOLD: Values = {
  status: 'poor',
  guarantees: { food: true, clothing: true, education: true, medical: true, housing: true },
  incomes: [],
  projects: [],
  members: [{ relation: 'head', medicalInsurance: 'yes' }],
};

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === '' ? undefined : v);

function incomeOf(i: IncomeValues): IncomeInput {
  const year = i.year as number;
  if (!hasSources(i)) return { year, perCapita: i.perCapita ?? null };
  return {
    year,
    wages: i.wages ?? null,
    business: i.business ?? null,
    businessCosts: i.businessCosts ?? null,
    property: i.property ?? null,
    transfers: i.transfers ?? null,
    persons: i.persons ?? null,
  };
}

export function bodyOf(v: Values): HouseholdInput {
  return {
    villageCode: v.villageCode ?? '',
    householdNo: (v.householdNo ?? '').trim(),
    category: v.category ?? '',
    cause: v.cause ?? '',
    yearIdentified: v.yearIdentified as number,
    plannedExitYear: v.plannedExitYear ?? null,
    exitYear: v.exitYear ?? null,
    status: v.status ?? '',
    helper: v.helper?.trim() || null,
    ...(v.helperPhone?.trim() ? { helperPhone: v.helperPhone.trim() } : {}),
    guarantees: {
      food: Boolean(v.guarantees?.food),
      clothing: Boolean(v.guarantees?.clothing),
      education: Boolean(v.guarantees?.education),
      medical: Boolean(v.guarantees?.medical),
      housing: Boolean(v.guarantees?.housing),
    },
    incomes: (v.incomes ?? []).map(incomeOf),
    projects: (v.projects ?? []).map((p) => ({
      ...(p.id !== undefined && p.id !== null && p.id !== '' ? { id: Number(p.id) } : {}),
      type: p.type ?? '',
      year: p.year as number,
      amount: p.amount ?? null,
      state: p.state ?? '',
    })),
    members: (v.members ?? []).map(
      (m): MemberInput => ({
        ...(m.personId !== undefined && m.personId !== null && m.personId !== '' ? { personId: Number(m.personId) } : {}),
        name: (m.name ?? '').trim(),
        // An existing member's number is never sent to the client: "" keeps it, a typed one replaces it.
        idNumber: m.idNumber ? normaliseId(m.idNumber) : '',
        relation: m.relation ?? '',
        gender: opt(m.gender),
        ethnicity: opt(m.ethnicity),
        education: opt(m.education),
        schooling: opt(m.schooling),
        health: opt(m.health),
        labour: opt(m.labour),
        work: opt(m.work),
        medicalInsurance: m.medicalInsurance === 'yes' ? true : m.medicalInsurance === 'no' ? false : undefined,
        phone: opt(m.phone?.trim()),
      }),
    ),
  };
}

/**
 * A server path (`members.1.idNumber`, `incomes.0.year`, `guarantees.food`, `["members",1,"idNumber"]`,
 * `body.category`) as a form field name, when the form has it.
 */
export function fieldNameOf(path: unknown): (string | number)[] | null {
  const parts = (Array.isArray(path) ? path.map(String) : String(path ?? '').split(/[.[\]]+/))
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'body') parts.shift();
  if (parts.length === 1 && (HOUSEHOLD_FIELDS as readonly (string | number)[]).includes(parts[0] as string)) return parts;
  if (parts.length === 2 && parts[0] === 'guarantees' && (GUARANTEES as readonly (string | number)[]).includes(parts[1] as string)) {
    return parts;
  }
  const list = LIST_FIELDS[String(parts[0])];
  if (parts.length === 3 && list && typeof parts[1] === 'number' && list.includes(String(parts[2]))) {
    // A project id the server does not know is the project's problem, shown on its type.
    return parts[0] === 'projects' && parts[2] === 'id' ? ['projects', parts[1], 'type'] : parts;
  }
  return null;
}

/** Put VALIDATION_FAILED details on their fields; answer the messages that have no field (shown above the form). */
export function applyServerErrors(form: FormInstance<Values>, e: unknown): string[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const loose: string[] = [];
  for (const d of e.details as { path?: unknown; message?: string }[]) {
    const msg = d?.message || e.message;
    const name = fieldNameOf(d?.path);
    if (!name) {
      loose.push(msg);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()] as Parameters<typeof form.setFields>[0]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return loose;
}
