// One function per endpoint of the helpers (帮扶责任人); the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type HelperItem = Schemas['HelperItem'];
export type HelperDetail = Schemas['HelperDetail'];
export type HelperPairing = Schemas['HelperPairing'];
export type HelperInput = BodyOf<'/api/helpers', 'post'>;
export type HelperQuery = Paged<QueryOf<'/api/helpers'>>;
export type HelperPage = Ok<'/api/helpers'>;
export type AssignResult = Ok<'/api/helpers/assignments', 'post'>;
export type HelperResolution = Ok<'/api/registry/imports/{id}/helpers'>['items'][number];

const enc = (v: Id) => encodeURIComponent(String(v));

export const helpers = {
  list: (q: HelperQuery, signal?: AbortSignal) => api.get<HelperPage>('/api/helpers', { query: { ...q }, signal }),
  get: (id: Id) => api.get<HelperDetail>(`/api/helpers/${enc(id)}`),
  create: (body: HelperInput) => api.post<Ok<'/api/helpers', 'post'>>('/api/helpers', body),
  update: (id: Id, body: Omit<HelperInput, 'countyCode'>) => api.put<Ok<'/api/helpers/{id}', 'put'>>(`/api/helpers/${enc(id)}`, body),
  assign: (helperId: number, householdIds: number[]) => api.post<AssignResult>('/api/helpers/assignments', { helperId, householdIds }),
  importResolutions: (batchId: Id, resolution?: HelperResolution['resolution'], after?: number) =>
    api.get<Ok<'/api/registry/imports/{id}/helpers'>>(`/api/registry/imports/${enc(batchId)}/helpers`, { query: { resolution, after } }),
};
