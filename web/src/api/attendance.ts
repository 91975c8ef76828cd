// Attendance (出勤统计) of resident cadres: the month's list, a cadre's month, computing, deciding flags.
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';
import type { Id } from './types';

export type AttendanceItem = Schemas['AttendanceItem'];
export type FlagView = Schemas['FlagView'];
export type FlagCode = FlagView['code'];
export type AttendanceQuery = Paged<QueryOf<'/api/cadres/attendance'>>;
export type AttendancePage = Ok<'/api/cadres/attendance'>;
export type AttendanceDetail = Ok<'/api/cadres/postings/{id}/attendance'>;
export type DayKind = AttendanceDetail['days'][number]['kind'];
export type DecideBody = BodyOf<'/api/cadres/flags/{id}/decision', 'post'>;

const enc = (v: Id) => encodeURIComponent(String(v));

export const attendance = {
  list: (q: AttendanceQuery, signal?: AbortSignal) => api.get<AttendancePage>('/api/cadres/attendance', { query: { ...q }, signal }),
  compute: (body: BodyOf<'/api/cadres/attendance/compute', 'post'>) =>
    api.post<Ok<'/api/cadres/attendance/compute', 'post'>>('/api/cadres/attendance/compute', body),
  detail: (postingId: Id, month: string) =>
    api.get<AttendanceDetail>(`/api/cadres/postings/${enc(postingId)}/attendance`, { query: { month } }),
  decide: (flagId: Id, body: DecideBody) =>
    api.post<Ok<'/api/cadres/flags/{id}/decision', 'post'>>(`/api/cadres/flags/${enc(flagId)}/decision`, body),
};
