// Types and one function per endpoint of the command centre (指挥中心), after src/modules/command/schema.ts.
import type { FeatureCollection, Geometry } from 'geojson';
import { currentLang } from '../i18n';
import { api } from './client';

export type Status = 'good' | 'warn' | 'bad' | null;
export type Severity = 'high' | 'medium' | 'low';

export interface IndicatorMeta {
  id: string;
  name: string;
  unit: string;
  format: 'count' | 'percent' | 'yuan';
  /** neutral: a count that is neither good nor bad in itself (no colour for its change). */
  better: 'higher' | 'lower' | 'neutral';
  target: number | null;
  group: string;
  groupName: string;
  /** Shown as a key figure on the dashboard and in the briefing. */
  key: boolean;
  /** Charted month by month. */
  trend: boolean;
}

export interface Catalog {
  indicators: IndicatorMeta[];
  breakdowns: { id: string; name: string }[];
  alertRules: { id: string; name: string; severity: Severity }[];
  latestMonth: string;
  defaultIndicator: string;
}

export interface CommandRegionRef {
  code: string;
  name: string;
  level: number;
}

export interface Figure {
  id: string;
  value: number | null;
  previous: number | null;
  status: Status;
}

export interface ChildRow {
  code: string;
  name: string;
  level: number;
  isPovertyCounty: boolean;
  values: Record<string, number | null>;
  status: Record<string, Status>;
}

export interface AlertSummary {
  rule: string;
  name: string;
  severity: Severity;
  count: number;
  acknowledged: number;
}

export interface Breakdown {
  id: string;
  name: string;
  items: { key: string; label: string; value: number }[];
}

export interface Dashboard {
  region: CommandRegionRef & { path: CommandRegionRef[] };
  month: string;
  previousMonth: string;
  referenceYear: number;
  figures: Figure[];
  trend: { months: string[]; series: { id: string; values: (number | null)[] }[] };
  breakdowns: Breakdown[];
  children: ChildRow[];
  alerts: AlertSummary[];
}

export interface MapValues {
  level: number;
  month: string;
  items: ChildRow[];
}

export type AlertLink = { kind: 'household'; id: number; countyCode: string } | { kind: 'village'; code: string };

export interface AlertItem {
  rule: string;
  key: string;
  severity: Severity;
  what: string;
  region: { code: string; name: string; path: string };
  since: string;
  link: AlertLink;
  acknowledged: { by: string; at: string; note: string | null } | null;
}

export interface AlertList {
  items: AlertItem[];
  nextCursor: string | null;
}

export type AlertState = 'open' | 'acknowledged' | 'all';

export interface BriefingRow {
  code: string;
  name: string;
  values: Record<string, { value: number | null; rank: number | null; worst: boolean }>;
  flags: number;
}

export interface Briefing {
  region: CommandRegionRef & { path: CommandRegionRef[] };
  month: string;
  generatedAt: string;
  indicators: IndicatorMeta[];
  totals: Record<string, number | null>;
  rows: BriefingRow[];
  summary: string[];
}

export interface CountyProps {
  code: string;
  name: string;
  city: string;
}
export type CountyGeo = FeatureCollection<Geometry, CountyProps>;

// The catalog changes with the language only; the county shapes never: cached for the page's life.
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export const command = {
  catalog: () => cached(`catalog|${currentLang()}`, () => api.get<Catalog>('/api/command/catalog')),
  dashboard: (region: string | undefined, month: string | undefined, signal?: AbortSignal) =>
    api.get<Dashboard>('/api/command/dashboard', { query: { region, month }, signal }),
  map: (q: { region?: string; month?: string; level?: number }, signal?: AbortSignal) =>
    api.get<MapValues>('/api/command/map', { query: { ...q }, signal }),
  geo: () => cached('geo', () => api.get<CountyGeo>('/api/command/geo')),
  alerts: (q: { region?: string; rule?: string; state?: AlertState; cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
    api.get<AlertList>('/api/command/alerts', { query: { ...q }, signal }),
  ack: (body: { rule: string; key: string; note?: string }) => api.post<null>('/api/command/alerts/ack', body),
  briefing: (region: string | undefined, month: string | undefined) =>
    api.get<Briefing>('/api/command/briefing', { query: { region, month } }),
  briefingXlsx: (region: string | undefined, month: string | undefined) =>
    api.download('/api/command/briefing.xlsx', { query: { region, month }, fallbackName: 'briefing.xlsx' }),
};
