import type { Tx } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { lockForWrite, recordEdit, snapshotOf } from '../write.ts';
import { commitBatch } from './merge.ts';
import { insertScopeConflicts } from './scope-conflicts.ts';
import { checkStaged, claimPersons, createBatch, type InputRow, type ProblemView, problems, registerYear } from './service.ts';
import { stageRows } from './staging.ts';

export interface FormSave {
  scopeCode: string;
  actor: Actor;
  lang: Lang;
  /**
   * What the form writes beyond the interchange's columns, after the merge and before the after-snapshot, in the
   * same transaction (so that the audit row's after holds it too).
   */
  writeMore?: (tx: Tx, household: { countyCode: string; id: number }) => Promise<void>;
  /** An edit: the household, locked before anything is staged and refused if it moved since the version read. */
  existing?: { countyCode: string; id: number; version?: number };
}

export type FormOutcome = { householdId: number; problems?: undefined } | { householdId?: undefined; problems: ProblemView[] };

/**
 * A form's save of one household: the import's checks and merge (the same code, so the form and a spreadsheet obey
 * the same rules), in one transaction whose batch is gone when it ends. Nothing is left of it: no batch on the import
 * page, no staged rows, and on a refusal no change and no audit row. Only the security events of conflicts with
 * records outside the writer's scope stay, as they do for a refused import.
 *
 * The audit row is an edit (`update`, or `create` for a new household) by the user, written once everything the form
 * changes is written: before and after are the register's household snapshot, so a field added to the snapshot is
 * recorded by every save, and the difference shown is what the save changed. The register's single-household write
 * path (../write.ts) locks, checks the version, records and moves the version on, as for every other writer.
 *
 * Runs in the caller's transaction. A refusal returns its problems with nothing written but the security events:
 * the caller commits (keeping them) and then throws.
 */
export async function saveFormHousehold(tx: Tx, keys: PiiKeys, rows: InputRow[], opts: FormSave): Promise<FormOutcome> {
  const { scopeCode, actor } = opts;
  if (opts.existing) await lockForWrite(tx, opts.existing, { actor, scopeCode, version: opts.existing.version });
  const year = await registerYear(tx);
  const batchId = await createBatch(tx, { scopeCode, actor, filename: 'form' });
  const forget = () => tx.deleteFrom('import_batch').where('id', '=', batchId).execute();
  await stageRows(tx, keys, batchId, scopeCode, rows);
  await claimPersons(tx, batchId);
  const { scopeConflicts, counts } = await checkStaged(tx, keys, batchId, scopeCode, year);
  if (counts.rowsWithProblems > 0) {
    const list = await problems(tx, batchId, opts.lang);
    if (scopeConflicts > 0) await insertScopeConflicts(tx, batchId, { actor, scopeCode });
    await forget();
    return { problems: list };
  }

  const target = await tx
    .selectFrom('import_household')
    .select(['county_code', 'household_no', 'household_id'])
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  const countyCode = target.county_code;
  const before = target.household_id === null ? null : await snapshotOf(tx, { countyCode, id: target.household_id });
  const today = new Date().toISOString().slice(0, 10);
  await commitBatch(tx, batchId, year, actor, today, { large: false, form: true, county: countyCode });
  const h = await tx
    .selectFrom('household')
    .select(['id', 'village_code'])
    .where('county_code', '=', countyCode)
    .where('household_no', '=', target.household_no)
    .executeTakeFirstOrThrow();
  await opts.writeMore?.(tx, { countyCode, id: h.id });
  const after = await snapshotOf(tx, { countyCode, id: h.id });
  await recordEdit(tx, { countyCode, id: h.id, villageCode: h.village_code }, actor, before ? 'update' : 'create', before, after);
  await forget();
  return { householdId: h.id };
}
