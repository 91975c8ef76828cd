import type { StagedRow } from './validate-row.ts';

/** A checked row as import_row holds it, and its COPY text form (what a checking thread sends back). */
export type StagedWithProblems = StagedRow & { problems: string | null };

/**
 * A staging table of one kind of import: its name and its columns with their SQL types, in COPY order (after
 * `batch_id`). The register stages into import_row; other kinds (the cadres' postings) into their own table.
 */
export interface StagingTarget<Row> {
  table: string;
  types: Readonly<Record<keyof Row & string, string>>;
  columns: readonly (keyof Row & string)[];
}

export function stagingTarget<Row>(table: string, types: Record<keyof Row & string, string>): StagingTarget<Row> {
  return { table, types, columns: Object.keys(types) as (keyof Row & string)[] };
}

export const STAGED_TYPES: Record<keyof StagedWithProblems, string> = {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  household_no: 'text',
  name: 'text',
  name_initials: 'text',
  name_pinyin: 'text',
  id_tail_hash: 'text',
  id_hash: 'text',
  id_cipher: 'text',
  id_masked: 'text',
  gender: 'text',
  birth_date: 'date',
  ethnicity: 'text',
  relation: 'text',
  education: 'text',
  schooling: 'text',
  health: 'text',
  labour: 'text',
  work: 'text',
  medical_insurance: 'bool',
  category: 'text',
  cause: 'text',
  year_identified: 'int',
  planned_exit_year: 'int',
  exit_year: 'int',
  status: 'text',
  income: 'numeric',
  helper_name: 'text',
  phone_cipher: 'text',
  phone_masked: 'text',
  phone_hash: 'text',
  problems: 'jsonb',
};
export const REGISTER_STAGING = stagingTarget<StagedWithProblems>('import_row', STAGED_TYPES);
export const STAGED_COLUMNS = REGISTER_STAGING.columns;

const SPECIAL = /[\\\t\n\r]/;
const escapeCopy = (s: string) =>
  SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;

/** One row in COPY's text format (tab-separated, \N for null), ending in a newline. */
export function copyLine<Row = StagedWithProblems>(
  batchId: number,
  row: Row,
  target: StagingTarget<Row> = REGISTER_STAGING as unknown as StagingTarget<Row>,
): string {
  let line = String(batchId);
  for (const c of target.columns) {
    const v = row[c] as unknown;
    line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') line += String(v);
    else line += escapeCopy(String(v));
  }
  return `${line}\n`;
}
