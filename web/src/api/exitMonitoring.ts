// One function per endpoint of return-to-poverty monitoring and the department comparison; shapes from the OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type MonitoringItem = Schemas['MonitoringItem'];
export type MonitoringDetail = Schemas['MonitoringDetail'];
export type MonitoringQuery = Paged<QueryOf<'/api/monitoring/cases'>>;
export type MonitoringState = NonNullable<QueryOf<'/api/monitoring/cases'>['state']>;
export type MonitoringKind = NonNullable<QueryOf<'/api/monitoring/cases'>['kind']>;
export type ProposalInput = BodyOf<'/api/monitoring/cases', 'post'>;
export type MonitoringStep = BodyOf<'/api/monitoring/cases/{id}/steps', 'post'>;
export type MeasureInput = BodyOf<'/api/monitoring/cases/{id}/measures', 'post'>;
export type ComparisonBatch = Schemas['ComparisonBatch'];
export type ComparisonHit = Schemas['ComparisonHit'];
export type ComparisonHitDetail = Schemas['ComparisonHitDetail'];
export type HitQuery = Paged<QueryOf<'/api/comparison/hits'>>;
export type Department = QueryOf<'/api/comparison/batches', 'post'>['department'];
export type Decision = BodyOf<'/api/comparison/hits/{id}/decision', 'post'>;

export const MONITORING_STATES: MonitoringState[] = [
  'proposed',
  'visiting',
  'notice',
  'township_review',
  'county_decision',
  'monitored',
  'left',
  'rejected',
];
export const KINDS: MonitoringKind[] = ['unstable', 'marginal', 'hardship'];
export const DEPARTMENTS: Department[] = ['vehicle', 'company', 'public_employee', 'housing', 'death', 'other'];
export const CHECKLIST = ['income_stable', 'guarantees', 'safe_water', 'risk_gone'] as const;

const enc = (v: Id) => encodeURIComponent(String(v));

export const monitoring = {
  list: (q: MonitoringQuery, signal?: AbortSignal) =>
    api.get<Ok<'/api/monitoring/cases'>>('/api/monitoring/cases', { query: { ...q }, signal }),
  propose: (body: ProposalInput) => api.post<{ id: number }>('/api/monitoring/cases', body),
  scan: (region?: string) => api.post<Ok<'/api/monitoring/scan', 'post'>>('/api/monitoring/scan', { region }),
  detail: (id: Id) => api.get<MonitoringDetail>(`/api/monitoring/cases/${enc(id)}`),
  step: (id: Id, body: MonitoringStep) => api.post<{ id: number }>(`/api/monitoring/cases/${enc(id)}/steps`, body),
  measure: (id: Id, body: MeasureInput) => api.post<{ id: number }>(`/api/monitoring/cases/${enc(id)}/measures`, body),
};

export const comparison = {
  batches: (region?: string) =>
    api.get<Ok<'/api/comparison/batches'>>('/api/comparison/batches', { query: { region } }).then((r) => r.items),
  upload: (file: File, q: { region?: string; department: Department; label?: string }) =>
    api.upload<{ id: number }>('/api/comparison/batches', file, { query: { ...q } }),
  batch: (id: Id) => api.get<ComparisonBatch>(`/api/comparison/batches/${enc(id)}`),
  match: (id: Id) => api.post<Ok<'/api/comparison/batches/{id}/match', 'post'>>(`/api/comparison/batches/${enc(id)}/match`),
  discard: (id: Id) => api.delete<{ id: number }>(`/api/comparison/batches/${enc(id)}`),
  hits: (q: HitQuery, signal?: AbortSignal) => api.get<Ok<'/api/comparison/hits'>>('/api/comparison/hits', { query: { ...q }, signal }),
  hit: (id: Id) => api.get<ComparisonHitDetail>(`/api/comparison/hits/${enc(id)}`),
  decide: (id: Id, body: Decision) =>
    api.post<Ok<'/api/comparison/hits/{id}/decision', 'post'>>(`/api/comparison/hits/${enc(id)}/decision`, body),
};
