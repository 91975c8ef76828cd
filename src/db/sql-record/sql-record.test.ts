import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFiles, missingCases, ROOT, recordAll, SYNC_COMMAND, staleFiles } from './record.ts';

// The recorded SQL beside each query file must be what the code sends now: a reviewer reads the statements, not
// only the builder code. On PGlite only: Kysely compiles the same text for both engines.
describe('recorded SQL', () => {
  it('covers every queries.ts (and <topic>.queries.ts) and the hot paths', () => {
    const files = caseFiles();
    const queries = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => path.basename(f) === 'queries.ts' || f.endsWith('.queries.ts'))
      .map((f) => `src/${f.split(path.sep).join('/')}`.replace(/\.ts$/, ''));
    expect(queries.length).toBeGreaterThan(5);
    for (const required of [...queries, 'src/modules/command/rollups', 'src/modules/registry/import/merge']) {
      expect(files, `${required}.sql-cases.ts is missing`).toContain(`${required}.sql-cases.ts`);
    }
  });

  it('names the functions a cases file leaves out', async () => {
    const module = { listThings: () => 1, countThings: () => 2, Helper: class {} };
    const file = { module, cases: { listThings: () => Promise.resolve(1) } };
    expect(missingCases(file)).toEqual(['countThings']);
  });

  it(`is up to date (else run \`${SYNC_COMMAND}\`)`, async () => {
    const stale = staleFiles(await recordAll());
    const report = stale.map((s) => `${s.file}:${s.line}\n  recorded:   ${s.expected}\n  checked in: ${s.found}`).join('\n');
    expect(stale, `SQL files out of date; run \`${SYNC_COMMAND}\` and commit them:\n${report}`).toEqual([]);
  }, 600_000);
});
