/**
 * A column set: the columns of one interchange format (the register's 26, the cadres' postings …), how their headers
 * are recognised as clerks write them (full-width brackets, missing bracket parts, line breaks inside cells, English
 * headers, any order), which columns a header must have, which hold digits that must stay text, and how wide they are
 * written. The reader, the writers and the error report take a set; the register's is their default (headers.ts).
 */

export interface ColumnDef<Id extends string = string> {
  /** snake_case English identifier, stable: used in code, JSON reports and the API. */
  readonly id: Id;
  /** The canonical Chinese header, as written on export. */
  readonly zh: string;
  /** The English header, as written on an English export (and accepted on import). */
  readonly en: string;
  /** Other spellings accepted on import (besides zh, en and the id itself). */
  readonly variants: readonly string[];
}

export type HeaderLang = 'zh-CN' | 'en';

export interface HeaderMatch<Id extends string = string> {
  /** 0-based index of the cell in the row → the column it holds. */
  mapping: Map<number, Id>;
  /** Canonical columns not present, in canonical order. */
  missing: Id[];
  /** Non-empty header cells that name no known column (or repeat one already found), as written. */
  ignored: string[];
}

export interface ColumnSetSpec<Id extends string> {
  /** What the set is called in logs and tests ('register', 'postings'). */
  name: string;
  /** The columns in canonical (export) order. */
  columns: readonly ColumnDef<Id>[];
  /** Columns without which a header is refused (MISSING_COLUMNS). */
  required: readonly Id[];
  /** Columns holding long digit strings that Excel must never turn into numbers: written as text (format '@'). */
  text: readonly Id[];
  /** Display widths in characters (default 12). */
  widths?: Partial<Record<Id, number>>;
  /** The worksheet's name on export. */
  sheetName: Readonly<Record<HeaderLang, string>>;
}

export interface ColumnSet<Id extends string = string> extends Readonly<ColumnSetSpec<Id>> {
  readonly ids: readonly Id[];
  readonly byId: ReadonlyMap<Id, ColumnDef<Id>>;
  /** Spellings that would map to two columns; a test keeps it empty. */
  readonly conflicts: readonly string[];
  /** The column a header cell names, or null. */
  match(cell: unknown): Id | null;
  /**
   * Recognises a header row. Returns null when fewer than MIN_HEADER_MATCHES cells name a known column (a title row,
   * a data row, an empty row). Unknown columns are reported in `ignored`, not an error; when a column appears twice
   * the first one wins and the repeat is ignored.
   */
  matchRow(cells: readonly unknown[]): HeaderMatch<Id> | null;
  /** The header as written on export in `lang`. */
  label(id: Id, lang: HeaderLang): string;
  width(id: Id): number;
}

/** A header row needs at least this many recognised headers; a data row never matches three header names. */
export const MIN_HEADER_MATCHES = 3;

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g;
const PUNCTUATION = /[()[\]【】〔〕{}<>《》、,，;；:：/\\|.。·_\-'"‘’“”*※#?？!！]/g;

/** Full-width → half-width (NFKC), no whitespace of any kind (spaces, U+3000, line breaks), lower case. */
function squeeze(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .toLowerCase();
}

/** The key a header is matched by: squeezed, punctuation and brackets removed, their content kept. */
export function headerKey(text: string): string {
  return squeeze(text).replace(PUNCTUATION, '');
}

/** The key with bracketed parts dropped: 县(市、区) → 县, 人均纯收入（元） → 人均纯收入. */
function stemKey(text: string): string {
  return squeeze(text).replace(BRACKETED, '').replace(PUNCTUATION, '');
}

export function defineColumnSet<Id extends string>(spec: ColumnSetSpec<Id>): ColumnSet<Id> {
  const full = new Map<string, Id>();
  const stem = new Map<string, Id>();
  const conflicts: string[] = [];
  const put = (map: Map<string, Id>, key: string, id: Id) => {
    if (!key) return;
    const had = map.get(key);
    if (had && had !== id) conflicts.push(`${key}: ${had} / ${id}`);
    else map.set(key, id);
  };
  for (const col of spec.columns) {
    for (const spelling of [col.zh, col.en, col.id, ...col.variants]) {
      put(full, headerKey(spelling), col.id);
      put(stem, stemKey(spelling), col.id);
    }
  }
  const ids = spec.columns.map((c) => c.id);
  const byId = new Map(spec.columns.map((c) => [c.id, c]));

  const match = (cell: unknown): Id | null => {
    if (typeof cell !== 'string' || cell.trim() === '') return null;
    return full.get(headerKey(cell)) ?? stem.get(stemKey(cell)) ?? null;
  };

  const matchRow = (cells: readonly unknown[]): HeaderMatch<Id> | null => {
    const mapping = new Map<number, Id>();
    const found = new Set<Id>();
    const ignored: string[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const text = typeof cell === 'string' ? cell.trim() : cell == null ? '' : String(cell);
      if (text === '') continue;
      const id = match(text);
      if (id && !found.has(id)) {
        mapping.set(i, id);
        found.add(id);
      } else {
        ignored.push(text.replace(/\s+/g, ' '));
      }
    }
    if (found.size < MIN_HEADER_MATCHES) return null;
    return { mapping, missing: ids.filter((id) => !found.has(id)), ignored };
  };

  const label = (id: Id, lang: HeaderLang): string => {
    const col = byId.get(id);
    if (!col) throw new Error(`unknown column ${id} of ${spec.name}`);
    return lang === 'en' ? col.en : col.zh;
  };

  return Object.freeze({
    ...spec,
    widths: spec.widths ?? {},
    ids,
    byId,
    conflicts,
    match,
    matchRow,
    label,
    width: (id: Id) => spec.widths?.[id] ?? 12,
  });
}
