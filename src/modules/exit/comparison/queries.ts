import { sql } from 'kysely';
import { inRegion } from '../../../db/region-scope.ts';
import type { Tx } from '../../../db/types.ts';

const isId = (id: string) => /^\d{1,15}$/.test(id);

/** A hit belongs to its household's village. */
export function locateHit(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ village_code: string }>`SELECT village_code FROM comparison_hit WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.village_code ?? null);
}

/** A list belongs to the scope of the person who imported it. */
export function locateBatch(tx: Tx, id: string) {
  if (!isId(id)) return Promise.resolve(null);
  return sql<{ scope_code: string }>`SELECT scope_code FROM comparison_batch WHERE id = ${Number(id)}`
    .execute(tx)
    .then((r) => r.rows[0]?.scope_code ?? null);
}

export interface NewBatch {
  scope_code: string;
  department: string;
  label: string | null;
  filename: string;
  actor_id: number | null;
  actor_name: string;
}

export function insertBatch(tx: Tx, b: NewBatch) {
  return sql<{ id: number }>`
    INSERT INTO comparison_batch (scope_code, department, label, filename, status, actor_id, actor_name)
    VALUES (${b.scope_code}, ${b.department}, ${b.label}, ${b.filename}, 'previewed', ${b.actor_id}, ${b.actor_name}) RETURNING id`
    .execute(tx)
    .then((r) => Number(r.rows[0]?.id));
}

export function setBatchRead(tx: Tx, id: number, v: { total: number; problems: number; header: string[] }) {
  return sql`
    UPDATE comparison_batch SET total_rows = ${v.total}, problem_rows = ${v.problems}, header = ${JSON.stringify(v.header)}::jsonb
    WHERE id = ${id}`.execute(tx);
}

export interface BatchRow {
  id: number;
  scope_code: string;
  department: string;
  label: string | null;
  filename: string;
  status: string;
  total_rows: number;
  problem_rows: number;
  hits: number;
  header: string[];
  actor_name: string;
  created_at: Date;
  matched_at: Date | null;
}

export function batchById(tx: Tx, id: number) {
  return sql<BatchRow>`SELECT * FROM comparison_batch WHERE id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** A scope's lists, newest first. */
export function listBatches(tx: Tx, scope: string, limit: number) {
  return sql<BatchRow>`
    SELECT * FROM comparison_batch WHERE scope_code LIKE ${`${scope}%`} AND status <> 'discarded' ORDER BY id DESC LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/** The rows of a list that could not be read, first ones first (the preview). */
export function problemRows(tx: Tx, batchId: number, limit: number) {
  return sql<{ row_number: number; problem: string; record: Record<string, string> }>`
    SELECT row_number, problem, record FROM comparison_row WHERE batch_id = ${batchId} AND problem IS NOT NULL
    ORDER BY row_number LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

/**
 * Memory for the match's hash joins, for its transaction only: the register's 810,000 hashes (and household links)
 * fit in one pass instead of spilling to temporary files in batches (the default 4 MB).
 */
export function matchMemory(tx: Tx) {
  return sql`SET LOCAL work_mem = '128MB'`.execute(tx);
}

/** Fresh statistics after a bulk staging, so the match is planned as a hash join over the whole list. */
export function analyzeRows(tx: Tx) {
  return sql`ANALYZE comparison_row`.execute(tx);
}

/**
 * Matches a list against every person of the register by the keyed hash (person_identity: hash → county and person),
 * keeping the persons whose household is inside `scope`: each becomes an open hit for the household's county, with
 * the department's record. Set-based; returns the hits made per county.
 */
export async function matchBatch(tx: Tx, batchId: number, scope: string, department: string) {
  // In steps a Citus coordinator runs: the rows' identities (placed by ID hash), then their homes by county, then the
  // hits written (docs/scale-out.md, "The register's import on Citus").
  const made = await sql<{ county_code: string }>`
    INSERT INTO comparison_hit (county_code, batch_id, row_number, department, household_id, person_id, village_code, record)
    WITH ids AS MATERIALIZED (
      SELECT r.row_number, r.record || jsonb_build_object('__id', r.id_masked) AS record, pi.county_code, pi.person_id
      FROM comparison_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
      WHERE r.batch_id = ${batchId} AND r.id_hash IS NOT NULL),
    homes AS MATERIALIZED (
      SELECT hm.county_code, hm.person_id, hm.household_id, h.village_code
      FROM household_member hm JOIN household h ON h.county_code = hm.county_code AND h.id = hm.household_id
      WHERE (hm.county_code, hm.person_id) IN (SELECT county_code, person_id FROM ids) AND h.village_code LIKE ${`${scope}%`})
    SELECT i.county_code, ${batchId}::bigint, i.row_number, ${department}, m.household_id, i.person_id, m.village_code, i.record
    FROM ids i JOIN homes m ON m.county_code = i.county_code AND m.person_id = i.person_id
    ON CONFLICT (county_code, batch_id, row_number) DO NOTHING
    RETURNING county_code`.execute(tx);
  const byCounty = new Map<string, number>();
  for (const r of made.rows) byCounty.set(r.county_code, (byCounty.get(r.county_code) ?? 0) + 1);
  return [...byCounty].sort(([a], [b]) => a.localeCompare(b)).map(([county_code, n]) => ({ county_code, n }));
}

export function setBatchMatched(tx: Tx, id: number, hits: number) {
  return sql`UPDATE comparison_batch SET status = 'matched', hits = ${hits}, matched_at = now() WHERE id = ${id}`.execute(tx);
}

/** A list given up, or matched: its staged rows go (hits keep their own copy of the department's record). */
export function dropRows(tx: Tx, batchId: number) {
  return sql`DELETE FROM comparison_row WHERE batch_id = ${batchId}`.execute(tx);
}

export function setBatchDiscarded(tx: Tx, id: number) {
  return sql`UPDATE comparison_batch SET status = 'discarded' WHERE id = ${id}`.execute(tx);
}

export interface HitRow {
  county_code: string;
  id: number;
  batch_id: number;
  row_number: number;
  department: string;
  batch_label: string | null;
  household_id: number;
  household_no: string;
  household_status: string;
  person_id: number;
  person_name: string;
  id_masked: string;
  relation: string | null;
  village_code: string;
  village_name: string;
  township_name: string;
  record: Record<string, string>;
  state: string;
  action: string | null;
  reason: string | null;
  monitoring_case_id: number | null;
  decided_name: string | null;
  decided_at: Date | null;
  created_at: Date;
}

const hitColumns = sql`
  x.county_code, x.id, x.batch_id, x.row_number, x.department, b.label AS batch_label, x.household_id, h.household_no,
  h.status AS household_status, x.person_id, p.name AS person_name, p.id_masked, hm.relation, x.village_code,
  v.name AS village_name, t.name AS township_name, x.record, x.state, x.action, x.reason, x.monitoring_case_id,
  x.decided_name, x.decided_at, x.created_at`;
const hitFrom = sql`
  FROM comparison_hit x
  JOIN comparison_batch b ON b.id = x.batch_id
  JOIN household h ON h.county_code = x.county_code AND h.id = x.household_id
  JOIN person p ON p.county_code = x.county_code AND p.id = x.person_id
  LEFT JOIN household_member hm ON hm.county_code = x.county_code AND hm.person_id = x.person_id
  JOIN region v ON v.code = x.village_code
  JOIN region t ON t.code = left(x.village_code, 9)`;

export interface HitFilter {
  region: string;
  state?: string;
  department?: string;
  batchId?: number;
}

/** The hits of a region, keyset on (county, id). */
export function listHits(tx: Tx, f: HitFilter, after: { county: string; id: number } | null, limit: number) {
  return sql<HitRow>`
    SELECT ${hitColumns} ${hitFrom}
    WHERE ${inRegion('x', f.region)}
      ${f.state ? sql`AND x.state = ${f.state}` : sql``}
      ${f.department ? sql`AND x.department = ${f.department}` : sql``}
      ${f.batchId ? sql`AND x.batch_id = ${f.batchId}` : sql``}
      ${after ? sql`AND (x.county_code, x.id) > (${after.county}, ${after.id})` : sql``}
    ORDER BY x.county_code, x.id
    LIMIT ${limit}`
    .execute(tx)
    .then((r) => r.rows);
}

export function hitById(tx: Tx, id: number) {
  return sql<HitRow>`SELECT ${hitColumns} ${hitFrom} WHERE x.id = ${id}`.execute(tx).then((r) => r.rows[0]);
}

/** Decides an open hit (only from open: two people deciding at once cannot both win). */
export function decideHit(
  tx: Tx,
  county: string,
  id: number,
  d: {
    state: 'confirmed' | 'dismissed';
    action: string | null;
    reason: string | null;
    monitoring_case_id: number | null;
    by: number | null;
    name: string;
  },
) {
  return sql<{ id: number }>`
    UPDATE comparison_hit SET state = ${d.state}, action = ${d.action}, reason = ${d.reason}, monitoring_case_id = ${d.monitoring_case_id},
      decided_by = ${d.by}, decided_name = ${d.name}, decided_at = now()
    WHERE county_code = ${county} AND id = ${id} AND state = 'open'
    RETURNING id`
    .execute(tx)
    .then((r) => r.rows.length === 1);
}

/** The household's members now, for the verification page (names and masked IDs only). */
export function membersOf(tx: Tx, county: string, householdId: number) {
  return sql<{ person_id: number; name: string; id_masked: string; relation: string }>`
    SELECT p.id AS person_id, p.name, p.id_masked, m.relation FROM household_member m
    JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
    WHERE m.county_code = ${county} AND m.household_id = ${householdId} ORDER BY (m.relation = 'head') DESC, p.id`
    .execute(tx)
    .then((r) => r.rows);
}
