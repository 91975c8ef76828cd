import type { z } from 'zod';
import type { Lang } from '../../server/i18n.ts';
import type { AuditChange as AuditChangeSchema } from './schema.ts';

/**
 * How an audit row's before and after read to a clerk: a label per field, keyed by the field's path in the snapshot
 * (`cause`, `members.phone` — an item of a list adds no segment), and how a value reads (a code list's label, a
 * region's name). A module declares one table per entity it records (FupinModule.auditFields); a field without an
 * entry is shown under its path.
 */
export interface AuditField {
  zh: string;
  en: string;
  /** The label of a stored code (因病 for `illness`); null when the code is unknown (the code is shown). */
  value?: (code: string, lang: Lang) => string | null;
  /** The value is a region code: shown by its name. */
  region?: boolean;
  /** A list whose items are told apart by this key (a member's personId): items are compared one by one. */
  key?: string;
  /** The item field that names an item of such a list (a member's name). */
  title?: string;
}

export interface AuditFieldTable {
  /** The snapshot field that names the record in the object column (a household's number). */
  name?: string;
  fields: Record<string, AuditField>;
}

/** One changed field as the API sends it (schema.ts). */
export type AuditChange = z.infer<typeof AuditChangeSchema>;

const tables = new Map<string, AuditFieldTable>();

export function registerAuditFields(entity: string, table: AuditFieldTable) {
  tables.set(entity, table);
}

export const auditFields = (entity: string): AuditFieldTable | undefined => tables.get(entity);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const empty = (v: unknown) => v === null || v === undefined || v === '';

/** Region codes → names, filled by the caller for the fields marked `region` (regionCodes lists them). */
export type RegionNames = Map<string, string>;

/**
 * The fields that differ between before and after, in the table's words. On a create (no before) or a delete (no
 * after) every field with a value is listed. A field one snapshot has and the other lacks is not compared: it was
 * not recorded then (snapshots gain fields over time), which is not a change.
 */
export function diffSnapshots(
  entity: string,
  before: unknown,
  after: unknown,
  lang: Lang,
  regions: RegionNames = new Map(),
): AuditChange[] {
  if (!isObject(before) && !isObject(after)) return [];
  const table = tables.get(entity) ?? { fields: {} };
  const out: AuditChange[] = [];
  walk(table, isObject(before) ? before : null, isObject(after) ? after : null, '', '', '', lang, regions, out);
  return out;
}

function walk(
  table: AuditFieldTable,
  before: Json | null,
  after: Json | null,
  fieldPath: string,
  path: string,
  labelPrefix: string,
  lang: Lang,
  regions: RegionNames,
  out: AuditChange[],
) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (before && after && (!(k in before) || !(k in after))) continue;
    const fp = fieldPath ? `${fieldPath}.${k}` : k;
    const p = path ? `${path}.${k}` : k;
    const spec = table.fields[fp];
    const label = labelPrefix + (spec ? (lang === 'en' ? spec.en : spec.zh) : fp);
    if (spec?.key && (Array.isArray(a) || Array.isArray(b))) {
      listChanges(table, spec, Array.isArray(b) ? b : [], Array.isArray(a) ? a : [], fp, p, label, lang, regions, out);
    } else if (isObject(a) || isObject(b)) {
      walk(table, isObject(b) ? b : null, isObject(a) ? a : null, fp, p, `${label} · `, lang, regions, out);
    } else if (!same(b, a) && !(empty(b) && empty(a))) {
      out.push(change(p, label, b, a, (v) => text(table, fp, v, lang, regions)));
    }
  }
}

function change(path: string, label: string, b: unknown, a: unknown, show: (v: unknown) => string | null): AuditChange {
  const c: AuditChange = { path, label, before: show(b), after: show(a) };
  const coded = (v: unknown, shown: string | null) => (typeof v === 'string' || typeof v === 'number') && String(v) !== shown;
  if (coded(b, c.before)) c.beforeCode = String(b);
  if (coded(a, c.after)) c.afterCode = String(a);
  return c;
}

/** Items matched by their key: a changed item lists its changed fields; an added or removed one is one line. */
function listChanges(
  table: AuditFieldTable,
  spec: AuditField,
  before: unknown[],
  after: unknown[],
  fieldPath: string,
  path: string,
  label: string,
  lang: Lang,
  regions: RegionNames,
  out: AuditChange[],
) {
  const key = spec.key as string;
  const byKey = (list: unknown[]) => new Map(list.filter(isObject).map((item) => [String(item[key]), item]));
  const b = byKey(before);
  const a = byKey(after);
  for (const id of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(id) ?? null;
    const y = a.get(id) ?? null;
    const titleField = spec.title ?? key;
    const named = text(table, `${fieldPath}.${titleField}`, (y ?? x)?.[titleField], lang, regions) ?? id;
    if (x && y) {
      walk(table, x, y, fieldPath, `${path}.${id}`, `${label}「${named}」 · `, lang, regions, out);
    } else {
      const summary = (item: Json | null) => (item ? summarise(table, fieldPath, key, item, lang, regions) : null);
      out.push({ path: `${path}.${id}`, label, before: summary(x), after: summary(y) });
    }
  }
}

/** An added or removed item in one line: its fields' values in the table's order, the key left out. */
function summarise(table: AuditFieldTable, fieldPath: string, key: string, item: Json, lang: Lang, regions: RegionNames): string {
  const listed = Object.keys(table.fields)
    .filter((f) => f.startsWith(`${fieldPath}.`))
    .map((f) => f.slice(fieldPath.length + 1));
  const order = [...listed, ...Object.keys(item).filter((k) => !listed.includes(k))];
  return order
    .filter((k) => k !== key && !empty(item[k]) && typeof item[k] !== 'object')
    .map((k) => text(table, `${fieldPath}.${k}`, item[k], lang, regions))
    .join(' · ');
}

function text(table: AuditFieldTable, fieldPath: string, v: unknown, lang: Lang, regions: RegionNames): string | null {
  if (empty(v)) return null;
  const spec = table.fields[fieldPath];
  if (typeof v === 'boolean') return lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否';
  if (spec?.region) return regions.get(String(v)) ?? String(v);
  if (spec?.value && typeof v !== 'object') return spec.value(String(v), lang) ?? String(v);
  if (Array.isArray(v)) return v.map((x) => (isObject(x) ? JSON.stringify(x) : String(x))).join('、');
  if (isObject(v)) return JSON.stringify(v);
  return String(v);
}

/** The region codes held in fields marked `region`, so the caller can look their names up in one query. */
export function regionCodes(entity: string, value: unknown, fieldPath = '', out = new Set<string>()): Set<string> {
  const table = tables.get(entity);
  if (!table) return out;
  if (Array.isArray(value)) for (const v of value) regionCodes(entity, v, fieldPath, out);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) regionCodes(entity, v, fieldPath ? `${fieldPath}.${k}` : k, out);
  } else if (typeof value === 'string' && table.fields[fieldPath]?.region) out.add(value);
  return out;
}
