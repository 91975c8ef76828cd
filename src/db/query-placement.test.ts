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
