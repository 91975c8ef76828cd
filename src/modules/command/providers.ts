import { cadreIndicators } from '../cadres/indicators.ts';
import { exitIndicators } from '../exit/indicators.ts';
import { exitMonitoringIndicators } from '../exit/monitoring/indicators.ts';
import { partyDecisionsIndicators } from '../party/decisions/indicators.ts';
import { partyFundsIndicators } from '../party/funds/indicators.ts';
import { partyCoreIndicators } from '../party/indicators.ts';
import { partyLedgerIndicators } from '../party/ledger/indicators.ts';
import { registryIndicators } from '../registry/indicators.ts';
import { securityIndicators } from '../security/indicators.ts';
import type { IndicatorProvider } from './types.ts';

/** Every module's contribution to the command centre. A module with indicators adds itself here and nowhere else. */

export const PROVIDERS: readonly IndicatorProvider[] = [
  registryIndicators,
  securityIndicators,
  cadreIndicators,
  partyCoreIndicators,
  partyLedgerIndicators,
  partyDecisionsIndicators,
  partyFundsIndicators,
  exitMonitoringIndicators,
  exitIndicators,
];
