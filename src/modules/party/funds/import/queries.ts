import { sql } from 'kysely';
import type { Tx } from '../../../../db/types.ts';
import { outcomeFromFile } from '../../../registry/import/problem-sql.ts';

/**
 * The funds import's checks over a staged batch, in SQL: a row repeating an earlier row of the file is a problem; a
 * row saying what a payment on file says (village, date, purpose, amount, source) is unchanged — an import adds
 * payments and never edits them, so loading the same file again writes nothing.
 */

export async function analyzeStaged(tx: Tx) {
  await sql`ANALYZE import_party_fund_row`.execute(tx);
}

export async function resetChecks(tx: Tx, batchId: number) {
  await sql`UPDATE import_party_fund_row SET problems = row_problems, outcome = NULL WHERE batch_id = ${batchId}`.execute(tx);
}

export async function markDuplicates(tx: Tx, batchId: number) {
  await sql`
    WITH d AS (
      SELECT row_number, min(row_number) OVER (PARTITION BY village_code, paid_on, purpose, amount_fen, source) AS first
      FROM import_party_fund_row WHERE batch_id = ${batchId} AND row_problems IS NULL
    )
    UPDATE import_party_fund_row r
    SET problems = coalesce(r.problems, '[]'::jsonb) || jsonb_build_array(jsonb_build_object(
      'row', r.row_number, 'column', 'amount', 'code', 'DUPLICATE_ROW', 'params', jsonb_build_object('other', d.first)))
    FROM d WHERE r.batch_id = ${batchId} AND r.row_number = d.row_number AND d.first < d.row_number`.execute(tx);
}

export async function classify(tx: Tx, batchId: number) {
  // The rows already paid read first (a county table), then the outcomes on the staging table (one statement Citus runs).
  await outcomeFromFile(
    sql.table('import_party_fund_row'),
    batchId,
    sql`SELECT DISTINCT r.row_number FROM import_party_fund_row r
      JOIN party_fund_payment p ON p.county_code = r.county_code AND p.village_code = r.village_code
        AND p.paid_on = r.paid_on AND p.purpose = r.purpose AND p.amount_fen = r.amount_fen AND p.source = r.source
      WHERE r.batch_id = ${batchId}`,
  ).execute(tx);
}

export async function countOutcomes(tx: Tx, batchId: number) {
  const r = await sql<{ rows: number; bad: number; new: number; unchanged: number; rejected: number; amount: string | null }>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE problems IS NOT NULL)::int AS bad,
           count(*) FILTER (WHERE outcome = 'new')::int AS new, count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
           count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected,
           sum(amount_fen) FILTER (WHERE outcome = 'new')::text AS amount
    FROM import_party_fund_row WHERE batch_id = ${batchId}`.execute(tx);
  return r.rows[0];
}

/** Writes the batch's new payments; what it wrote, for the audit. */
export async function insertNew(tx: Tx, batchId: number) {
  const r = await sql<{
    id: number;
    village_code: string;
    paid_on: string;
    amount_fen: number;
    purpose: string;
    source: string;
    row_number: number;
  }>`
    WITH ins AS (
      INSERT INTO party_fund_payment (county_code, village_code, paid_on, amount_fen, purpose, source, note, batch_id)
      SELECT county_code, village_code, paid_on, amount_fen, purpose, source, note, ${batchId}
      FROM import_party_fund_row WHERE batch_id = ${batchId} AND outcome = 'new' ORDER BY row_number
      ON CONFLICT DO NOTHING
      RETURNING id, village_code, paid_on::text AS paid_on, amount_fen, purpose, source
    )
    SELECT ins.*, s.row_number FROM ins JOIN import_party_fund_row s ON s.batch_id = ${batchId} AND s.village_code = ins.village_code
      AND s.paid_on = ins.paid_on::date AND s.purpose = ins.purpose AND s.amount_fen = ins.amount_fen AND s.source = ins.source
      AND s.outcome = 'new'`.execute(tx);
  return r.rows;
}

/** The payments of a region in a year, in the import's columns (export). */
export async function exportRows(tx: Tx, region: string, year: number) {
  const r = await sql<{
    village_code: string;
    village: string;
    township: string;
    paid_on: string;
    amount_fen: string;
    purpose: string;
    source: string;
    note: string | null;
  }>`
    SELECT p.village_code, v.name AS village, t.name AS township, p.paid_on::text AS paid_on, p.amount_fen::text AS amount_fen,
           p.purpose, p.source, p.note
    FROM party_fund_payment p JOIN region v ON v.code = p.village_code JOIN region t ON t.code = v.parent_code
    WHERE p.village_code LIKE ${`${region}%`} AND p.paid_on BETWEEN make_date(${year}::int, 1, 1) AND make_date(${year}::int, 12, 31)
      AND p.reverses_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM party_fund_payment x WHERE x.county_code = p.county_code AND x.reverses_id = p.id)
    ORDER BY p.village_code, p.paid_on, p.id`.execute(tx);
  return r.rows;
}
