import { sql } from 'kysely';
import { rawDriver } from '../../../db/connection.ts';
import type { Db, Tx } from '../../../db/types.ts';
import { thisYear } from '../../../server/clock.ts';
import { AppError } from '../../../server/errors.ts';
import { type Bilingual, bilingual, type Lang } from '../../../server/i18n.ts';
import { ShuttingDown } from '../../../server/plugins/lifecycle.ts';
import { timed } from '../../../server/timing.ts';
import type { Actor } from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { getSetting } from '../../settings.ts';
import { InterchangeError } from '../interchange/errors.ts';
import type { ColumnId } from '../interchange/headers.ts';
import type { CellValue } from '../interchange/values.ts';
import { runHouseholdChecks } from './checks.ts';
import { resolveHelpers } from './helpers.ts';
import { fillHouseholds, rejectUnplaced } from './households.ts';
import { resolveMaskedIds } from './masked.ts';
import { type Counts, classifyHouseholds, commitBatch, countOutcomes } from './merge.ts';
import { type Problem, type ProblemCatalogue, problemMessage } from './problems.ts';
import { recordScopeConflicts } from './scope-conflicts.ts';
import { stageRows } from './staging.ts';

export interface InputRow<Id extends string = ColumnId> {
  rowNumber: number;
  cells: Partial<Record<Id, CellValue>>;
}

/** Rows one by one, or in batches (a file reader hands over a few hundred at a time). */
export type RowSource<Id extends string = ColumnId> =
  | AsyncIterable<InputRow<Id> | InputRow<Id>[]>
  | Iterable<InputRow<Id> | InputRow<Id>[]>;

export interface Progress {
  phase: 'reading' | 'checking' | 'committing' | 'done';
  rows: number;
  totalRows?: number;
}

/** The year the register is kept for: the clock's year unless an administrator set one. */
export async function registerYear(db: Db): Promise<number> {
  return Number(await getSetting(db, 'registry.register_year', thisYear()));
}

/**
 * Preview: reads every row, checks it alone and with its household, and stages the result. Nothing in the
 * register changes. Returns the batch id and what a commit would do.
 */
export interface BatchOptions {
  /** What the batch imports: the register (default) or another kind with its own staging table (the cadres' postings). */
  kind?: ImportKind;
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
      kind: opts.kind ?? 'register',
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

export const failureSummary = (reason: Bilingual) => ({ error: reason.en, errors: reason });

/** The failed batch's reason in the reader's language (older batches kept one text only). */
export function failureIn(summary: unknown, lang: Lang): unknown {
  const s = summary as { error?: unknown; errors?: Partial<Bilingual> } | null;
  if (!s || typeof s !== 'object' || !('error' in s)) return summary;
  const { errors, ...rest } = s;
  return { ...rest, error: errors?.[lang] ?? s.error };
}

/**
 * Marks the batch failed. The reason is kept in both languages (`error` in English for logs, `errors` for readers),
 * since whoever reads the batch later may use the other language.
 */
export async function failBatch(db: Db, batchId: number, reason: Bilingual) {
  await db
    .updateTable('import_batch')
    .set({ status: 'failed', finished_at: new Date(), summary: JSON.stringify(failureSummary(reason)) })
    .where('id', '=', batchId)
    .execute();
  await dropStaged(db, batchId);
}

/** The kinds of import, each with the table its rows are staged in while the batch is open. */
export type ImportKind = 'register' | 'postings' | 'party_orgs' | 'party_members' | 'party_funds' | 'party_ledger';
export const STAGING_TABLES = {
  register: 'import_row',
  postings: 'import_posting_row',
  party_orgs: 'import_party_org_row',
  party_members: 'import_party_member_row',
  party_funds: 'import_party_fund_row',
  party_ledger: 'import_party_ledger_row',
} as const;

/** The staged rows of a batch, whatever its kind (the outcome of a committed batch stays in its summary). */
export async function dropStaged(db: Tx, batchId: number) {
  await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('import_posting_row').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('import_party_org_row').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('import_party_member_row').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('import_party_fund_row').where('batch_id', '=', batchId).execute();
  await db.deleteFrom('import_party_ledger_row').where('batch_id', '=', batchId).execute();
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
    let scopeConflicts = 0;
    const counts = await db.transaction().execute(async (tx) => {
      await roomToSort(db, tx);
      const watermark = await auditWatermark(tx);
      // Fresh rows have no statistics yet; without them the planner joins a large batch row by row.
      await sql`ANALYZE import_row`.execute(tx);
      const checked = await checkStaged(tx, keys, batchId, opts.scopeCode, year, { analyze: n >= ANALYZE_HOUSEHOLDS_ROWS });
      scopeConflicts = checked.scopeConflicts;
      const c = checked.counts;
      // With conflicts outside the scope the preview is shown only once their security events have landed.
      const status = scopeConflicts > 0 ? 'staging' : 'previewed';
      await tx
        .updateTable('import_batch')
        .set({ status, total_rows: n, summary: JSON.stringify(c), audit_watermark: watermark })
        .where('id', '=', batchId)
        .execute();
      return c;
    });
    if (scopeConflicts > 0) {
      await timed('preview.security', () => recordScopeConflicts(db, batchId, opts));
      await db.updateTable('import_batch').set({ status: 'previewed' }).where('id', '=', batchId).execute();
    }
    onProgress?.({ phase: 'done', rows: n });
    return { batchId, counts };
  } catch (e) {
    await failBatch(db, batchId, failureReason(e, batchId));
    throw e;
  }
}

/**
 * A failure's reason for the batch's reader: what the user can act on (a file error, an AppError) in both languages;
 * an unexpected error only as "the server failed" with the batch id, its text staying in the server's log.
 */
export function failureReason(e: unknown, batchId: number): Bilingual {
  if (e instanceof InterchangeError) return { 'zh-CN': e.messageFor('zh-CN'), en: e.messageFor('en') };
  if (e instanceof AppError) return bilingual(e.code, e.params);
  if (e instanceof ShuttingDown) return bilingual('IMPORT_PREVIEW_INTERRUPTED');
  return bilingual('IMPORT_PREVIEW_FAILED', { batch: batchId });
}

/**
 * The checks of staged rows with their household and the register, in the caller's transaction: masked ID numbers
 * resolved, household columns filled, the household checks, then what a commit would do with each household. Shared
 * by a preview and a form's save (form.ts). Returns the conflicts outside the scope found, and the counts.
 */
export async function checkStaged(tx: Tx, keys: PiiKeys, batchId: number, scopeCode: string, year: number, opts = { analyze: false }) {
  await timed('preview.masked', () => resolveMaskedIds(tx, keys, batchId, scopeCode));
  await timed('preview.fill', () => fillHouseholds(tx, batchId));
  const scopeConflicts = await timed('preview.checks', () => runHouseholdChecks(tx, batchId, scopeCode));
  await rejectUnplaced(tx, batchId);
  await timed('preview.classify', () => classifyHouseholds(tx, batchId, year));
  // The batch's household rows are new: with the statistics of earlier batches only, the planner took a second batch
  // of 7,728 households for one row and joined them with themselves row by row (30 s on PGlite, the demo's second part).
  if (opts.analyze) await sql`ANALYZE import_household`.execute(tx);
  await timed('preview.helpers', () => resolveHelpers(tx, batchId));
  const counts = await timed('preview.count', () => countOutcomes(tx, batchId));
  return { scopeConflicts, counts };
}

/** From this many staged rows a preview gathers its household rows' statistics before checking them (a form's one household does not). */
const ANALYZE_HOUSEHOLDS_ROWS = 1_000;

/** Above this many rows a batch changes the tables' size enough that the planner needs fresh statistics. */
const LARGE_BATCH_ROWS = 20_000;

/**
 * Commit: writes the valid households of a previewed batch, all at once or not at all. `within` runs in the same
 * transaction after the batch is written (the form writes what the file does not carry): if it throws, nothing lands.
 */
export async function commit(db: Db, batchId: number, actor: Actor, opts: { within?: (tx: Tx) => Promise<void> } = {}): Promise<Counts> {
  const counts = await commitInTransaction(db, batchId, actor, opts.within);
  // A large load changes the tables' shape; without fresh statistics the planner picks plans for empty tables.
  if (counts.rows > LARGE_BATCH_ROWS) {
    await sql`ANALYZE person, person_identity, household, household_member, household_income, help_pairing, household_status_history`.execute(
      db,
    );
  }
  return counts;
}

async function commitInTransaction(db: Db, batchId: number, actor: Actor, within?: (tx: Tx) => Promise<void>): Promise<Counts> {
  return db.transaction().execute(async (tx) => {
    const batch = await tx.selectFrom('import_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
    if (!batch) throw new AppError('NOT_FOUND', 404);
    if (batch.status !== 'previewed') throw new AppError('IMPORT_NOT_PREVIEWED', 409, { status: batch.status });
    await roomToSort(db, tx);
    await claimPersons(tx, batchId);
    // If the register changed in this scope since the preview, decide again inside the commit's transaction.
    let counts = batch.summary as Counts;
    if (await registerChangedSince(tx, batch.audit_watermark)) {
      await runHouseholdChecks(tx, batchId, batch.scope_code);
      await rejectUnplaced(tx, batchId);
      await classifyHouseholds(tx, batchId, batch.register_year);
      await resolveHelpers(tx, batchId);
      counts = await countOutcomes(tx, batchId);
    }
    await sql`ANALYZE import_household`.execute(tx);
    const today = new Date().toISOString().slice(0, 10);
    await timed('commit', () => commitBatch(tx, batchId, batch.register_year, actor, today, { large: counts.rows > LARGE_BATCH_ROWS }));
    await within?.(tx);
    await tx
      .updateTable('import_batch')
      .set({ status: 'committed', summary: JSON.stringify(counts), finished_at: new Date() })
      .where('id', '=', batchId)
      .execute();
    return counts;
  });
}

/** The advisory-lock class of person claims; the second key is a bucket of ID hashes. */
const CLAIM_LOCK = 210_314;
const CLAIM_BUCKETS = 256;

/**
 * Two writes claiming the same person at once (two counties' imports or forms, one ID number) must not both decide
 * from a register without the other's claim: the second would write its member rows against the first's person (a
 * foreign-key error) or fail on person_identity's key. So a commit first takes, in order, a transaction lock per
 * bucket of its ID hashes (at most 256, whatever the file's size): a commit that overlaps waits for the other to
 * finish, then sees its audit rows, checks again and gives the row its problem. Taken on the server the application
 * talks to (on Citus the coordinator), so it holds for every county.
 */
export async function claimPersons(tx: Tx, batchId: number) {
  await sql`
    SELECT pg_advisory_xact_lock(${CLAIM_LOCK}, b) FROM (
      SELECT DISTINCT abs(hashtext(id_hash) % ${CLAIM_BUCKETS}) AS b FROM import_row
      WHERE batch_id = ${batchId} AND id_hash IS NOT NULL ORDER BY b) buckets`.execute(tx);
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
  await dropStaged(db, batchId);
}

export interface ProblemView<Id extends string = ColumnId> {
  row: number;
  column: Id | null;
  code: string;
  message: string;
}

export interface ProblemOptions {
  afterRow?: number;
  limit?: number;
  /** The batch's kind decides where its rows are staged; another kind words its own codes (`catalogue`). */
  kind?: ImportKind;
  catalogue?: ProblemCatalogue;
}

/** Every problem of a batch in row order, in the user's language; paged by row number. */
export async function problems<Id extends string = ColumnId>(
  db: Tx,
  batchId: number,
  lang: Lang,
  opts: ProblemOptions = {},
): Promise<ProblemView<Id>[]> {
  // Both staging tables have the row number and the problems; the builder is typed over the register's.
  const table = STAGING_TABLES[opts.kind ?? 'register'] as 'import_row';
  const rows = await db
    .selectFrom(table)
    .select(['row_number', 'problems'])
    .where('batch_id', '=', batchId)
    .where('problems', 'is not', null)
    .where('row_number', '>', opts.afterRow ?? 0)
    .orderBy('row_number')
    .limit(opts.limit ?? 1_000_000)
    .execute();
  return rows.flatMap((r) =>
    (r.problems as Problem<Id>[]).map((p) => ({
      row: p.row,
      column: p.column,
      code: p.code,
      message: problemMessage(p, lang, opts.catalogue),
    })),
  );
}

/** Row number → reasons, for the error report written next to the original rows. */
export async function reasonsByRow(
  db: Db,
  batchId: number,
  lang: Lang,
  opts: Pick<ProblemOptions, 'kind' | 'catalogue'> = {},
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const p of await problems(db, batchId, lang, opts)) {
    const list = out.get(p.row) ?? [];
    list.push(p.message);
    out.set(p.row, list);
  }
  return out;
}

/**
 * The batch of a commit, locked to the end of the transaction (a second commit of it waits, then finds it committed);
 * refused unless previewed.
 */
export async function lockPreviewed(tx: Tx, batchId: number) {
  const batch = await tx.selectFrom('import_batch').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND', 404);
  if (batch.status !== 'previewed') throw new AppError('IMPORT_NOT_PREVIEWED', 409, { status: batch.status });
  return batch;
}

/** A batch's new status and summary (a preview's figures, a commit's); `finished` for a commit. */
export async function markBatch(tx: Tx, batchId: number, to: { status: 'previewed' | 'committed'; summary: unknown; totalRows?: number }) {
  await tx
    .updateTable('import_batch')
    .set({
      status: to.status,
      summary: JSON.stringify(to.summary),
      ...(to.totalRows !== undefined ? { total_rows: to.totalRows } : {}),
      ...(to.status === 'committed' ? { finished_at: new Date() } : {}),
    })
    .where('id', '=', batchId)
    .execute();
}

export async function batchOf(db: Db, batchId: number) {
  return db.selectFrom('import_batch').selectAll().where('id', '=', batchId).executeTakeFirst();
}
