import { auditModule } from '../modules/audit/routes.ts';
import { authModule } from '../modules/auth/routes.ts';
import { cadresModule } from '../modules/cadres/routes.ts';
import { commandModule } from '../modules/command/routes.ts';
import { exitMonitoringModule } from '../modules/exit/monitoring/routes.ts';
import { exitPublicModule } from '../modules/exit/public/routes.ts';
import { exitModule } from '../modules/exit/routes.ts';
import { helpersModule } from '../modules/helpers/routes.ts';
import { partyPublicModule } from '../modules/party/decisions/public-routes.ts';
import { partyDecisionsModule } from '../modules/party/decisions/routes.ts';
import { partyFundsModule } from '../modules/party/funds/routes.ts';
import { partyLedgerModule } from '../modules/party/ledger/routes.ts';
import { partyModule } from '../modules/party/routes.ts';
import { regionsModule } from '../modules/regions/routes.ts';
import { registryModule } from '../modules/registry/routes.ts';
import { securityModule } from '../modules/security/routes.ts';
import { systemModule } from '../modules/system/routes.ts';
import { usersModule } from '../modules/users/routes.ts';
import { villagesModule } from '../modules/villages/routes.ts';
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
  securityModule,
  cadresModule,
  helpersModule,
  partyModule,
  villagesModule,
  partyLedgerModule,
  partyDecisionsModule,
  partyPublicModule,
  partyFundsModule,
  exitMonitoringModule,
  exitModule,
  exitPublicModule,
];
