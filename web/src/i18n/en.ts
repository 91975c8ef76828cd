import attendance from './en/attendance';
import audit from './en/audit';
import cadres from './en/cadres';
import cards from './en/cards';
import command from './en/command';
import core from './en/core';
import exit from './en/exit';
import exitAreas from './en/exit-areas';
import exitMonitoring from './en/exit-monitoring';
import helpers from './en/helpers';
import partyCore from './en/party-core';
import partyDecisions from './en/party-decisions';
import partyFunds from './en/party-funds';
import partyGaps from './en/party-gaps';
import partyLedger from './en/party-ledger';
import points from './en/points';
import registry from './en/registry';
import security from './en/security';
import users from './en/users';
import type { Messages } from './zh-CN';

// English UI strings, one file a module under en/. Typed as Messages so a missing or extra key is a compile error.
const en: Messages = {
  ...core,
  ...users,
  ...audit,
  ...registry,
  ...command,
  ...security,
  ...cards,
  ...cadres,
  ...helpers,
  ...partyFunds,
  ...points,
  ...attendance,
  ...partyCore,
  ...partyLedger,
  ...partyDecisions,
  ...exitMonitoring,
  ...exit,
  ...exitAreas,
  ...partyGaps,
};

export default en;
