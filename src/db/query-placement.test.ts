import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The database is reached through queries.ts files only (STYLE.md, habit 2; a module may split them by topic as
 * `<topic>.queries.ts`): services, routes, the CLI and the
 * server call named query functions, so that every statement is in a file whose SQL is recorded and reviewed.
 * The exceptions below are files that are themselves data layer, each with the reason.
 */
const ALLOWED: Record<string, string> = {
  'src/db/': 'the database layer itself: connection, migrations, schema introspection, the SQL recorder',
  'src/modules/command/rollups.ts': 'the rollup engine: set-based statements over the indicator tables, recorded in rollups.sql',
  'src/modules/registry/indicators.ts':
    'an indicator provider is SQL by contract: the rollup engine composes its measure and alert fragments',
  'src/modules/registry/indicator-measures.ts': "the registry indicator provider's measure statement (as registry/indicators.ts)",
  'src/modules/registry/indicator-alerts.ts': "the registry indicator provider's alert rules: their items are SQL by contract",
  'src/modules/security/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/cadres/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/cadres/attendance/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/cadres/demo/attendance.ts':
    'the bulk loader of the demo check-ins, points and devices (set-based inserts, as cadres/demo/load.ts)',
  'src/modules/cadres/demo/fieldlog.ts': 'the bulk loader of the demo work logs and visits (set-based, as cadres/demo/attendance.ts)',
  'src/modules/party/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/party/demo/load.ts':
    'the bulk loader of the demo party organisations and members (set-based inserts, as cadres/demo/load.ts)',
  'src/modules/party/ledger/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/party/ledger/demo.ts': 'the bulk loader of the demo ledger and screening (set-based inserts, as cadres/demo/load.ts)',
  'src/modules/party/decisions/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/party/decisions/demo.ts':
    'the bulk loader of the demo decisions (set-based inserts after the demo register and party organisations)',
  'src/modules/party/funds/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/party/funds/demo.ts': 'the bulk loader of the demo funds, pay, income, commitments and reserve cadres (set-based inserts)',
  'src/modules/exit/monitoring/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/exit/monitoring/demo.ts': 'the bulk loader of the demo monitoring cases and department hits (set-based inserts)',
  'src/modules/exit/indicators.ts': 'an indicator provider is SQL by contract (as registry/indicators.ts)',
  'src/modules/exit/demo.ts': 'the bulk loader of the demo exit procedures (set-based inserts after the demo register)',
  'src/modules/command/villages.ts':
    "the village and county filters of the providers' measures (a provider is SQL by contract, as registry/indicators.ts)",
  'src/modules/command/procedure-states.ts':
    'the statement fragments the procedure-run providers share (a provider is SQL by contract, as registry/indicators.ts)',
  'src/modules/procedures/alerts.ts': "the overdue alert rule every procedure gets: an alert rule's items are SQL by contract",
  'src/modules/registry/import/': 'the import pipeline is the data layer of imports: set-based statements over the staging tables',
  'src/modules/registry/search/backfill.ts':
    'a data migration run at start: the search keys of older persons (pinyin and keyed hashes cannot be computed in SQL)',
  'src/modules/registry/demo/load.ts': 'the bulk loader of the demo register (COPY-sized inserts, run once by the CLI and first start)',
  'src/modules/cadres/demo/load.ts':
    'the bulk loader of the demo cadres (set-based inserts after the demo register, as registry/demo/load.ts)',
  'src/modules/settings.ts': 'the settings store: one read per key and the cache around it',
  'fixtures.ts': 'entity fixtures for the scope-walk test, not product code',
  '.sql-cases.ts': 'the calls that record SQL, with the preparation they need',
};

/** Query-builder and raw-SQL entry points of Kysely. */
const QUERYING =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\(|\bsql(<[^>`]*>)?`|\bsql\.(raw|lit|ref|table|id|join)\(/;

/** `queries.ts`, or `<topic>.queries.ts` where a module splits its queries by topic. */
const isQueriesFile = (f: string) => path.basename(f) === 'queries.ts' || f.endsWith('.queries.ts');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function querying(relative: string, text: string): number[] {
  if (isQueriesFile(relative) || relative.endsWith('.test.ts')) return [];
  if (Object.keys(ALLOWED).some((k) => (k.startsWith('src/') ? relative.startsWith(k) : relative.endsWith(k)))) return [];
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (QUERYING.test(line.replace(/\/\/.*$/, ''))) lines.push(i + 1);
  });
  return lines;
}

describe('database access lives in queries.ts', () => {
  it('no service, route, CLI or server file builds a query', () => {
    const offenders = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/${f.split(path.sep).join('/')}`)
      .flatMap((f) => querying(f, readFileSync(path.join(ROOT, f), 'utf8')).map((line) => `${f}:${line}`));
    expect(
      offenders,
      "move these statements into the module's queries.ts (or allow the file in query-placement.test.ts, saying why)",
    ).toEqual([]);
  });

  it('catches the builder and raw SQL, and lets queries.ts and the allowed files be', () => {
    expect(querying('src/modules/users/service.ts', "const r = await tx.selectFrom('app_user').select('id');")).toEqual([1]);
    expect(querying('src/modules/system/routes.ts', 'x\nawait sql<{ n: number }>`SELECT 1`.execute(db);')).toEqual([2]);
    expect(querying('src/cli/user.ts', "await db.deleteFrom('import_row').execute();")).toEqual([1]);
    expect(querying('src/modules/users/queries.ts', "tx.selectFrom('app_user')")).toEqual([]);
    expect(querying('src/modules/registry/export.queries.ts', "tx.selectFrom('region')")).toEqual([]);
    expect(querying('src/modules/registry/import/merge.ts', 'sql`DELETE FROM import_household`')).toEqual([]);
    expect(querying('src/modules/users/service.ts', '// tx.selectFrom in a comment')).toEqual([]);
  });
});

/**
 * The register's tables are written by the registry only: its form, its import and its single-household write path
 * (src/modules/registry/write.ts), which every other module calls inside its own transaction (an exit's close, a death
 * confirmed, a monitoring-only household), so that the register's rules — audit with the changed fields, dated
 * status history, version, scope — hold whoever writes. Beside the registry: the migrations, demo loaders, fixtures
 * and SQL recordings (not product writes), and the exceptions below, each with its reason.
 */
const REGISTER_TABLES = new Set([
  'household',
  'household_member',
  'household_status_history',
  'household_income',
  'household_project',
  'help_pairing',
  'person',
  'person_identity',
]);
const REGISTER_OTHER_WRITERS: { file: string; tables: string[]; why: string }[] = [
  {
    file: 'src/modules/helpers/queries.ts',
    tables: ['help_pairing'],
    why: "the helpers module's bulk assignment ends and starts pairings of many households (decision 0017)",
  },
  {
    file: 'src/modules/cadres/',
    tables: ['person', 'person_identity'],
    why: 'a cadre is a person of the county (one human, one row): the cadres form and import create that person',
  },
  {
    file: 'src/modules/party/interchange/queries.ts',
    tables: ['person', 'person_identity'],
    why: 'a party member is a person of the county (one human, one row): the party import creates that person',
  },
];
const NOT_PRODUCT = (f: string) =>
  f.startsWith('src/db/') ||
  f.endsWith('.test.ts') ||
  f.endsWith('fixtures.ts') ||
  f.endsWith('.sql-cases.ts') ||
  f.endsWith('/demo.ts') ||
  f.includes('/demo/');

/** The register tables a file writes: raw INSERT INTO / UPDATE / DELETE FROM and the builder's insertInto / updateTable / deleteFrom. */
function registerWrites(text: string): string[] {
  const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/g)) found.add(m[1] as string);
  for (const m of code.matchAll(/\.(?:insertInto|updateTable|deleteFrom)\(\s*'(\w+)/g)) found.add(m[1] as string);
  return [...found].filter((t) => REGISTER_TABLES.has(t));
}

function registerOffences(relative: string, text: string): string[] {
  if (relative.startsWith('src/modules/registry/') || NOT_PRODUCT(relative)) return [];
  return registerWrites(text)
    .filter((t) => !REGISTER_OTHER_WRITERS.some((w) => relative.startsWith(w.file) && w.tables.includes(t)))
    .map((t) => `${relative} writes ${t}`);
}

describe('the register is written by the registry', () => {
  it('no other module writes the register tables (they call registry/write.ts in their transaction)', () => {
    const offenders = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/${f.split(path.sep).join('/')}`)
      .flatMap((f) => registerOffences(f, readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders, 'write the register through src/modules/registry/write.ts (or add a reasoned exception)').toEqual([]);
  });

  it('catches raw and builder writes, not reads or other tables', () => {
    expect(registerOffences('src/modules/exit/households/queries.ts', 'sql`UPDATE household SET status = 1`')).toEqual([
      'src/modules/exit/households/queries.ts writes household',
    ]);
    expect(registerOffences('src/modules/exit/x/queries.ts', "tx.deleteFrom('household_member').where('id', '=', 1)")).toEqual([
      'src/modules/exit/x/queries.ts writes household_member',
    ]);
    expect(registerOffences('src/modules/exit/x/queries.ts', 'sql`INSERT INTO household_status_history (a) VALUES (1)`')).toEqual([
      'src/modules/exit/x/queries.ts writes household_status_history',
    ]);
    expect(registerOffences('src/modules/exit/x/queries.ts', 'sql`SELECT * FROM household FOR UPDATE OF household`')).toEqual([]);
    expect(registerOffences('src/modules/exit/x/queries.ts', 'sql`INSERT INTO exit_household (a) VALUES (1)`')).toEqual([]);
    expect(registerOffences('src/modules/registry/write.queries.ts', 'sql`UPDATE household SET version = 1`')).toEqual([]);
    expect(registerOffences('src/modules/helpers/queries.ts', 'sql`UPDATE help_pairing SET end_date = now()`')).toEqual([]);
    expect(registerOffences('src/modules/helpers/queries.ts', 'sql`UPDATE household SET status = 1`')).toEqual([
      'src/modules/helpers/queries.ts writes household',
    ]);
  });
});
