import { migrationState } from '../db/migrate.ts';
import { withDatabase } from './context.ts';

export async function migrateCommand() {
  await withDatabase(async ({ db, kind, location }) => {
    const state = await migrationState(db);
    console.log(`${kind} ${location}: ${state.applied} migrations applied, latest ${state.latest}`);
  });
}
