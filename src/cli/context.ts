import { loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { LEVEL_BY_CODE_LENGTH, ROLES } from '../modules/auth/roles.ts';
import type { ProcedureActor } from '../modules/procedures/service.ts';
import { AppError } from '../server/errors.ts';
import { t } from '../server/i18n.ts';

/** Runs a CLI action against the migrated database, closing it afterwards; errors print in both languages. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await fn(database);
  } catch (e) {
    if (e instanceof AppError) {
      throw new Error(`${t('zh-CN', e.code, e.params)} / ${t('en', e.code, e.params)}`);
    }
    throw e;
  } finally {
    await database.close();
  }
}

/** The command line's actor: a writing role of the level of --scope (the procedures' rules read its scope). */
export function cliActor(scope: string): ProcedureActor {
  const level = LEVEL_BY_CODE_LENGTH[scope.length];
  const role = ROLES.find((r) => r.level === level && r.permissions.includes('data.write')) ?? ROLES[0];
  return { id: null, username: 'cli', role: role?.id ?? 'province_admin', scope, permissions: [...(role?.permissions ?? [])] };
}
