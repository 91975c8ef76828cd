import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'sql-formatter';
import { openMemoryDatabase } from '../connection.ts';
import type { CaseFile, NoSql, Quiet, SqlCase, World } from './define.ts';
import { buildWorld } from './world.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = path.join(ROOT, 'src');
export const CASES_SUFFIX = '.sql-cases.ts';
export const SYNC_COMMAND = 'npm run sql:sync';

/** Every `X.sql-cases.ts` under src/, as paths relative to the repository. */
export function caseFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(CASES_SUFFIX))
    .map((f) => path.relative(ROOT, path.join(SRC, f)).split(path.sep).join('/'))
    .sort();
}

export const sqlFileOf = (casesFile: string) => `${casesFile.slice(0, -CASES_SUFFIX.length)}.sql`;
const sourceOf = (casesFile: string) => `${casesFile.slice(0, -CASES_SUFFIX.length)}.ts`;

const isNoSql = (c: unknown): c is NoSql => typeof c === 'object' && c !== null && 'noSql' in c;
const isClass = (f: unknown) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

/** Exported functions of the module without an entry in its cases: a query that would go unrecorded. */
export function missingCases(file: CaseFile): string[] {
  return Object.entries(file.module)
    .filter(([name, v]) => typeof v === 'function' && !isClass(v) && !(name in file.cases))
    .map(([name]) => name)
    .sort();
}

export function formatStatement(text: string): string {
  try {
    return format(text, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2, paramTypes: { numbered: ['$'] } });
  } catch {
    // A statement the formatter cannot parse is still recorded, as Kysely sent it.
    return text.trim();
  }
}

function header(casesFile: string) {
  return [
    `-- The SQL that ${path.basename(sourceOf(casesFile))} sends, one recorded call per function (and per statement shape),`,
    `-- made by the calls in ${path.basename(casesFile)} on PGlite. Generated: do not edit; run \`${SYNC_COMMAND}\`.`,
  ].join('\n');
}

/** Runs one cases file against a fresh copy of the world and renders the .sql text. */
async function recordFile(casesFile: string, dump: Blob, world: World): Promise<string> {
  const imported = (await import(path.join(ROOT, casesFile))) as { default?: CaseFile };
  const file = imported.default;
  if (!file) throw new Error(`${casesFile}: export default defineCases(module, { … })`);
  const missing = missingCases(file);
  if (missing.length) {
    throw new Error(`${casesFile}: no recorded call for ${missing.join(', ')} (add a case, or { noSql: 'why' } when it sends no SQL)`);
  }
  let statements: string[] | null = null;
  const mem = await openMemoryDatabase({
    loadDataDir: dump,
    log: (event) => {
      statements?.push(event.query.sql);
    },
  });
  const quiet: Quiet = async (work) => {
    const saved = statements;
    statements = null;
    try {
      return await work();
    } finally {
      statements = saved;
    }
  };
  const out = [header(casesFile)];
  try {
    for (const [fn, entry] of Object.entries(file.cases)) {
      if (isNoSql(entry)) continue;
      const cases: SqlCase[] = typeof entry === 'function' ? [{ run: entry }] : entry;
      for (const c of cases) {
        statements = [];
        try {
          await c.run(mem.db, world, quiet);
        } catch (e) {
          throw new Error(`${casesFile}: ${fn}${c.name ? ` (${c.name})` : ''} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
        const sent = statements;
        statements = null;
        const title = `-- ${fn}${c.name ? `: ${c.name}` : ''}`;
        const body = sent.length ? sent.map((s) => `${formatStatement(s)};`).join('\n\n') : '-- (no statement)';
        out.push(`${title}\n${body}`);
      }
    }
  } finally {
    await mem.close();
  }
  return `${out.join('\n\n')}\n`;
}

/** The .sql text of every cases file, keyed by its path relative to the repository. */
export async function recordAll(only?: string[]): Promise<Map<string, string>> {
  const { dump, world } = await buildWorld();
  const out = new Map<string, string>();
  for (const f of only ?? caseFiles()) out.set(sqlFileOf(f), await recordFile(f, dump, world));
  return out;
}

/** Recorded files that differ from what is checked in (or are missing), with a first differing line each. */
export function staleFiles(recorded: Map<string, string>): { file: string; line: number; expected: string; found: string }[] {
  const stale = [];
  for (const [file, text] of recorded) {
    let current: string | null = null;
    try {
      current = readFileSync(path.join(ROOT, file), 'utf8');
    } catch {}
    if (current === text) continue;
    const a = text.split('\n');
    const b = (current ?? '').split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    stale.push({ file, line: i + 1, expected: a[i] ?? '', found: current === null ? '(file missing)' : (b[i] ?? '(end of file)') });
  }
  return stale;
}
