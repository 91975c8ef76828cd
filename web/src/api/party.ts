// One function per endpoint of the party core (村党组织: organisations, secretaries, members, pairings) and the
// village page; the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type OrgItem = Schemas['OrgItem'];
export type OrgDetail = Schemas['OrgDetail'];
export type SecretaryTerm = Schemas['SecretaryTerm'];
export type MemberItem = Schemas['MemberItem'];
export type MemberDetail = Schemas['MemberDetail'];
export type PartyPairing = Schemas['PartyPairing'];
export type VillageProfile = Schemas['VillageProfile'];
export type OrgQuery = Paged<QueryOf<'/api/party/orgs'>>;
export type MemberQuery = Paged<QueryOf<'/api/party/members'>>;
export type OrgInput = BodyOf<'/api/party/orgs', 'post'>;
export type OrgEdit = BodyOf<'/api/party/orgs/{id}', 'put'>;
export type AppointInput = BodyOf<'/api/party/orgs/{id}/secretary', 'post'>;
export type MemberInput = BodyOf<'/api/party/members', 'post'>;
export type MemberEdit = BodyOf<'/api/party/members/{id}', 'put'>;
export type LeaveInput = BodyOf<'/api/party/members/{id}/leave', 'post'>;
export type MoveInput = BodyOf<'/api/party/members/{id}/move', 'post'>;
export type PairInput = BodyOf<'/api/party/members/{id}/pairings', 'post'>;
type Created = Ok<'/api/party/orgs', 'post'>;

const enc = (v: Id) => encodeURIComponent(String(v));

export const party = {
  orgs: (q: OrgQuery, signal?: AbortSignal) => api.get<Ok<'/api/party/orgs'>>('/api/party/orgs', { query: { ...q }, signal }),
  org: (id: Id) => api.get<OrgDetail>(`/api/party/orgs/${enc(id)}`),
  createOrg: (body: OrgInput) => api.post<Created>('/api/party/orgs', body),
  updateOrg: (id: Id, body: OrgEdit) => api.put<Created>(`/api/party/orgs/${enc(id)}`, body),
  dissolveOrg: (id: Id, body: BodyOf<'/api/party/orgs/{id}/dissolve', 'post'>) =>
    api.post<Created>(`/api/party/orgs/${enc(id)}/dissolve`, body),
  appoint: (id: Id, body: AppointInput) => api.post<Created>(`/api/party/orgs/${enc(id)}/secretary`, body),
  members: (q: MemberQuery, signal?: AbortSignal) => api.get<Ok<'/api/party/members'>>('/api/party/members', { query: { ...q }, signal }),
  member: (id: Id) => api.get<MemberDetail>(`/api/party/members/${enc(id)}`),
  addMember: (body: MemberInput) => api.post<Created>('/api/party/members', body),
  updateMember: (id: Id, body: MemberEdit) => api.put<Created>(`/api/party/members/${enc(id)}`, body),
  leave: (id: Id, body: LeaveInput) => api.post<Created>(`/api/party/members/${enc(id)}/leave`, body),
  move: (id: Id, body: MoveInput) => api.post<Created>(`/api/party/members/${enc(id)}/move`, body),
  pair: (id: Id, body: PairInput) => api.post<Created>(`/api/party/members/${enc(id)}/pairings`, body),
  endPairing: (id: Id, date: string) => api.post<Created>(`/api/party/pairings/${enc(id)}/end`, { date }),
  householdPairings: (id: Id) => api.get<Ok<'/api/party/households/{id}/pairings'>>(`/api/party/households/${enc(id)}/pairings`),
  villageProfile: (code: string) => api.get<VillageProfile>(`/api/villages/${enc(code)}/profile`),
};
