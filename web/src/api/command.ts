// One function per endpoint of the command centre (指挥中心); the shapes come from the server's OpenAPI document.
import { currentLang } from '../i18n';
import { api } from './client';
import type { BodyOf, Ok, Paged, QueryOf, Schemas } from './schema';

export type IndicatorMeta = Schemas['IndicatorMeta'];
export type Revision = Dashboard['revisions'][number];
/** The list behind a figure or a chart segment: a page of the app and the filter it opens with (the region is added). */
export type ListLink = NonNullable<IndicatorMeta['list']>;
export type Catalog = Schemas['Catalog'];
export type Figure = Schemas['Figure'];
export type Status = Figure['status'];
export type ChildRow = Schemas['ChildRow'];
export type AlertSummary = Schemas['AlertSummary'];
export type Severity = AlertSummary['severity'];
export type Dashboard = Schemas['Dashboard'];
export type CommandRegionRef = Dashboard['region']['path'][number];
export type Breakdown = Dashboard['breakdowns'][number];
export type MapValues = Schemas['MapValues'];
export type AlertItem = Schemas['AlertItem'];
export type AlertLink = Schemas['AlertLink'];
export type AlertList = Schemas['AlertList'];
export type AlertQuery = QueryOf<'/api/command/alerts'>;
export type AlertState = NonNullable<AlertQuery['state']>;
export type Briefing = Schemas['Briefing'];
export type BriefingRow = Schemas['BriefingRow'];
export type CountyGeo = Schemas['CountyGeo'];
export type CountyProps = CountyGeo['features'][number]['properties'];

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
  map: (q: QueryOf<'/api/command/map'>, signal?: AbortSignal) => api.get<MapValues>('/api/command/map', { query: { ...q }, signal }),
  geo: () => cached('geo', () => api.get<CountyGeo>('/api/command/geo')),
  alerts: (q: Paged<AlertQuery>, signal?: AbortSignal) => api.get<AlertList>('/api/command/alerts', { query: { ...q }, signal }),
  ack: (body: BodyOf<'/api/command/alerts/ack', 'post'>) =>
    api.post<Ok<'/api/command/alerts/ack', 'post'>>('/api/command/alerts/ack', body),
  briefing: (region: string | undefined, month: string | undefined) =>
    api.get<Briefing>('/api/command/briefing', { query: { region, month } }),
  briefingXlsx: (region: string | undefined, month: string | undefined) =>
    api.download('/api/command/briefing.xlsx', { query: { region, month }, fallbackName: 'briefing.xlsx' }),
};
