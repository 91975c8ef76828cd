import type { Tx } from '../../../db/types.ts';
import { getSetting, SETTINGS } from '../../settings.ts';

/** The yearly standards per village (DOMAIN.md §4.3), in fen; settings per region and year, in yuan. */
export interface Standards {
  operation: number;
  partyBuilding: number;
}

export const OPERATION_KEY = 'party.funds_operation_yuan';
export const PARTY_BUILDING_KEY = 'party.funds_party_building_yuan';

export async function standardsFor(tx: Tx, scopeCode: string, year: number): Promise<Standards> {
  const op = await getSetting(tx, OPERATION_KEY, SETTINGS[OPERATION_KEY].default, { scopeCode, year });
  const pb = await getSetting(tx, PARTY_BUILDING_KEY, SETTINGS[PARTY_BUILDING_KEY].default, { scopeCode, year });
  return { operation: Math.round(Number(op) * 100), partyBuilding: Math.round(Number(pb) * 100) };
}

/** What was paid of a standard: each purpose counts up to its own standard (an excess of one does not make up for the other). */
export function coveredFen(paid: { operation: number; partyBuilding: number }, std: Standards): number {
  return Math.min(paid.operation, std.operation) + Math.min(paid.partyBuilding, std.partyBuilding);
}

/** Late pay: unpaid after its due date (as of `today`), or paid after it. */
export function isLatePay(p: { dueOn: string; paidOn: string | null }, today: string): boolean {
  return p.paidOn === null ? p.dueOn < today : p.paidOn > p.dueOn;
}

/** A hollow village (空壳村) for a year: no collective-economy income on record, or zero. */
export function isHollow(incomeFen: number | null | undefined): boolean {
  return !incomeFen || incomeFen <= 0;
}

/** The years a form may name: from 2000 to next year. */
export const yearOk = (y: number, thisYear: number) => y >= 2000 && y <= thisYear + 1;
