// One function per foundation endpoint; the shapes come from the server's OpenAPI document (schema.ts).
import { currentLang } from '../i18n';
import { api } from './client';
import type { BodyOf, Ok } from './schema';
import type { AuditPage, AuditQuery, Health, Id, RegionSummary, RegionWithPath, User, UserPage, UserQuery } from './types';

export type { AuditQuery, UserQuery } from './types';

export const health = () => api.get<Health>('/api/health', { noRedirect: true });

export const auth = {
  me: () => api.get<Ok<'/api/auth/me'>>('/api/auth/me', { noRedirect: true }).then((r) => r.user),
  login: (username: string, password: string) =>
    api.post<Ok<'/api/auth/login', 'post'>>('/api/auth/login', { username, password }, { noRedirect: true }).then((r) => r.user),
  logout: () => api.post<Ok<'/api/auth/logout', 'post'>>('/api/auth/logout', {}, { noRedirect: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<Ok<'/api/auth/change-password', 'post'>>('/api/auth/change-password', { currentPassword, newPassword }),
  setLanguage: (language: BodyOf<'/api/auth/language', 'put'>['language']) =>
    api.put<Ok<'/api/auth/language', 'put'>>('/api/auth/language', { language }, { noRedirect: true }),
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
    cached(`c:${code}`, () =>
      api.get<Ok<'/api/regions/{code}/children'>>(`/api/regions/${encodeURIComponent(code)}/children`).then((r) => r.items),
    ),
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    api.get<Ok<'/api/regions/search'>>('/api/regions/search', { query: { q, limit }, signal }).then((r) => r.items),
  summary: (region?: string) => cached(`s:${region ?? ''}`, () => api.get<RegionSummary>('/api/regions/summary', { query: { region } })),
};

export const roles = {
  list: () => api.get<Ok<'/api/roles'>>('/api/roles'),
};

export const users = {
  list: (q: UserQuery) => api.get<UserPage>('/api/users', { query: { ...q } }),
  get: (id: Id) => api.get<User>(`/api/users/${encodeURIComponent(String(id))}`),
  create: (body: BodyOf<'/api/users', 'post'>) => api.post<User>('/api/users', body),
  disable: (id: Id) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/disable`),
  enable: (id: Id) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/enable`),
  resetPassword: (id: Id, password: string) => api.post<User>(`/api/users/${encodeURIComponent(String(id))}/reset-password`, { password }),
};

export const audit = {
  list: (q: AuditQuery) => api.get<AuditPage>('/api/audit', { query: { ...q } }),
  entities: () => api.get<Ok<'/api/audit/entities'>>('/api/audit/entities').then((r) => r.items),
};
