// The security-events view (province administrator, permission security.read).
import { api } from './client';
import type { Ok, Paged, QueryOf, Schemas } from './schema';

export type SecurityEvent = Schemas['SecurityEvent'];
export type SecurityKind = Ok<'/api/security/kinds'>['items'][number];
export type SecuritySummary = Schemas['SecuritySummary'];
export type SecurityQuery = Paged<QueryOf<'/api/security/events'>>;

export const security = {
  events: (q: SecurityQuery) => api.get<Ok<'/api/security/events'>>('/api/security/events', { query: { ...q } }),
  kinds: () => api.get<Ok<'/api/security/kinds'>>('/api/security/kinds').then((r) => r.items),
  summary: () => api.get<SecuritySummary>('/api/security/summary'),
  exportXlsx: (q: QueryOf<'/api/security/events/export'>) =>
    api.download('/api/security/events/export', { query: { ...q }, fallbackName: 'security-events.xlsx' }),
};
