import attendance from './zh-CN/attendance';
import audit from './zh-CN/audit';
import cadres from './zh-CN/cadres';
import cards from './zh-CN/cards';
import command from './zh-CN/command';
import core from './zh-CN/core';
import exit from './zh-CN/exit';
import exitAreas from './zh-CN/exit-areas';
import exitMonitoring from './zh-CN/exit-monitoring';
import helpers from './zh-CN/helpers';
import partyCore from './zh-CN/party-core';
import partyDecisions from './zh-CN/party-decisions';
import partyFunds from './zh-CN/party-funds';
import partyGaps from './zh-CN/party-gaps';
import partyLedger from './zh-CN/party-ledger';
import points from './zh-CN/points';
import registry from './zh-CN/registry';
import security from './zh-CN/security';
import users from './zh-CN/users';

// All UI strings, Simplified Chinese (the default), one file a module under zh-CN/; en/ has exactly the same keys.
const zhCN = {
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
} as const;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
export default zhCN as Messages;
