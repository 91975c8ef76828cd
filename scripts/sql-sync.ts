/**
 * Regenerates what is recorded from the database (`npm run sql:sync`): the SQL of every `*.sql-cases.ts` under
 * src/ into the .sql file beside it, the schema snapshot src/db/schema.txt and the Kysely types src/db/types.ts.
 * With --check (`npm run sql:check`) it only compares, and fails when a file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSchemaFiles } from '../src/db/schema/sync.ts';
import { ROOT, recordAll, SYNC_COMMAND, staleFiles } from '../src/db/sql-record/record.ts';

const check = process.argv.includes('--check');
const recorded = new Map([...(await renderSchemaFiles()), ...(await recordAll())]);
const stale = staleFiles(recorded);
if (check) {
  for (const s of stale) console.error(`${s.file}:${s.line}\n  generated:  ${s.expected}\n  checked in: ${s.found}`);
  if (stale.length) {
    console.error(`\n${stale.length} file(s) out of date: run \`${SYNC_COMMAND}\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${recorded.size} files up to date.`);
} else {
  for (const s of stale) writeFileSync(path.join(ROOT, s.file), recorded.get(s.file) as string);
  console.log(
    `${recorded.size} files generated, ${stale.length} changed${stale.length ? `: ${stale.map((s) => s.file).join(', ')}` : ''}.`,
  );
}
