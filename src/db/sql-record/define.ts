import type { PiiKeys } from '../../modules/pii/crypto.ts';
import type { Db } from '../types.ts';

/** The recorded database's fixed points, the same on every run (see world.ts). */
export interface World {
  keys: PiiKeys;
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  /** A village of another county, for statements that span counties. */
  otherVillage: string;
  householdId: number;
  householdNo: string;
  personId: number;
  userId: number;
  batchId: number;
  registerYear: number;
}

/** Runs `work` without recording its statements: preparation a case needs (a staged batch, a row to delete). */
export type Quiet = <T>(work: () => Promise<T>) => Promise<T>;

export interface SqlCase {
  /** Which statement shape the call stands for, when a function sends different ones per filter or scope. */
  name?: string;
  run(db: Db, world: World, quiet: Quiet): Promise<unknown>;
}

/** Exported functions that send no SQL of their own (builders, caches, pure helpers) say why instead of a case. */
export interface NoSql {
  noSql: string;
}

type Functions<M> = { [K in keyof M]: M[K] extends (...args: never[]) => unknown ? K : never }[keyof M];
export type CaseMap<M> = { [K in Functions<M>]?: SqlCase['run'] | SqlCase[] | NoSql };

export interface CaseFile {
  module: Record<string, unknown>;
  cases: Record<string, SqlCase['run'] | SqlCase[] | NoSql>;
}

/**
 * The calls that record a source file's SQL into the .sql file beside it (`npm run sql:sync`). One entry per
 * exported function; the recorder fails on a function without one, so a new query cannot go unrecorded.
 */
export function defineCases<M extends object>(module: M, cases: CaseMap<M>): CaseFile {
  return { module: module as Record<string, unknown>, cases: cases as CaseFile['cases'] };
}
