// One function per foundation endpoint.
import { currentLang } from '../i18n';
import { api } from './client';
import type { AuditRow, Health, Id, Me, Page, Region, RegionSummary, RegionWithPath, Role, User } from './types';

export const health = () => api.get<Health>('/api/health', { noRedirect: true });

export const auth = {
  me: () => api.get<{ user: Me }>('/api/auth/me', { noRedirect: true }).then((r) => r.user),
  login: (username: string, password: string) =>
    api.post<{ user: Me }>('/api/auth/login', { username, password }, { noRedirect: true }).then((r) => r.user),
  logout: () => api.post<{ ok: true }>('/api/auth/logout', {}, { noRedirect: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ ok: true }>('/api/auth/change-password', { currentPassword, newPassword }),
  setLanguage: (language: string) => api.put<{ ok: true }>('/api/auth/language', { language }, { noRedirect: true }),
};

// Region lookups are cached per language for the page's life (regions change once a year).
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
export function clearRegionCache(): void {
  cache.clear();
}

export const regions = {
  get: (code: string) => cached(`r:${code}`, () => api.get<RegionWithPath>(`/api/regions/${encodeURIComponent(code)}`)),
  children: (code: string) =>
    cached(`c:${code}`, () => api.get<{ items: Region[] }>(`/api/regions/${encodeURIComponent(code)}/children`).then((r) => r.items)),
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    api.get<{ items: RegionWithPath[] }>('/api/regions/search', { query: { q, limit }, signal }).then((r) => r.items),
  summary: (region?: string) => cached(`s:${region ?? ''}`, () => api.get<RegionSummary>('/api/regions/summary', { query: { region } })),
};

export const roles = {
  list: () => api.get<{ items: Role[]; assignable: string[] }>('/api/roles'),
};

export interface UserQuery {
  region?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export const users = {
  list: (q: UserQuery) => api.get<Page<User>>('/api/users', { query: { ...q } }),
  get: (id: Id) => api.get<User>(`/api/users/${encodeURIComponent(String(id))}`),
  create: (body: { username: string; displayName: string; role: string; scopeCode: string; password: string }) =>
    api.post<User>('/api/users', body),
  disable: (id: Id) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/disable`),
  enable: (id: Id) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/enable`),
  resetPassword: (id: Id, password: string) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/reset-password`, { password }),
};

export interface AuditQuery {
  actor?: string;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
  cursor?: string | null;
  limit?: number;
}

export const audit = {
  list: (q: AuditQuery) => api.get<Page<AuditRow>>('/api/audit', { query: { ...q } }),
  entities: () => api.get<{ items: string[] }>('/api/audit/entities').then((r) => r.items),
};
