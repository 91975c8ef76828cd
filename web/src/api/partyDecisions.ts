// One function per endpoint of the 四议一审两公开 decisions; the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type DecisionItem = Schemas['DecisionItem'];
export type DecisionDetail = Schemas['DecisionDetail'];
export type DecisionStep = Schemas['DecisionStep'];
export type DecisionInput = BodyOf<'/api/party/decisions', 'post'>;
export type StepInput = BodyOf<'/api/party/decisions/{id}/steps', 'post'>;
export type DecisionQuery = Paged<QueryOf<'/api/party/decisions'>>;
export type NextStep = DecisionDetail['next'][number];

export const DECISION_STATES = [
  'proposed',
  'org_proposed',
  'committees_deliberated',
  'members_reviewed',
  'villagers_decided',
  'township_reviewed',
  'decision_disclosed',
  'result_disclosed',
  'rejected',
] as const;
export const DECISION_CATEGORIES = ['collective_assets', 'project', 'funds', 'land', 'welfare', 'other'] as const;
export const DECISION_SOURCES = ['members_villagers', 'village_cadres', 'higher_level'] as const;

const enc = (v: Id) => encodeURIComponent(String(v));

export const partyDecisions = {
  list: (q: DecisionQuery, signal?: AbortSignal) =>
    api.get<Ok<'/api/party/decisions'>>('/api/party/decisions', { query: { ...q }, signal }),
  get: (id: Id) => api.get<DecisionDetail>(`/api/party/decisions/${enc(id)}`),
  create: (body: DecisionInput) => api.post<Ok<'/api/party/decisions', 'post'>>('/api/party/decisions', body),
  step: (id: Id, body: StepInput) => api.post<Ok<'/api/party/decisions/{id}/steps', 'post'>>(`/api/party/decisions/${enc(id)}/steps`, body),
};

/** The village's public disclosure page and its QR code (no login). */
export const publicPage = (village: string) => `/public/villages/${village}`;
