import { sql } from 'kysely';
import type { Db, Tx } from '../../../db/types.ts';
import { AppError } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { addTiming, timed } from '../../../server/timing.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { getSetting } from '../../settings.ts';
import type { ColumnId } from '../interchange/headers.ts';
import type { CellValue } from '../interchange/values.ts';
import { runHouseholdChecks } from './checks.ts';
import { type Counts, classifyHouseholds, commitBatch, countOutcomes } from './merge.ts';
import { type Problem, problemMessage } from './problems.ts';
import { type StagedRow, validateRow } from './validate-row.ts';
import { VillageIndex } from './villages.ts';

export interface InputRow {
  rowNumber: number;
  cells: Partial<Record<ColumnId, CellValue>>;
}

export interface Progress {
  phase: 'reading' | 'checking' | 'committing' | 'done';
  rows: number;
  totalRows?: number;
}

const STAGE_BATCH = 1000;

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
  rows: AsyncIterable<InputRow> | Iterable<InputRow>,
  onProgress?: (p: Progress) => void,
): Promise<{ batchId: number; counts: Counts }> {
  const batchId = opts.batchId ?? (await createBatch(db, opts));
  const year = (await batchOf(db, batchId))?.register_year ?? (await registerYear(db));
  try {
    const villages = await VillageIndex.load(db, opts.scopeCode);
    let buffer: (StagedRow & { problems: string | null })[] = [];
    let n = 0;
    let validateMs = 0;
    const flush = async () => {
      if (buffer.length) await timed('stage.insert', () => insertStaged(db, batchId, buffer));
      buffer = [];
    };
    for await (const row of rows) {
      const t0 = performance.now();
      const { staged, problems } = validateRow(row.rowNumber, row.cells, { villages, keys });
      validateMs += performance.now() - t0;
      buffer.push({ ...staged, problems: problems.length ? JSON.stringify(problems) : null });
      n++;
      if (buffer.length >= STAGE_BATCH) {
        await flush();
        onProgress?.({ phase: 'reading', rows: n });
      }
    }
    await flush();
    addTiming('stage.validate', validateMs, n);
    onProgress?.({ phase: 'checking', rows: n });
    const counts = await db.transaction().execute(async (tx) => {
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

const STAGED_TYPES: Record<keyof StagedRow | 'problems', string> = {
  row_number: 'int',
  county_code: 'text',
  village_code: 'text',
  household_no: 'text',
  name: 'text',
  name_initials: 'text',
  id_hash: 'text',
  id_cipher: 'text',
  id_masked: 'text',
  gender: 'text',
  birth_date: 'date',
  ethnicity: 'text',
  relation: 'text',
  education: 'text',
  schooling: 'text',
  health: 'text',
  labour: 'text',
  work: 'text',
  medical_insurance: 'bool',
  category: 'text',
  cause: 'text',
  year_identified: 'int',
  planned_exit_year: 'int',
  exit_year: 'int',
  status: 'text',
  income: 'numeric',
  helper_name: 'text',
  phone_cipher: 'text',
  phone_masked: 'text',
  phone_hash: 'text',
  problems: 'jsonb',
};
const STAGED_COLUMNS = Object.keys(STAGED_TYPES) as (keyof typeof STAGED_TYPES)[];

/** One array per column through unnest: a thousand rows cost 31 parameters instead of 31,000. */
async function insertStaged(db: Db, batchId: number, rows: (StagedRow & { problems: string | null })[]) {
  const arrays = STAGED_COLUMNS.map((c) => sql`${rows.map((r) => r[c])}::${sql.raw(STAGED_TYPES[c])}[]`);
  await sql`INSERT INTO import_row (batch_id, ${sql.join(STAGED_COLUMNS.map((c) => sql.ref(c)))})
    SELECT ${batchId}, * FROM unnest(${sql.join(arrays)})`.execute(db);
}

/** Commit: writes the valid households of a previewed batch, all at once or not at all. */
export async function commit(db: Db, batchId: number, actor: Actor): Promise<Counts> {
  const counts = await commitInTransaction(db, batchId, actor);
  // A large load changes the tables' shape; without fresh statistics the planner picks plans for empty tables.
  if (counts.rows > 20_000) {
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
    // If the register changed in this scope since the preview, decide again inside the commit's transaction.
    let counts = batch.summary as Counts;
    if (await registerChangedSince(tx, batch.audit_watermark)) {
      await runHouseholdChecks(tx, batchId, batch.scope_code);
      await classifyHouseholds(tx, batchId, batch.register_year);
      counts = await countOutcomes(tx, batchId);
    }
    await sql`ANALYZE import_household`.execute(tx);
    await timed('commit', () => commitBatch(tx, batchId, batch.register_year, actor, new Date().toISOString().slice(0, 10)));
    await tx
      .updateTable('import_batch')
      .set({ status: 'committed', summary: JSON.stringify(counts), finished_at: new Date() })
      .where('id', '=', batchId)
      .execute();
    return counts;
  });
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
