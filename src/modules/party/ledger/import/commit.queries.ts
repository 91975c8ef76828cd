import { sql } from 'kysely';
import type { Tx } from '../../../../db/types.ts';
import type { StagedCase } from './queries.ts';

/**
 * The ledger import's writes at commit: the new cases with their progress, the measures and progress added to cases
 * on file, and the days of the steps the import takes. Each is one statement Citus runs: staged rows are read on the
 * coordinator first and the county tables written from arrays.
 */

const secretaryKey = (county: string, village: string, name: string) => `${county}:${village}:${name}`;

/**
 * The first secretaries in post (confirmed, not ended) in the given villages, by county, village and name: the posting
 * a case links to when the file names its first secretary. Of two postings of one name, the latest.
 */
async function firstSecretaries(tx: Tx, villages: readonly { county_code: string; village_code: string }[]) {
  if (!villages.length) return new Map<string, number>();
  const found = await sql<{ county_code: string; village_code: string; name: string; id: number }>`
    SELECT DISTINCT ON (p.county_code, p.village_code, pe.name) p.county_code, p.village_code, pe.name, p.id
    FROM cadre_posting p JOIN cadre cd ON cd.county_code = p.county_code AND cd.id = p.cadre_id
      JOIN person pe ON pe.county_code = cd.county_code AND pe.id = cd.person_id
    WHERE (p.county_code, p.village_code) IN (SELECT * FROM unnest(${villages.map((v) => v.county_code)}::text[], ${villages.map((v) => v.village_code)}::text[]))
      AND p.role = 'first_secretary' AND p.confirmed_on IS NOT NULL AND p.end_date IS NULL
    ORDER BY p.county_code, p.village_code, pe.name, p.start_date DESC, p.id DESC`.execute(tx);
  return new Map(found.rows.map((x) => [secretaryKey(x.county_code, x.village_code, x.name), Number(x.id)]));
}

export interface WrittenCase {
  county_code: string;
  id: number;
  village_code: string;
  year: number;
  row_number: number;
  state: string;
  causes: string[];
  opened_on: string;
  planned_on: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  first_secretary_name: string | null;
}

/**
 * Writes the batch's new cases (the organisation of the village now; the first secretary linked to the village's
 * posting in post when the names agree) and their progress entries; what it wrote, with each row's step days.
 */
export async function insertNew(tx: Tx, batchId: number, actorName: string): Promise<WrittenCase[]> {
  // In steps, each a statement Citus runs: the staged rows (coordinator), the villages' organisations and first
  // secretaries (county tables, read by key), then the cases and their progress written from arrays.
  const rows = await sql<StagedCase & { county_code: string; state: string; opened_on: string; planned_on: string | null }>`
    SELECT s.row_number, s.county_code, s.village_code, s.year, s.causes, s.problems_text, s.plan, s.county_leader, s.township_member,
           s.first_secretary, to_char(s.deadline, 'YYYY-MM-DD') AS deadline, to_char(s.closed_on, 'YYYY-MM-DD') AS closed_on,
           to_char(s.consolidated_on, 'YYYY-MM-DD') AS consolidated_on, s.note, s.progress, s.state,
           to_char(s.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(s.planned_on, 'YYYY-MM-DD') AS planned_on
    FROM import_party_ledger_row s WHERE s.batch_id = ${batchId} AND s.outcome = 'new' ORDER BY s.row_number`
    .execute(tx)
    .then((r) => r.rows);
  if (rows.length === 0) return [];
  const counties = rows.map((x) => x.county_code);
  const villages = rows.map((x) => x.village_code);
  const keys = sql`(SELECT * FROM unnest(${counties}::text[], ${villages}::text[]))`;
  const orgs = await sql<{ county_code: string; region_code: string; id: number }>`
    SELECT o.county_code, o.region_code, o.id FROM party_org o
    WHERE (o.county_code, o.region_code) IN ${keys} AND o.dissolved_on IS NULL`
    .execute(tx)
    .then((r) => r.rows);
  const secretaryOf = await firstSecretaries(tx, rows);
  const orgOf = new Map(orgs.map((o) => [`${o.county_code}:${o.region_code}`, Number(o.id)]));
  const col = <T>(f: (x: (typeof rows)[number]) => T) => rows.map(f);
  const written = await sql<{
    county_code: string;
    id: number;
    village_code: string;
    year: number;
    causes: string[];
    first_secretary_name: string | null;
  }>`
    INSERT INTO party_rectification (county_code, village_code, org_id, year, causes, problems, plan, county_leader, township_member,
                                     first_secretary_posting_id, first_secretary_name, deadline, closed_on, consolidated_on, note)
    SELECT c, v, o, y, string_to_array(ca, ','), pt, pl, cl, tm, fp, fs, dl, co, cs, nt
    FROM unnest(${counties}::text[], ${villages}::text[], ${col((x) => orgOf.get(`${x.county_code}:${x.village_code}`) ?? null)}::bigint[],
                ${col((x) => x.year)}::int[], ${col((x) => x.causes)}::text[], ${col((x) => x.problems_text)}::text[],
                ${col((x) => x.plan)}::text[], ${col((x) => x.county_leader)}::text[], ${col((x) => x.township_member)}::text[],
                ${col((x) => (x.first_secretary ? (secretaryOf.get(secretaryKey(x.county_code, x.village_code, x.first_secretary)) ?? null) : null))}::bigint[],
                ${col((x) => x.first_secretary)}::text[], ${col((x) => x.deadline)}::date[], ${col((x) => x.closed_on)}::date[],
                ${col((x) => x.consolidated_on)}::date[], ${col((x) => x.note)}::text[])
      WITH ORDINALITY AS t(c, v, o, y, ca, pt, pl, cl, tm, fp, fs, dl, co, cs, nt, n)
    ORDER BY n
    RETURNING county_code, id, village_code, year, causes, first_secretary_name`
    .execute(tx)
    .then((r) => r.rows);
  const caseOf = new Map(written.map((w) => [`${w.county_code}:${w.village_code}:${w.year}`, w]));
  const entries = rows.flatMap((x) => {
    const w = caseOf.get(`${x.county_code}:${x.village_code}:${x.year}`);
    return w ? (x.progress ?? []).map((e) => ({ county: w.county_code, id: Number(w.id), date: e.date, content: e.content })) : [];
  });
  if (entries.length) {
    await sql`
      INSERT INTO party_rectification_progress (county_code, case_id, entry_date, content, actor_name)
      SELECT c, i, d, t, ${actorName}
      FROM unnest(${entries.map((e) => e.county)}::text[], ${entries.map((e) => e.id)}::bigint[], ${entries.map((e) => e.date)}::date[],
                  ${entries.map((e) => e.content)}::text[]) AS x(c, i, d, t)`.execute(tx);
  }
  return rows.flatMap((x) => {
    const w = caseOf.get(`${x.county_code}:${x.village_code}:${x.year}`);
    if (!w) return [];
    return [
      {
        county_code: w.county_code,
        id: w.id,
        village_code: w.village_code,
        year: w.year,
        causes: w.causes,
        first_secretary_name: w.first_secretary_name,
        row_number: x.row_number,
        state: x.state,
        opened_on: x.opened_on,
        planned_on: x.planned_on,
        closed_on: x.closed_on,
        consolidated_on: x.consolidated_on,
      },
    ];
  });
}

/** The measures a row brings to a case on file that the import takes through 制定整顿方案 (blank cells keep the case's). */
export interface PlanUpdate {
  county_code: string;
  id: number;
  village_code: string;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary: string | null;
  deadline: string | null;
}

export async function updatePlans(tx: Tx, items: readonly PlanUpdate[]) {
  if (!items.length) return;
  // The name is matched here, not in the UPDATE: Citus refuses a subquery inside an UPDATE's CASE.
  const secretaryOf = await firstSecretaries(
    tx,
    items.filter((i) => i.first_secretary),
  );
  const col = <K extends keyof PlanUpdate>(k: K) => items.map((i) => i[k]);
  await sql`
    UPDATE party_rectification r SET
      plan = coalesce(x.plan, r.plan), county_leader = coalesce(x.county_leader, r.county_leader),
      township_member = coalesce(x.township_member, r.township_member), deadline = coalesce(x.deadline, r.deadline),
      first_secretary_name = coalesce(x.first_secretary, r.first_secretary_name),
      first_secretary_posting_id = CASE WHEN x.first_secretary IS NULL THEN r.first_secretary_posting_id ELSE x.posting_id END,
      updated_at = now()
    FROM unnest(${col('county_code')}::text[], ${col('id')}::bigint[], ${col('plan')}::text[], ${col('county_leader')}::text[],
                ${col('township_member')}::text[], ${col('first_secretary')}::text[], ${col('deadline')}::date[],
                ${items.map((i) => (i.first_secretary ? (secretaryOf.get(secretaryKey(i.county_code, i.village_code, i.first_secretary)) ?? null) : null))}::bigint[])
      AS x(county_code, id, plan, county_leader, township_member, first_secretary, deadline, posting_id)
    WHERE r.county_code = x.county_code AND r.id = x.id`.execute(tx);
}

/** Progress entries appended to cases on file (the lines of the file the case does not have yet). */
export async function appendProgress(
  tx: Tx,
  items: readonly { county_code: string; id: number; date: string; content: string }[],
  actorName: string,
) {
  if (!items.length) return;
  await sql`
    INSERT INTO party_rectification_progress (county_code, case_id, entry_date, content, actor_name)
    SELECT x.county_code, x.id, x.d::date, x.content, ${actorName}
    FROM unnest(${items.map((i) => i.county_code)}::text[], ${items.map((i) => i.id)}::bigint[], ${items.map((i) => i.date)}::text[],
                ${items.map((i) => i.content)}::text[]) WITH ORDINALITY AS x(county_code, id, d, content, n)
    ORDER BY x.n`.execute(tx);
}

/** 销号日期 and 巩固日期 of cases the import closes or consolidates (null keeps the case's). */
// The days come as date[]: Citus refuses a text-to-date cast (stable) inside an UPDATE's COALESCE.
export async function setOutcomeDays(
  tx: Tx,
  items: readonly { county_code: string; id: number; closed_on: string | null; consolidated_on: string | null }[],
) {
  if (!items.length) return;
  await sql`
    UPDATE party_rectification r SET closed_on = coalesce(x.closed_on, r.closed_on),
      consolidated_on = coalesce(x.consolidated_on, r.consolidated_on), updated_at = now()
    FROM unnest(${items.map((i) => i.county_code)}::text[], ${items.map((i) => i.id)}::bigint[],
                ${items.map((i) => i.closed_on)}::date[], ${items.map((i) => i.consolidated_on)}::date[])
      AS x(county_code, id, closed_on, consolidated_on)
    WHERE r.county_code = x.county_code AND r.id = x.id`.execute(tx);
}
