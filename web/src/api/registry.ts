// Types and one function per endpoint of docs/api-registry.md (建档立卡).
import { currentLang } from '../i18n';
import { api } from './client';
import type { AuditRow, Id, Page } from './types';

export type CodeListId =
  | 'household_category'
  | 'poverty_cause'
  | 'household_status'
  | 'relation'
  | 'gender'
  | 'ethnicity'
  | 'education'
  | 'schooling'
  | 'health'
  | 'labour'
  | 'work'
  | 'yes_no'
  | 'project_type'
  | 'project_state';

export interface CodeItem {
  code: string;
  label: string;
}

export interface CodeList {
  id: CodeListId | string;
  label: string;
  items: CodeItem[];
}

export type Gap = 'no_helper' | 'no_project' | 'no_deadline' | 'deadline_passed';
export const GAPS: Gap[] = ['no_helper', 'no_project', 'no_deadline', 'deadline_passed'];

/** Statuses that count as "still poor" (coverage and deadlines are judged over these). */
export const STILL_POOR = new Set(['poor', 'returned']);

export interface HouseholdFilters {
  status?: string;
  cause?: string;
  category?: string;
  gap?: Gap;
  q?: string;
}

export interface HouseholdQuery extends HouseholdFilters {
  region?: string;
  cursor?: string | null;
  limit?: number;
}

export interface HouseholdItem {
  id: Id;
  householdNo: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
  headName: string | null;
  headIdMasked: string | null;
  memberCount: number;
  category: string;
  categoryLabel: string | null;
  cause: string;
  causeLabel: string | null;
  status: string;
  statusLabel: string | null;
  yearIdentified: number;
  plannedExitYear: number | null;
  exitYear: number | null;
  income: number | null;
  helperName: string | null;
  hasProject: boolean;
}

export interface Coverage {
  stillPoor: number;
  withHelper: number;
  withProject: number;
  withDeadline: number;
  deadlinePassed: number;
  pctHelper: number | null;
  pctProject: number | null;
  pctDeadline: number | null;
}

export interface Member {
  personId: Id;
  name: string;
  idMasked: string | null;
  gender: string | null;
  genderLabel: string | null;
  birthDate: string | null;
  /** Labels (in the user's language), not codes. */
  ethnicity: string | null;
  phoneMasked: string | null;
  relation: string;
  relationLabel: string | null;
  education: string | null;
  schooling: string | null;
  health: string | null;
  labour: string | null;
  work: string | null;
  medicalInsurance: boolean | null;
}

export interface HouseholdDetail {
  id: Id;
  householdNo: string;
  countyCode: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  category: string;
  categoryLabel: string | null;
  cause: string;
  causeLabel: string | null;
  status: string;
  statusLabel: string | null;
  yearIdentified: number;
  plannedExitYear: number | null;
  exitYear: number | null;
  registerYear: number;
  povertyLine: number;
  guarantees: { food: boolean; clothing: boolean; education: boolean; medical: boolean; housing: boolean };
  members: Member[];
  incomes: { year: number; perCapita: number }[];
  statusHistory: { status: string; statusLabel: string | null; previousStatus: string | null; changedOn: string; reason: string | null }[];
  helpers: { id: Id; name: string; phoneMasked: string | null; startDate: string | null; endDate: string | null }[];
  projects: {
    id: Id;
    type: string;
    typeLabel: string | null;
    year: number;
    amount: number | null;
    state: string;
    stateLabel: string | null;
  }[];
  audit: AuditRow[];
}

export interface MemberInput {
  /** An existing member (edit): with an empty idNumber the registered number is kept. */
  personId?: number;
  name: string;
  idNumber: string;
  relation: string;
  gender?: string;
  ethnicity?: string;
  education?: string;
  schooling?: string;
  health?: string;
  labour?: string;
  work?: string;
  medicalInsurance?: boolean;
  phone?: string;
}

export interface HouseholdInput {
  villageCode: string;
  householdNo: string;
  category: string;
  cause: string;
  yearIdentified: number;
  plannedExitYear?: number | null;
  exitYear?: number | null;
  status: string;
  income?: number | null;
  helper?: string | null;
  members: MemberInput[];
}

export interface PoorVillage {
  villageCode: string;
  villageName: string;
  townshipName: string;
  countyName: string;
  yearListed: number;
  plannedExitYear: number | null;
  exitYear: number | null;
  ruralPopulation: number;
  households: number;
  poorPersons: number;
  /** Percent. */
  incidence: number | null;
}

export type VillageExit = 'all' | 'exited' | 'not_exited';

export type ImportStatus = 'staging' | 'previewed' | 'committed' | 'discarded' | 'failed';

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ImportSummary {
  rows?: number;
  rowsWithProblems?: number;
  households?: ImportCounts;
  persons?: ImportCounts;
  error?: string;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'done' | string;
  rows: number;
  totalRows: number | null;
  bytesRead: number;
  totalBytes: number | null;
  rate: number;
  secondsLeft: number | null;
  error?: string;
}

export interface ImportBatch {
  id: Id;
  filename: string;
  status: ImportStatus | string;
  scopeCode: string;
  actorName: string;
  createdAt: string;
  summary: ImportSummary | null;
  progress: ImportProgress | null;
}

export interface ImportProblem {
  row: number;
  /** The column's identifier (e.g. `id_number`), or null for a problem of the whole row or household. */
  column: string | null;
  code: string;
  message: string;
}

const enc = (v: Id) => encodeURIComponent(String(v));

// Code lists and the register year change rarely: cached per language for the page's life.
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const k = `${currentLang()}|${key}`;
  let p = cache.get(k) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(k, p);
    p.catch(() => cache.delete(k));
  }
  return p;
}

export const registry = {
  codeLists: () => cached('codelists', () => api.get<{ items: CodeList[] }>('/api/registry/codelists').then((r) => r.items)),
  registerYear: () => cached('year', () => api.get<{ year: number }>('/api/registry/register-year').then((r) => r.year)),

  households: (q: HouseholdQuery, signal?: AbortSignal) =>
    api.get<Page<HouseholdItem>>('/api/registry/households', { query: { ...q }, signal }),
  exportHouseholds: (q: HouseholdFilters & { region?: string; unmask?: boolean; format?: 'xlsx' | 'csv' }) =>
    api.download('/api/registry/households/export', {
      query: { ...q, format: q.format ?? 'xlsx', unmask: q.unmask ? '1' : '0' },
      fallbackName: 'households.xlsx',
    }),
  household: (id: Id) => api.get<HouseholdDetail>(`/api/registry/households/${enc(id)}`),
  createHousehold: (body: HouseholdInput) => api.post<{ id: Id }>('/api/registry/households', body),
  updateHousehold: (id: Id, body: HouseholdInput) => api.put<{ id: Id }>(`/api/registry/households/${enc(id)}`, body),
  unmask: (personId: Id) => api.post<{ personId: Id; idNumber: string }>(`/api/registry/persons/${enc(personId)}/unmask`),
  coverage: (region?: string) => api.get<Coverage>('/api/registry/coverage', { query: { region } }),

  villages: (region: string | undefined, exit: VillageExit) =>
    api.get<{ items: PoorVillage[] }>('/api/registry/villages', { query: { region, exit } }).then((r) => r.items),
  village: (code: string) => api.get<PoorVillage & { coverage: Coverage }>(`/api/registry/villages/${enc(code)}`),

  upload: (file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal) =>
    api.upload<{ id: Id }>('/api/registry/imports', file, { onProgress, signal }),
  imports: () => api.get<{ items: ImportBatch[] }>('/api/registry/imports').then((r) => r.items),
  importBatch: (id: Id) => api.get<ImportBatch>(`/api/registry/imports/${enc(id)}`),
  problems: (id: Id, afterRow = 0, limit = 200) =>
    api.get<{ items: ImportProblem[]; nextAfterRow: number | null }>(`/api/registry/imports/${enc(id)}/problems`, {
      query: { afterRow, limit },
    }),
  report: (id: Id) => api.download(`/api/registry/imports/${enc(id)}/report`, { fallbackName: 'report.xlsx' }),
  commit: (id: Id) => api.post<{ status: 'committed'; counts: ImportSummary }>(`/api/registry/imports/${enc(id)}/commit`),
  discard: (id: Id) => api.post<{ status: 'discarded' }>(`/api/registry/imports/${enc(id)}/discard`),
  template: () => api.download('/api/registry/template', { fallbackName: 'template.xlsx' }),
};
