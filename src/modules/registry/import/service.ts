import { sql } from 'kysely';
import { rawDriver } from '../../../db/connection.ts';
import type { Db, Tx } from '../../../db/types.ts';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { timed } from '../../../server/timing.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { getSetting } from '../../settings.ts';
import type { ColumnId } from '../interchange/headers.ts';
import type { CellValue } from '../interchange/values.ts';
import { runHouseholdChecks } from './checks.ts';
import { type Counts, classifyHouseholds, commitBatch, countOutcomes } from './merge.ts';
import { type Problem, problemMessage } from './problems.ts';
import { stageRows } from './staging.ts';

export interface InputRow {
  rowNumber: number;
  cells: Partial<Record<ColumnId, CellValue>>;
}

/** Rows one by one, or in batches (a file reader hands over a few hundred at a time). */
export type RowSource = AsyncIterable<InputRow | InputRow[]> | Iterable<InputRow | InputRow[]>;

export interface Progress {
  phase: 'reading' | 'checking' | 'committing' | 'done';
  rows: number;
  totalRows?: number;
}

export async function registerYear(db: Db): Promise<number> {
  return Number(await getSetting(db, 'registry.register_year', 2017));
}

/**
 * Preview: reads every row, checks it alone and with its household, and stages the result. Nothing in the
 * register changes. Returns the batch id and what a commit would do.
 */
export interface BatchOptions {
  scopeCode: string;
  actor: Actor;
  filename: string;
  storedFile?: string | null;
  headerRow?: number | null;
}

export async function createBatch(db: Db, opts: BatchOptions): Promise<number> {
  const batch = await db
    .insertInto('import_batch')
    .values({
      scope_code: opts.scopeCode,
      actor_id: opts.actor.id,
      actor_name: opts.actor.username,
      filename: opts.filename.slice(0, 200),
      stored_file: opts.storedFile ?? null,
      status: 'staging',
      register_year: await registerYear(db),
      header_row: opts.headerRow ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return batch.id;
}

export async function failBatch(db: Db, batchId: number, reason: unknown) {
  await db
    .updateTable('import_batch')
    .set({ status: 'failed', finished_at: new Date(), summary: JSON.stringify({ error: reason }) })
    .where('id', '=', batchId)
    .execute();
  await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
}

/**
 * Preview: reads every row, checks it alone and with its household, and stages the result. Nothing in the
 * register changes. Returns the batch id and what a commit would do.
 */
export async function stage(
  db: Db,
  keys: PiiKeys,
  opts: BatchOptions & { batchId?: number },
  rows: RowSource,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: Counts }> {
  const batchId = opts.batchId ?? (await createBatch(db, opts));
  const year = (await batchOf(db, batchId))?.register_year ?? (await registerYear(db));
  try {
    const n = await stageRows(db, keys, batchId, opts.scopeCode, rows, onProgress);
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
      await roomToSort(db, tx);
      const watermark = await auditWatermark(tx);
      // Fresh rows have no statistics yet; without them the planner joins a large batch row by row.
      await sql`ANALYZE import_row`.execute(tx);
      await timed('preview.checks', () => runHouseholdChecks(tx, batchId, opts.scopeCode));
      await timed('preview.classify', () => classifyHouseholds(tx, batchId, year));
      const c = await timed('preview.count', () => countOutcomes(tx, batchId));
      await tx
        .updateTable('import_batch')
        .set({ status: 'previewed', total_rows: n, summary: JSON.stringify(c), audit_watermark: watermark })
        .where('id', '=', batchId)
        .execute();
      return c;
    });
    onProgress?.({ phase: 'done', rows: n });
    return { batchId, counts };
  } catch (e) {
    await failBatch(db, batchId, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

/** Above this many rows a batch changes the tables' size enough that the planner needs fresh statistics. */
const LARGE_BATCH_ROWS = 20_000;

/** Commit: writes the valid households of a previewed batch, all at once or not at all. */
export async function commit(db: Db, batchId: number, actor: Actor): Promise<Counts> {
  const counts = await commitInTransaction(db, batchId, actor);
  // A large load changes the tables' shape; without fresh statistics the planner picks plans for empty tables.
  if (counts.rows > LARGE_BATCH_ROWS) {
    await sql`ANALYZE person, person_identity, household, household_member, household_income, help_pairing, household_status_history`.execute(
      db,
    );
  }
  return counts;
}

async function commitInTransaction(db: Db, batchId: number, actor: Actor): Promise<Counts> {
  return db.transaction().execute(async (tx) => {
    const batch = await tx.selectFrom('import_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
    if (!batch) throw new AppError('NOT_FOUND', 404);
    if (batch.status !== 'previewed') throw new AppError('IMPORT_NOT_PREVIEWED', 409, { status: batch.status });
    await roomToSort(db, tx);
    // If the register changed in this scope since the preview, decide again inside the commit's transaction.
    let counts = batch.summary as Counts;
    if (await registerChangedSince(tx, batch.audit_watermark)) {
      await runHouseholdChecks(tx, batchId, batch.scope_code);
      await classifyHouseholds(tx, batchId, batch.register_year);
      counts = await countOutcomes(tx, batchId);
    }
    await sql`ANALYZE import_household`.execute(tx);
    const today = new Date().toISOString().slice(0, 10);
    await timed('commit', () => commitBatch(tx, batchId, batch.register_year, actor, today, { large: counts.rows > LARGE_BATCH_ROWS }));
    await tx
      .updateTable('import_batch')
      .set({ status: 'committed', summary: JSON.stringify(counts), finished_at: new Date() })
      .where('id', '=', batchId)
      .execute();
    return counts;
  });
}

/**
 * A large batch's joins and groupings spill to disk with the default 4 MB of work memory; on a PostgreSQL server
 * the import's transaction gets more. (PGlite lives in this process: left as it is.)
 */
async function roomToSort(db: Db, tx: Tx) {
  if (rawDriver(db)?.kind === 'postgresql') await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
}

async function auditWatermark(tx: Tx): Promise<number> {
  const r = await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(tx);
  return Number(r.rows[0]?.id ?? 0);
}

/**
 * Every write to households and persons leaves an audit row, so the trail tells whether anything moved since the
 * preview. Anywhere counts: a person may have joined a household in another county meanwhile.
 */
async function registerChangedSince(tx: Tx, watermark: number | null): Promise<boolean> {
  if (watermark === null) return true;
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM audit_log WHERE id > ${watermark} AND entity IN ('household', 'person') AND action <> 'unmask_id'`.execute(
    tx,
  );
  return Number(r.rows[0]?.n ?? 0) > 0;
}

export async function discard(db: Db, batchId: number) {
  await db.updateTable('import_batch').set({ status: 'discarded', finished_at: new Date() }).where('id', '=', batchId).execute();
  await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
}

export interface ProblemView {
  row: number;
  column: ColumnId | null;
  code: string;
  message: string;
}

/** Every problem of a batch in row order, in the user's language; paged by row number. */
export async function problems(
  db: Db,
  batchId: number,
  lang: Lang,
  opts: { afterRow?: number; limit?: number } = {},
): Promise<ProblemView[]> {
  const rows = await db
    .selectFrom('import_row')
    .select(['row_number', 'problems'])
    .where('batch_id', '=', batchId)
    .where('problems', 'is not', null)
    .where('row_number', '>', opts.afterRow ?? 0)
    .orderBy('row_number')
    .limit(opts.limit ?? 1_000_000)
    .execute();
  return rows.flatMap((r) =>
    (r.problems as Problem[]).map((p) => ({ row: p.row, column: p.column, code: p.code, message: problemMessage(p, lang) })),
  );
}

/** Row number → reasons, for the error report written next to the original rows. */
export async function reasonsByRow(db: Db, batchId: number, lang: Lang): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const p of await problems(db, batchId, lang)) {
    const list = out.get(p.row) ?? [];
    list.push(p.message);
    out.set(p.row, list);
  }
  return out;
}

export async function batchOf(db: Db, batchId: number) {
  return db.selectFrom('import_batch').selectAll().where('id', '=', batchId).executeTakeFirst();
}
