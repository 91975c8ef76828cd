// One function per endpoint of the resident cadres (驻村帮扶); the shapes come from the server's OpenAPI document.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type CadreUnit = Schemas['CadreUnit'];
export type UnitLevel = CadreUnit['level'];
export type UnitInput = BodyOf<'/api/cadres/units', 'post'>;

export type PostingItem = Schemas['PostingItem'];
export type PostingDetail = Schemas['PostingDetail'];
export type PostingState = PostingItem['state'];
export type PostingRole = PostingItem['role'];
export type PostingInput = BodyOf<'/api/cadres/postings', 'post'>;
export type PostingQuery = Paged<QueryOf<'/api/cadres/postings'>>;
export type PostingPage = Ok<'/api/cadres/postings'>;
export type EndReason = NonNullable<PostingDetail['endReasonCode']>;

export type LeaveItem = Schemas['LeaveItem'];
export type LeaveDetail = Schemas['LeaveDetail'];
export type LeaveState = LeaveItem['state'];
export type LeaveKind = LeaveItem['kind'];
export type LeaveInput = BodyOf<'/api/cadres/postings/{id}/leave', 'post'>;
export type LeaveQuery = Paged<QueryOf<'/api/cadres/leave'>>;
export type LeavePage = Ok<'/api/cadres/leave'>;

export type ReviewSummary = Schemas['CadreReviewSummary'];
export type Rating = ReviewSummary['cap'];
export type ReviewInput = BodyOf<'/api/cadres/postings/{id}/reviews', 'post'>;
export type SpotCheckInput = BodyOf<'/api/cadres/postings/{id}/spot-checks', 'post'>;
export type FieldRecords = Ok<'/api/cadres/postings/{id}/field-records'>;
export type CheckinList = Ok<'/api/cadres/postings/{id}/checkins'>;
export type PostingDevice = Schemas['PostingDevice'];
export const RATINGS: Rating[] = ['excellent', 'competent', 'basic', 'incompetent'];

/** A step of a procedure (posting or leave): the action, the case version read, and what the step asks for. */
export type StepBody = BodyOf<'/api/cadres/postings/{id}/steps', 'post'>;

// The enums the server takes, in the order the forms offer them (the types keep them equal to the server's).
export const POSTING_STATES: PostingState[] = ['proposed', 'in_post', 'finished', 'rotated', 'replaced', 'withdrawn'];
export const ROLES: PostingRole[] = ['first_secretary', 'team_leader', 'team_member'];
export const UNIT_LEVELS: UnitLevel[] = ['province', 'city', 'county', 'township'];
/** The region code length of a unit of each level. */
export const UNIT_LEVEL_LENGTH: Record<UnitLevel, number> = { province: 2, city: 4, county: 6, township: 9 };
export const END_REASONS: EndReason[] = ['seldom_present', 'no_results', 'dissatisfied', 'health', 'promotion', 'other'];
export const LEAVE_STATES: LeaveState[] = ['requested', 'approved', 'rejected', 'cancelled', 'taken'];
export const LEAVE_KINDS: LeaveKind[] = ['personal', 'sick', 'official'];

const enc = (v: Id) => encodeURIComponent(String(v));

export const cadres = {
  units: (region?: string) => api.get<Ok<'/api/cadres/units'>>('/api/cadres/units', { query: { region } }).then((r) => r.items),
  createUnit: (body: UnitInput) => api.post<Ok<'/api/cadres/units', 'post'>>('/api/cadres/units', body),

  postings: (q: PostingQuery, signal?: AbortSignal) => api.get<PostingPage>('/api/cadres/postings', { query: { ...q }, signal }),
  posting: (id: Id) => api.get<PostingDetail>(`/api/cadres/postings/${enc(id)}`),
  propose: (body: PostingInput) => api.post<Ok<'/api/cadres/postings', 'post'>>('/api/cadres/postings', body),
  postingStep: (id: Id, body: StepBody) =>
    api.post<Ok<'/api/cadres/postings/{id}/steps', 'post'>>(`/api/cadres/postings/${enc(id)}/steps`, body),
  askLeave: (postingId: Id, body: LeaveInput) =>
    api.post<Ok<'/api/cadres/postings/{id}/leave', 'post'>>(`/api/cadres/postings/${enc(postingId)}/leave`, body),

  reviews: (postingId: Id, year: number) => api.get<ReviewSummary>(`/api/cadres/postings/${enc(postingId)}/reviews`, { query: { year } }),
  review: (postingId: Id, body: ReviewInput) =>
    api.post<Ok<'/api/cadres/postings/{id}/reviews', 'post'>>(`/api/cadres/postings/${enc(postingId)}/reviews`, body),
  spotCheck: (postingId: Id, body: SpotCheckInput) =>
    api.post<Ok<'/api/cadres/postings/{id}/spot-checks', 'post'>>(`/api/cadres/postings/${enc(postingId)}/spot-checks`, body),
  createLogin: (postingId: Id, body: BodyOf<'/api/cadres/postings/{id}/login', 'post'>) =>
    api.post<Ok<'/api/cadres/postings/{id}/login', 'post'>>(`/api/cadres/postings/${enc(postingId)}/login`, body),

  fieldRecords: (postingId: Id, month: string) =>
    api.get<FieldRecords>(`/api/cadres/postings/${enc(postingId)}/field-records`, { query: { month } }),
  checkins: (postingId: Id, month: string) => api.get<CheckinList>(`/api/cadres/postings/${enc(postingId)}/checkins`, { query: { month } }),
  devices: (postingId: Id) => api.get<Ok<'/api/cadres/postings/{id}/devices'>>(`/api/cadres/postings/${enc(postingId)}/devices`),
  revokeDevice: (postingId: Id, deviceId: Id, reason: string) =>
    api.post<PostingDevice>(`/api/cadres/postings/${enc(postingId)}/devices/${enc(deviceId)}/revoke`, { reason }),

  leaves: (q: LeaveQuery, signal?: AbortSignal) => api.get<LeavePage>('/api/cadres/leave', { query: { ...q }, signal }),
  leave: (id: Id) => api.get<LeaveDetail>(`/api/cadres/leave/${enc(id)}`),
  leaveStep: (id: Id, body: BodyOf<'/api/cadres/leave/{id}/steps', 'post'>) =>
    api.post<Ok<'/api/cadres/leave/{id}/steps', 'post'>>(`/api/cadres/leave/${enc(id)}/steps`, body),
};
