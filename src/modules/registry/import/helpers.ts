import { sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';

/**
 * Resolves the 帮扶责任人 column of each household the batch would write (docs/decisions/0017-helpers.md), into
 * import_household.helper_resolution and helper_id:
 * - the household's current helper bears that name: existing, that helper (nothing changes);
 * - exactly one helper of that name in the county: existing, that helper;
 * - none: new (created at commit, once per name and county however many households name them);
 * - two or more: ambiguous — the household is imported, its pairing is left as it is, and the preview says so
 *   (the file has no helper phone to tell them apart; the helpers page assigns the right one).
 * A blank column resolves to nothing (the commit ends the current pairing, as before).
 */
export async function resolveHelpers(tx: Tx, batchId: number) {
  // Staged rows first, then the pairings and helpers they name (county tables, read by county), then the verdicts:
  // steps a distributed database runs as they are (docs/scale-out.md).
  await sql`
    WITH heads AS MATERIALIZED (
      SELECT ih.county_code, ih.household_no, ih.household_id, r.helper_name
      FROM import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id AND r.county_code = ih.county_code AND r.household_no = ih.household_no
        AND r.relation = 'head'
      WHERE ih.batch_id = ${batchId} AND ih.outcome <> 'rejected'),
    cur AS MATERIALIZED (
      SELECT hp.county_code, hp.household_id, hp.helper_name, min(hp.helper_id) AS helper_id FROM help_pairing hp
      WHERE hp.end_date IS NULL AND hp.helper_id IS NOT NULL
        AND (hp.county_code, hp.household_id, hp.helper_name) IN (
          SELECT county_code, household_id, helper_name FROM heads WHERE household_id IS NOT NULL AND helper_name IS NOT NULL)
      GROUP BY 1, 2, 3),
    named AS MATERIALIZED (
      SELECT h.county_code, h.name, count(*) AS helpers, min(h.id) AS only_id FROM helper h
      WHERE (h.county_code, h.name) IN (SELECT county_code, helper_name FROM heads WHERE helper_name IS NOT NULL)
      GROUP BY 1, 2),
    x AS (
      SELECT hd.county_code, hd.household_no,
             CASE WHEN hd.helper_name IS NULL THEN NULL
                  WHEN cur.helper_id IS NOT NULL OR n.helpers = 1 THEN 'existing'
                  WHEN n.helpers IS NULL THEN 'new'
                  ELSE 'ambiguous' END AS resolution,
             CASE WHEN hd.helper_name IS NULL THEN NULL WHEN cur.helper_id IS NOT NULL THEN cur.helper_id
                  WHEN n.helpers = 1 THEN n.only_id END AS helper_id
      FROM heads hd
      LEFT JOIN cur ON cur.county_code = hd.county_code AND cur.household_id = hd.household_id AND cur.helper_name = hd.helper_name
      LEFT JOIN named n ON n.county_code = hd.county_code AND n.name = hd.helper_name)
    UPDATE import_household ih SET helper_resolution = x.resolution, helper_id = x.helper_id
    FROM x WHERE ih.batch_id = ${batchId} AND ih.county_code = x.county_code AND ih.household_no = x.household_no`.execute(tx);
}

export interface HelperCounts {
  existing: number;
  new: number;
  ambiguous: number;
  /** Helpers a commit would create (one per new name and county). */
  created: number;
}

/** The preview's resolution counts, per household. */
export async function countHelperResolutions(tx: Tx, batchId: number): Promise<HelperCounts> {
  const r = await sql<{ existing: number; new: number; ambiguous: number; created: number }>`
    SELECT count(*) FILTER (WHERE ih.helper_resolution = 'existing') AS existing,
           count(*) FILTER (WHERE ih.helper_resolution = 'new') AS new,
           count(*) FILTER (WHERE ih.helper_resolution = 'ambiguous') AS ambiguous,
           count(DISTINCT (ih.county_code, r.helper_name)) FILTER (WHERE ih.helper_resolution = 'new') AS created
    FROM import_household ih
    JOIN import_row r ON r.batch_id = ih.batch_id AND r.county_code = ih.county_code AND r.household_no = ih.household_no
      AND r.relation = 'head'
    WHERE ih.batch_id = ${batchId} AND ih.helper_resolution IS NOT NULL`.execute(tx);
  const c = r.rows[0];
  return {
    existing: Number(c?.existing ?? 0),
    new: Number(c?.new ?? 0),
    ambiguous: Number(c?.ambiguous ?? 0),
    created: Number(c?.created ?? 0),
  };
}

export interface HelperResolutionRow {
  row_number: number;
  household_no: string;
  helper_name: string;
  resolution: 'existing' | 'new' | 'ambiguous';
  helper_id: number | null;
  candidates: number;
}

/** The per-household resolution of a previewed batch, in row order, a page at a time (filter by resolution). */
export async function listHelperResolutions(tx: Tx, batchId: number, resolution: string | null, afterRow: number, limit: number) {
  // The page's rows first (staged, on the coordinator), then their names' helpers counted by county (Citus: no
  // correlated subquery from a coordinator table into a distributed one).
  const r = await sql<HelperResolutionRow>`
    WITH page AS MATERIALIZED (
      SELECT r.row_number, ih.county_code, ih.household_no, r.helper_name, ih.helper_resolution AS resolution, ih.helper_id
      FROM import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id AND r.county_code = ih.county_code AND r.household_no = ih.household_no
        AND r.relation = 'head'
      WHERE ih.batch_id = ${batchId} AND ih.helper_resolution IS NOT NULL
        AND (${resolution}::text IS NULL OR ih.helper_resolution = ${resolution}::text) AND r.row_number > ${afterRow}
      ORDER BY r.row_number
      LIMIT ${limit}),
    named AS MATERIALIZED (
      SELECT h.county_code, h.name, count(*)::int AS n FROM helper h
      WHERE (h.county_code, h.name) IN (SELECT county_code, helper_name FROM page)
      GROUP BY h.county_code, h.name)
    SELECT p.row_number, p.household_no, p.helper_name, p.resolution, p.helper_id, coalesce(n.n, 0) AS candidates
    FROM page p LEFT JOIN named n ON n.county_code = p.county_code AND n.name = p.helper_name
    ORDER BY p.row_number`.execute(tx);
  return r.rows;
}

/**
 * At commit: the helpers the batch names for the first time, one per name and county, each with an audit row; the
 * households that named them then point at them.
 */
export async function createImportedHelpers(
  tx: Tx,
  batchId: number,
  actor: { id: number | null; username: string; ip?: string | null },
  opts: { form?: boolean } = {},
) {
  // A form's save is an edit by the user (its batch is gone when it ends): the helper is created, not imported.
  const action = opts.form ? 'create' : 'import_create';
  const after = opts.form
    ? sql`jsonb_build_object('name', ins.name)`
    : sql`jsonb_build_object('name', ins.name, 'importBatch', ${batchId}::bigint)`;
  await sql`
    WITH names AS (
      SELECT DISTINCT ih.county_code, r.helper_name AS name
      FROM import_household ih
      JOIN import_row r ON r.batch_id = ih.batch_id AND r.county_code = ih.county_code AND r.household_no = ih.household_no
        AND r.relation = 'head'
      WHERE ih.batch_id = ${batchId} AND ih.outcome IN ('new', 'updated') AND ih.helper_resolution = 'new'),
    ins AS (
      INSERT INTO helper (county_code, name) SELECT county_code, name FROM names RETURNING county_code, id, name)
    INSERT INTO audit_log (actor_id, actor_name, scope_code, entity, entity_id, action, before, after, ip)
    SELECT ${actor.id}, ${actor.username}, ins.county_code, 'helper', ins.id::text, ${action}, NULL, ${after}, ${actor.ip ?? null}
    FROM ins`.execute(tx);
  await sql`
    WITH named AS MATERIALIZED (
      SELECT h.county_code, h.name, h.id FROM helper h
      WHERE (h.county_code, h.name) IN (
        SELECT r.county_code, r.helper_name FROM import_row r WHERE r.batch_id = ${batchId} AND r.relation = 'head'))
    UPDATE import_household ih SET helper_id = h.id
    FROM import_row r, named h
    WHERE ih.batch_id = ${batchId} AND ih.helper_resolution = 'new' AND ih.outcome IN ('new', 'updated')
      AND r.batch_id = ih.batch_id AND r.county_code = ih.county_code AND r.household_no = ih.household_no AND r.relation = 'head'
      AND h.county_code = ih.county_code AND h.name = r.helper_name`.execute(tx);
}
