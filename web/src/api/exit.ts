// One function per endpoint of the exit module; the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Schemas } from './schema';
import type { Id } from './types';

export type Candidates = Ok<'/api/exit/candidates'>;
export type Candidate = Candidates['items'][number];
export type ExitBatch = Schemas['ExitBatchItem'];
export type ExitBatchDetail = Schemas['ExitBatchDetail'];
export type ExitHousehold = Schemas['ExitHouseholdItem'];
export type ExitHouseholdDetail = Schemas['ExitHouseholdDetail'];
export type ObjectionInput = BodyOf<'/api/exit/households/{id}/objections', 'post'>;
export type BatchStep = BodyOf<'/api/exit/batches/{id}/steps', 'post'>;

export const EXIT_STATES = ['proposed', 'appraised', 'verified', 'agreed', 'notice', 'announced', 'closed', 'withdrawn'] as const;
/** The steps a batch takes together, with the state each starts from. */
export const BATCH_STEPS = [
  ['appraise', 'proposed'],
  ['verify', 'appraised'],
  ['agree', 'verified'],
  ['publish', 'agreed'],
  ['announce', 'notice'],
  ['close', 'announced'],
] as const;
export const OBJECTION_SOURCES: ObjectionInput['source'][] = ['visit', 'letter', 'phone', 'meeting', 'public_page', 'other'];

const enc = (v: Id) => encodeURIComponent(String(v));

export const exitApi = {
  candidates: (region: string, year: number) => api.get<Candidates>('/api/exit/candidates', { query: { region, year } }),
  batches: (region: string, year?: number) => api.get<Ok<'/api/exit/batches'>>('/api/exit/batches', { query: { region, year } }),
  propose: (body: BodyOf<'/api/exit/batches', 'post'>) => api.post<{ id: number }>('/api/exit/batches', body),
  batch: (id: Id) => api.get<ExitBatchDetail>(`/api/exit/batches/${enc(id)}`),
  batchStep: (id: Id, body: BatchStep) => api.post<{ id: number; moved: number }>(`/api/exit/batches/${enc(id)}/steps`, body),
  household: (id: Id) => api.get<ExitHouseholdDetail>(`/api/exit/households/${enc(id)}`),
  step: (id: Id, body: BodyOf<'/api/exit/households/{id}/steps', 'post'>) =>
    api.post<{ id: number }>(`/api/exit/households/${enc(id)}/steps`, body),
  objection: (id: Id, body: ObjectionInput) => api.post<{ id: number }>(`/api/exit/households/${enc(id)}/objections`, body),
  decide: (id: Id, objection: Id, body: BodyOf<'/api/exit/households/{id}/objections/{objectionId}/decision', 'post'>) =>
    api.post<{ id: number }>(`/api/exit/households/${enc(id)}/objections/${enc(objection)}/decision`, body),
};

export type Complaint = Schemas['ExitComplaintItem'];
export const complaintsApi = {
  list: (region: string, open: boolean) =>
    api.get<Ok<'/api/exit/complaints'>>('/api/exit/complaints', { query: { region, open: open ? '1' : undefined } }),
  detail: (id: Id) => api.get<Schemas['ExitComplaintDetail']>(`/api/exit/complaints/${enc(id)}`),
  answer: (id: Id, body: BodyOf<'/api/exit/complaints/{id}/answer', 'post'>) =>
    api.post<{ id: number }>(`/api/exit/complaints/${enc(id)}/answer`, body),
};

export type VillageExitList = Ok<'/api/exit/villages'>;
export type VillageExitItem = VillageExitList['items'][number];
export type VillageExitDetail = Schemas['ExitVillageDetail'];
export type CountyExitList = Ok<'/api/exit/counties'>;
export type CountyExitItem = CountyExitList['items'][number];
export type CountyExitDetail = Schemas['ExitCountyDetail'];
export type VillageProposal = BodyOf<'/api/exit/villages', 'post'>;
export type AreaStep = BodyOf<'/api/exit/villages/{id}/steps', 'post'>;

/** 贫困村退出 and 贫困县退出: the candidates with their incidence, the proposal, each exit's steps. */
export const areaExitApi = {
  villages: (region: string) => api.get<VillageExitList>('/api/exit/villages', { query: { region } }),
  proposeVillage: (body: VillageProposal) => api.post<{ id: number }>('/api/exit/villages', body),
  village: (id: Id) => api.get<VillageExitDetail>(`/api/exit/villages/${enc(id)}`),
  villageStep: (id: Id, body: AreaStep) => api.post<{ id: number }>(`/api/exit/villages/${enc(id)}/steps`, body),
  counties: (region: string) => api.get<CountyExitList>('/api/exit/counties', { query: { region } }),
  proposeCounty: (body: BodyOf<'/api/exit/counties', 'post'>) => api.post<{ id: number }>('/api/exit/counties', body),
  county: (id: Id) => api.get<CountyExitDetail>(`/api/exit/counties/${enc(id)}`),
  countyStep: (id: Id, body: BodyOf<'/api/exit/counties/{id}/steps', 'post'>) =>
    api.post<{ id: number }>(`/api/exit/counties/${enc(id)}/steps`, body),
};
