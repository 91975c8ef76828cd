import { auditModule } from '../modules/audit/routes.ts';
import { authModule } from '../modules/auth/routes.ts';
import { commandModule } from '../modules/command/routes.ts';
import { regionsModule } from '../modules/regions/routes.ts';
import { registryModule } from '../modules/registry/routes.ts';
import { systemModule } from '../modules/system/routes.ts';
import { usersModule } from '../modules/users/routes.ts';
import type { FupinModule } from './module.ts';

/** Every module the server runs. A new module is added here and nowhere else. */
export const MODULES: readonly FupinModule[] = [
  systemModule,
  authModule,
  regionsModule,
  usersModule,
  auditModule,
  registryModule,
  commandModule,
];
