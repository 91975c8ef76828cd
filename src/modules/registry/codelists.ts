import { readFileSync } from 'node:fs';
import { toHalfWidth } from './idcard.ts';

/**
 * The registry's code lists (data/codelists/registry.json): stable codes stored in the database, Chinese and English
 * labels, and the synonyms that real files contain. Loaded once, on first use.
 */

/** The ids of data/codelists/registry.json's lists (codelists.test.ts checks that they match). */
export const CODE_LIST_IDS = [
  'household_category',
  'poverty_cause',
  'household_status',
  'relation',
  'gender',
  'ethnicity',
  'education',
  'schooling',
  'health',
  'labour',
  'work',
  'yes_no',
  'project_type',
  'project_state',
] as const;

export type CodeListId = (typeof CODE_LIST_IDS)[number];

export interface CodeItem {
  code: string;
  zh: string;
  en: string;
  synonyms?: string[];
}

export interface CodeList {
  id: CodeListId;
  label: { zh: string; en: string };
  items: CodeItem[];
}

export type Lang = 'zh' | 'zh-CN' | 'en';

const FILE = new URL('../../../data/codelists/registry.json', import.meta.url);

interface Loaded {
  lists: Map<CodeListId, CodeList>;
  /** normalised text → code, per list */
  lookup: Map<CodeListId, Map<string, string>>;
  byCode: Map<CodeListId, Map<string, CodeItem>>;
}

let loaded: Loaded | null = null;

/**
 * The form a label is compared in: trimmed, full-width → half-width (so （） become ()), other bracket shapes → (),
 * runs of spaces collapsed and dropped next to Chinese characters or brackets, ASCII lowercased.
 * For ethnicity a trailing 族 is dropped, so 汉 and 汉族 compare equal.
 */
export function normaliseLabel(raw: string, listId?: CodeListId): string {
  let s = toHalfWidth(raw)
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\ufeff]/g, ' ')
    .replace(/[〔【［﹝]/g, '(')
    .replace(/[〕】］﹞]/g, ')')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?([^\x20-\x7e]|[()/]) ?/g, '$1')
    .toLowerCase();
  if (listId === 'ethnicity' && s.length > 1 && s.endsWith('族')) s = s.slice(0, -1);
  return s;
}

function load(): Loaded {
  if (loaded) return loaded;
  const data = JSON.parse(readFileSync(FILE, 'utf8')) as { lists: CodeList[] };
  const lists = new Map<CodeListId, CodeList>();
  const lookup = new Map<CodeListId, Map<string, string>>();
  const byCode = new Map<CodeListId, Map<string, CodeItem>>();
  for (const list of data.lists) {
    const keys = new Map<string, string>();
    const codes = new Map<string, CodeItem>();
    for (const item of list.items) {
      if (codes.has(item.code)) throw new Error(`code list ${list.id}: duplicate code ${item.code}`);
      codes.set(item.code, item);
      for (const text of [item.code, item.zh, item.en, ...(item.synonyms ?? [])]) {
        const key = normaliseLabel(text, list.id);
        const other = keys.get(key);
        if (other !== undefined && other !== item.code) {
          throw new Error(`code list ${list.id}: "${text}" would mean both ${other} and ${item.code}`);
        }
        keys.set(key, item.code);
      }
    }
    lists.set(list.id, list);
    lookup.set(list.id, keys);
    byCode.set(list.id, codes);
  }
  loaded = { lists, lookup, byCode };
  return loaded;
}

function need<T>(map: Map<CodeListId, T>, listId: CodeListId): T {
  const v = map.get(listId);
  if (v === undefined) throw new Error(`unknown code list: ${listId}`);
  return v;
}

/** The code a cell value means (its code, Chinese or English label, or a synonym), or null when it means none. */
// A register repeats the same few labels hundreds of thousands of times: remember what each raw text resolved to.
const resolved = new Map<string, string | null>();
const RESOLVED_MAX = 50_000;

export function resolveCode(listId: CodeListId, raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const memoKey = `${listId}\u0000${raw}`;
  const hit = resolved.get(memoKey);
  if (hit !== undefined) return hit;
  const lookup = need(load().lookup, listId);
  const key = normaliseLabel(raw, listId);
  const code = key === '' ? null : (lookup.get(key) ?? null);
  if (resolved.size >= RESOLVED_MAX) resolved.clear();
  resolved.set(memoKey, code);
  return code;
}

/** Display label of a code; null for a code the list does not have. */
export function label(listId: CodeListId, code: string, lang: Lang = 'zh-CN'): string | null {
  const item = need(load().byCode, listId).get(code);
  if (!item) return null;
  return lang === 'en' ? item.en : item.zh;
}

/** The items of a list, in their defined order. */
export function listItems(listId: CodeListId): readonly CodeItem[] {
  return need(load().lists, listId).items;
}

/** The codes of a list, in their defined order (for zod enums and SQL checks). */
export function listCodes(listId: CodeListId): string[] {
  return listItems(listId).map((i) => i.code);
}

/** Every list, with its own label (for an API that serves the lists to the web app). */
export function codeLists(): readonly CodeList[] {
  return [...load().lists.values()];
}

/** A list's own title, e.g. 主要致贫原因 / Main cause of poverty. */
export function listLabel(listId: CodeListId, lang: Lang = 'zh-CN'): string {
  const l = need(load().lists, listId).label;
  return lang === 'en' ? l.en : l.zh;
}
