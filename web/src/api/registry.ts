// One function per endpoint of the register (建档立卡); the shapes come from the server's OpenAPI document.
import { currentLang } from '../i18n';
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type CodeList = Schemas['CodeList'];
export type CodeListId = CodeList['id'];
export type CodeItem = CodeList['items'][number];

type ListQuery = Paged<QueryOf<'/api/registry/households'>>;
export type Gap = NonNullable<ListQuery['gap']>;
export const GAPS: Gap[] = ['no_helper', 'no_project', 'no_deadline', 'deadline_passed'];
/** The list's filters as the URL holds them: text (the server reads a number where it takes one). */
export type HouseholdFilters = {
  [K in Extract<keyof ListQuery, 'status' | 'cause' | 'category' | 'plannedExit' | 'incomeBand' | 'q'>]?: string;
} & {
  gap?: Gap;
};
export type HouseholdQuery = HouseholdFilters & Pick<ListQuery, 'region' | 'cursor' | 'limit'>;
export type ExportQuery = QueryOf<'/api/registry/households/export'>;

/** Statuses that count as "still poor" (coverage and deadlines are judged over these). */
export const STILL_POOR = new Set(['poor', 'returned']);

export type HouseholdItem = Schemas['HouseholdItem'];
/** One of the 两不愁三保障 items (food, clothing, education, medical, housing). */
export type Guarantee = HouseholdItem['unmetGuarantees'][number];
/** A page of households; the first page says how many there are (`total`, exact or an estimate: `totalExact`). */
export type HouseholdPage = Ok<'/api/registry/households'>;
export type Coverage = Schemas['Coverage'];
export type Member = Schemas['DetailMember'];
export type HouseholdDetail = Schemas['HouseholdDetail'];
export type HouseholdInput = BodyOf<'/api/registry/households', 'post'>;
export type MemberInput = HouseholdInput['members'][number];
/** One year's income: the sources are household totals (yuan a year), null for a year known only per capita. */
export type Income = HouseholdDetail['incomes'][number];
export type Guarantees = HouseholdDetail['guarantees'];
export type IncomeInput = NonNullable<HouseholdInput['incomes']>[number];
export type ProjectInput = NonNullable<HouseholdInput['projects']>[number];
/** Every household of a village, for the print view of the one-household files. */
export type VillageFiles = Ok<'/api/registry/household-files'>;

export type PoorVillage = Schemas['PoorVillage'];
export type VillageExit = NonNullable<QueryOf<'/api/registry/villages'>['exit']>;

export type ImportBatch = Schemas['ImportBatch'];
export type ImportStatus = ImportBatch['status'];
export type ImportCounts = Schemas['ImportCounts'];
export type ImportSummary = Schemas['ImportSummary'];
export type ImportProgress = Schemas['ImportProgress'];
export type ImportProblem = Schemas['ImportProblem'];

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
  codeLists: () => cached('codelists', () => api.get<Ok<'/api/registry/codelists'>>('/api/registry/codelists').then((r) => r.items)),
  registerYear: () => cached('year', () => api.get<Ok<'/api/registry/register-year'>>('/api/registry/register-year').then((r) => r.year)),

  households: (q: HouseholdQuery, signal?: AbortSignal) => api.get<HouseholdPage>('/api/registry/households', { query: { ...q }, signal }),
  exportHouseholds: (q: HouseholdFilters & Pick<ExportQuery, 'region' | 'format'> & { unmask?: boolean }) =>
    api.download('/api/registry/households/export', {
      query: { ...q, format: q.format ?? 'xlsx', unmask: q.unmask ? '1' : '0' },
      fallbackName: 'households.xlsx',
    }),
  household: (id: Id) => api.get<HouseholdDetail>(`/api/registry/households/${enc(id)}`),
  createHousehold: (body: HouseholdInput) => api.post<Ok<'/api/registry/households', 'post'>>('/api/registry/households', body),
  updateHousehold: (id: Id, body: HouseholdInput) =>
    api.put<Ok<'/api/registry/households/{id}', 'put'>>(`/api/registry/households/${enc(id)}`, body),
  unmask: (personId: Id) => api.post<Ok<'/api/registry/persons/{id}/unmask', 'post'>>(`/api/registry/persons/${enc(personId)}/unmask`),
  coverage: (region?: string) => api.get<Coverage>('/api/registry/coverage', { query: { region } }),

  villages: (region: string | undefined, exit: VillageExit) =>
    api.get<Ok<'/api/registry/villages'>>('/api/registry/villages', { query: { region, exit } }).then((r) => r.items),
  village: (code: string) => api.get<Ok<'/api/registry/villages/{code}'>>(`/api/registry/villages/${enc(code)}`),

  upload: (file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal) =>
    api.upload<Ok<'/api/registry/imports', 'post'>>('/api/registry/imports', file, { onProgress, signal }),
  imports: () => api.get<Ok<'/api/registry/imports'>>('/api/registry/imports').then((r) => r.items),
  importBatch: (id: Id) => api.get<ImportBatch>(`/api/registry/imports/${enc(id)}`),
  problems: (id: Id, afterRow = 0, limit = 200) =>
    api.get<Ok<'/api/registry/imports/{id}/problems'>>(`/api/registry/imports/${enc(id)}/problems`, {
      query: { afterRow, limit },
    }),
  report: (id: Id, rows: NonNullable<QueryOf<'/api/registry/imports/{id}/report'>['rows']> = 'all') =>
    api.download(`/api/registry/imports/${enc(id)}/report`, { query: { rows }, fallbackName: 'report.xlsx' }),
  commit: (id: Id) => api.post<Ok<'/api/registry/imports/{id}/commit', 'post'>>(`/api/registry/imports/${enc(id)}/commit`),
  discard: (id: Id) => api.post<Ok<'/api/registry/imports/{id}/discard', 'post'>>(`/api/registry/imports/${enc(id)}/discard`),
  template: () => api.download('/api/registry/template', { fallbackName: 'template.xlsx' }),
  villageFiles: (village: string) => api.get<VillageFiles>(`/api/registry/household-files?region=${enc(village)}`),
  /** The one-household file as PDF (opened by the browser, not fetched as JSON). */
  filePdfUrl: (id: Id) => `/api/registry/households/${enc(id)}/file.pdf`,
  villageFilesPdfUrl: (village: string) => `/api/registry/household-files.pdf?region=${enc(village)}`,
};
