// One function per endpoint of the party ledger and the secretary screening; the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type LedgerItem = Schemas['PartyLedgerItem'];
export type LedgerDetail = Schemas['PartyLedgerDetail'];
export type LedgerQuery = Paged<QueryOf<'/api/party/rectifications'>>;
export type LedgerState = NonNullable<QueryOf<'/api/party/rectifications'>['state']>;
export type CaseInput = BodyOf<'/api/party/rectifications', 'post'>;
export type PlanInput = BodyOf<'/api/party/rectifications/{id}/plan', 'put'>;
export type LedgerStep = BodyOf<'/api/party/rectifications/{id}/steps', 'post'>;
export type ScreeningItem = Schemas['PartyScreeningItem'];
export type ScreeningDetail = Schemas['PartyScreeningDetail'];
export type RoundDetail = Schemas['PartyRoundDetail'];
export type Round = Ok<'/api/party/screening/rounds'>['items'][number];
export type AssessInput = BodyOf<'/api/party/screening/{id}', 'put'>;
export type ScreeningStep = BodyOf<'/api/party/screening/{id}/steps', 'post'>;
export type NominationInput = BodyOf<'/api/party/nominations', 'post'>;

export const LEDGER_STATES: LedgerState[] = ['identified', 'planned', 'rectifying', 'closed', 'consolidated'];
export const RESULTS: AssessInput['result'][] = ['competent', 'basically', 'incompetent'];
export const OPINIONS: AssessInput['opinion'][] = ['satisfied', 'basically', 'dissatisfied'];

const enc = (v: Id) => encodeURIComponent(String(v));

export const partyLedger = {
  list: (q: LedgerQuery, signal?: AbortSignal) =>
    api.get<Ok<'/api/party/rectifications'>>('/api/party/rectifications', { query: { ...q }, signal }),
  causes: () => api.get<Ok<'/api/party/rectification-causes'>>('/api/party/rectification-causes').then((r) => r.items),
  create: (body: CaseInput) => api.post<Ok<'/api/party/rectifications', 'post'>>('/api/party/rectifications', body),
  detail: (id: Id) => api.get<LedgerDetail>(`/api/party/rectifications/${enc(id)}`),
  savePlan: (id: Id, body: PlanInput) => api.put<{ id: number }>(`/api/party/rectifications/${enc(id)}/plan`, body),
  progress: (id: Id, body: { date: string; content: string }) =>
    api.post<{ id: number }>(`/api/party/rectifications/${enc(id)}/progress`, body),
  step: (id: Id, body: LedgerStep) => api.post<{ id: number }>(`/api/party/rectifications/${enc(id)}/steps`, body),
  export: (q: { region?: string; year?: number; format?: 'xlsx' | 'csv' }) =>
    api.download('/api/party/rectifications/export', { query: { ...q }, fallbackName: 'ledger.xlsx' }),

  rounds: (region?: string) =>
    api.get<Ok<'/api/party/screening/rounds'>>('/api/party/screening/rounds', { query: { region } }).then((r) => r.items),
  openRound: (body: BodyOf<'/api/party/screening/rounds', 'post'>) =>
    api.post<Ok<'/api/party/screening/rounds', 'post'>>('/api/party/screening/rounds', body),
  round: (id: Id, region?: string) => api.get<RoundDetail>(`/api/party/screening/rounds/${enc(id)}`, { query: { region } }),
  screening: (id: Id) => api.get<ScreeningDetail>(`/api/party/screening/${enc(id)}`),
  assess: (id: Id, body: AssessInput) => api.put<{ id: number }>(`/api/party/screening/${enc(id)}`, body),
  screeningStep: (id: Id, body: ScreeningStep) => api.post<{ id: number }>(`/api/party/screening/${enc(id)}/steps`, body),
  history: (village: string) => api.get<Ok<'/api/party/secretary-history'>>('/api/party/secretary-history', { query: { village } }),

  bars: (region?: string) => api.get<Ok<'/api/party/nomination-bars'>>('/api/party/nomination-bars', { query: { region } }),
  saveBars: (body: BodyOf<'/api/party/nomination-bars', 'put'>) =>
    api.put<Ok<'/api/party/nomination-bars', 'put'>>('/api/party/nomination-bars', body),
  nominations: (village: string) => api.get<Ok<'/api/party/nominations'>>('/api/party/nominations', { query: { village } }),
  nominate: (body: NominationInput) => api.post<Ok<'/api/party/nominations', 'post'>>('/api/party/nominations', body),
};
