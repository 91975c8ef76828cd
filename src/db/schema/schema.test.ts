import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../../tests/support/db.ts';
import type { Database } from '../connection.ts';
import { readRepoFile, renderSchemaFiles, SNAPSHOT_FILE, TYPES_FILE } from './sync.ts';

const UPDATE = 'run `npm run sql:sync` and commit src/db/schema.txt and src/db/types.ts';

/** The first line where two texts part, for a message a reader can act on. */
function firstDifference(expected: string, found: string | null) {
  if (found === null) return 'the file is missing';
  const a = expected.split('\n');
  const b = found.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  return `line ${at + 1}: the migrations give\n  ${a[at] ?? '(end of file)'}\nthe file has\n  ${b[at] ?? '(end of file)'}`;
}

// Both engines: the migrations must leave the same schema on PGlite and PostgreSQL, and that schema must be the one
// checked in, types included, so that src/db/types.ts cannot drift from the migrations.
describe.each(engines())('schema snapshot (%s)', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('src/db/schema.txt and src/db/types.ts are what the migrations make', async () => {
    const files = await renderSchemaFiles(database.db);
    for (const file of [SNAPSHOT_FILE, TYPES_FILE]) {
      const expected = files.get(file) as string;
      const found = readRepoFile(file);
      if (found !== expected) expect.fail(`${file} differs from the migrated schema (${UPDATE}); ${firstDifference(expected, found)}`);
    }
  });

  it('notices a column the files do not have, in both files', async () => {
    await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`ALTER TABLE household ADD COLUMN drift_probe text`.execute(tx);
        const files = await renderSchemaFiles(tx);
        expect(files.get(SNAPSHOT_FILE)).toMatch(/^ {2}drift_probe +text +NULL$/m);
        expect(files.get(SNAPSHOT_FILE)).not.toBe(readRepoFile(SNAPSHOT_FILE));
        expect(files.get(TYPES_FILE)).toContain('  drift_probe: string | null;');
        expect(files.get(TYPES_FILE)).not.toBe(readRepoFile(TYPES_FILE));
        // Leave the database as it was: throwing rolls the transaction back.
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    const after = await renderSchemaFiles(database.db);
    expect(after.get(TYPES_FILE)).not.toContain('drift_probe');
  });
});

class Rollback extends Error {}
