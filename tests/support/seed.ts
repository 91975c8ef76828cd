import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Db } from '../../src/db/types.ts';
import { importProvince } from '../../src/modules/regions/service.ts';
import { ensureDemoUsers } from '../../src/modules/users/service.ts';

/** What every integration test starts from: migrated, Liaoning loaded, the demo users present. */
export async function seed(db: Db) {
  await migrateToLatest(db);
  await db.transaction().execute((tx) => importProvince(tx, '21'));
  await ensureDemoUsers(db);
}
