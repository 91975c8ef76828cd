import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import type { Lang } from '../../../server/i18n.ts';
import { type Actor, record } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { commitBatch } from './merge.ts';
import { insertScopeConflicts } from './scope-conflicts.ts';
import { checkStaged, createBatch, type InputRow, type ProblemView, problems, registerYear } from './service.ts';
import { householdSnapshot } from './shape.ts';
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
 * recorded by every save, and the difference shown is what the save changed.
 */
export async function saveFormHousehold(db: Db, keys: PiiKeys, rows: InputRow[], opts: FormSave): Promise<FormOutcome> {
  const { scopeCode, actor } = opts;
  return db.transaction().execute(async (tx) => {
    const year = await registerYear(tx);
    const batchId = await createBatch(tx, { scopeCode, actor, filename: 'form' });
    const forget = () => tx.deleteFrom('import_batch').where('id', '=', batchId).execute();
    await stageRows(tx, keys, batchId, scopeCode, rows);
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
    const before = target.household_id === null ? null : await snapshot(tx, countyCode, target.household_id, year);
    const today = new Date().toISOString().slice(0, 10);
    await commitBatch(tx, batchId, year, actor, today, { large: false, form: true });
    const h = await tx
      .selectFrom('household')
      .select(['id', 'village_code'])
      .where('county_code', '=', countyCode)
      .where('household_no', '=', target.household_no)
      .executeTakeFirstOrThrow();
    await opts.writeMore?.(tx, { countyCode, id: h.id });
    const after = await snapshot(tx, countyCode, h.id, year);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await record(tx, actor, {
        scopeCode: h.village_code,
        entity: 'household',
        entityId: h.id,
        action: before ? 'update' : 'create',
        before,
        after,
      });
    }
    await forget();
    return { householdId: h.id };
  });
}

async function snapshot(tx: Tx, countyCode: string, id: number, year: number): Promise<Record<string, unknown> | null> {
  const r = await sql<{
    s: Record<string, unknown> | null;
  }>`SELECT ${householdSnapshot(sql`${countyCode}::text`, sql`${id}::bigint`, year, { details: true })} AS s`.execute(tx);
  return r.rows[0]?.s ?? null;
}
