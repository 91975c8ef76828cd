import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../../db/types.ts';
import { timed } from '../../../server/timing.ts';
import type { Actor } from '../../audit/service.ts';
import { noteHouseholdCounties } from '../list-counties.ts';
import { countHelperResolutions, createImportedHelpers, type HelperCounts, resolveHelpers } from './helpers.ts';
import { householdHash, householdSnapshot, liveRows, memberSnapshot } from './shape.ts';

/** Decides, for each household the batch names, whether it is new, changed, unchanged or rejected. */
export async function classifyHouseholds(tx: Tx, batchId: number, registerYear: number) {
  await sql`DELETE FROM import_household WHERE batch_id = ${batchId}`.execute(tx);
  await sql`
    INSERT INTO import_household (batch_id, county_code, household_no, outcome, household_id)
    SELECT ${batchId}, s.county_code, s.household_no,
           CASE WHEN s.bad THEN 'rejected' WHEN l.household_id IS NULL THEN 'new' WHEN l.hash = s.hash THEN 'unchanged' ELSE 'updated' END,
           l.household_id
    FROM (
      SELECT r.county_code, r.household_no, bool_or(r.problems IS NOT NULL) AS bad, ${householdHash('r')} AS hash
      FROM import_row r WHERE r.batch_id = ${batchId} AND r.county_code IS NOT NULL AND r.household_no IS NOT NULL
      GROUP BY r.county_code, r.household_no) s
    LEFT JOIN (
      SELECT l.county_code, l.household_no, l.household_id, ${householdHash('l')} AS hash
      FROM (${liveRows(registerYear)}) l
      WHERE (l.county_code, l.household_no) IN (SELECT county_code, household_no FROM import_row WHERE batch_id = ${batchId})
      GROUP BY l.county_code, l.household_no, l.household_id) l
    ON l.county_code = s.county_code AND l.household_no = s.household_no`.execute(tx);
}

export interface Counts {
  rows: number;
  rowsWithProblems: number;
  households: { new: number; updated: number; unchanged: number; rejected: number };
  persons: { new: number; updated: number; unchanged: number; rejected: number };
  /** How the 帮扶责任人 column resolves, per household (import/helpers.ts). */
  helpers: HelperCounts;
}

export async function countOutcomes(tx: Tx, batchId: number): Promise<Counts> {
  const rows = await sql<{ rows: number; bad: number }>`
    SELECT count(*) AS rows, count(*) FILTER (WHERE problems IS NOT NULL) AS bad FROM import_row WHERE batch_id = ${batchId}`.execute(tx);
  const hh = await sql<{ outcome: string; n: number }>`
    SELECT outcome, count(*) AS n FROM import_household WHERE batch_id = ${batchId} GROUP BY outcome`.execute(tx);
  // A household whose village could not be placed has no (county, number) yet and so no import_household row: it is
  // rejected all the same, counted once per household number not otherwise counted.
  const unplaced = await sql<{ n: number }>`
    SELECT count(DISTINCT u.household_no) AS n FROM import_row u
    WHERE u.batch_id = ${batchId} AND u.county_code IS NULL AND u.household_no IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM import_household ih WHERE ih.batch_id = ${batchId} AND ih.household_no = u.household_no)`.execute(tx);
  const persons = await sql<{ kind: string; n: number }>`
    SELECT CASE
             WHEN ih.outcome IS NULL OR ih.outcome = 'rejected' THEN 'rejected'
             WHEN p.id IS NULL THEN 'new'
             WHEN p.name = r.name AND p.gender = r.gender AND p.birth_date = r.birth_date
                  AND p.ethnicity IS NOT DISTINCT FROM r.ethnicity AND p.phone_hash IS NOT DISTINCT FROM r.phone_hash
                  AND m.household_id IS NOT DISTINCT FROM ih.household_id
                  AND m.relation IS NOT DISTINCT FROM r.relation AND m.education IS NOT DISTINCT FROM r.education
                  AND m.schooling IS NOT DISTINCT FROM r.schooling AND m.health IS NOT DISTINCT FROM r.health
                  AND m.labour IS NOT DISTINCT FROM r.labour AND m.work IS NOT DISTINCT FROM r.work
                  AND m.medical_insurance IS NOT DISTINCT FROM r.medical_insurance THEN 'unchanged'
             ELSE 'updated' END AS kind,
           count(*) AS n
    FROM import_row r
    LEFT JOIN import_household ih ON ih.batch_id = r.batch_id AND ih.county_code = r.county_code AND ih.household_no = r.household_no
    LEFT JOIN person_identity pi ON pi.id_hash = r.id_hash
    LEFT JOIN person p ON p.county_code = pi.county_code AND p.id = pi.person_id
    LEFT JOIN household_member m ON m.county_code = p.county_code AND m.person_id = p.id
    WHERE r.batch_id = ${batchId}
    GROUP BY 1`.execute(tx);
  const by = <K extends string>(list: { k: string; n: number }[], keys: K[]) =>
    Object.fromEntries(keys.map((k) => [k, list.filter((x) => x.k === k).reduce((sum, x) => sum + Number(x.n), 0)])) as Record<K, number>;
  const keys = ['new', 'updated', 'unchanged', 'rejected'] as ('new' | 'updated' | 'unchanged' | 'rejected')[];
  return {
    rows: Number(rows.rows[0]?.rows ?? 0),
    rowsWithProblems: Number(rows.rows[0]?.bad ?? 0),
    households: by(
      [...hh.rows.map((r) => ({ k: r.outcome, n: Number(r.n) })), { k: 'rejected', n: Number(unplaced.rows[0]?.n ?? 0) }],
      keys,
    ),
    persons: by(
      persons.rows.map((r) => ({ k: r.kind, n: r.n })),
      keys,
    ),
    helpers: await countHelperResolutions(tx, batchId),
  };
}

/** With FUPIN_EXPLAIN=1 each commit statement runs under EXPLAIN ANALYZE and its plan goes to stderr. */
async function explained(tx: Tx, label: string, query: RawBuilder<unknown>) {
  if (process.env.FUPIN_EXPLAIN !== '1') return query.execute(tx);
  const r = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${query}`.execute(tx);
  process.stderr.write(`\n-- ${label}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`);
  return r;
}

/**
 * Writes the batch's new and changed households into the register, set-based, in the caller's transaction,
 * with an audit row per household (before and after, ID numbers masked). A form's save (`form`) writes its own
 * audit row, an edit rather than an import, once everything the form changes is written (import/form.ts).
 */
export async function commitBatch(
  tx: Tx,
  batchId: number,
  registerYear: number,
  actor: Actor,
  today: string,
  opts: { large: boolean; form?: boolean; county?: string },
) {
  const run = (label: string, query: RawBuilder<unknown>) => timed(`commit.${label}`, () => explained(tx, label, query));
  const accepted = sql`ih.batch_id = ${batchId} AND ih.outcome IN ('new', 'updated')`;
  const updated = sql`ih.batch_id = ${batchId} AND ih.outcome = 'updated'`;
  const rowsOf = (which: RawBuilder<unknown>) => sql`
    import_row r JOIN import_household ih
      ON ih.batch_id = r.batch_id AND ih.county_code = r.county_code AND ih.household_no = r.household_no AND ${which}`;
  // Statements that only concern households that existed before are skipped when there are none (a first load).
  const anyUpdated = (await sql`SELECT 1 FROM import_household ih WHERE ${updated} LIMIT 1`.execute(tx)).rows.length > 0;
  // The batch's persons already known, read once from the directory (person_identity lives by ID hash, the register
  // by county: on a distributed database no statement joins the two), completed below with the persons created.
  await run(
    'identities',
    sql`
    CREATE TEMP TABLE batch_person ON COMMIT DROP AS
    SELECT pi.id_hash, pi.county_code, pi.person_id FROM import_row r JOIN person_identity pi ON pi.id_hash = r.id_hash
    WHERE r.batch_id = ${batchId} AND r.id_hash IS NOT NULL`,
  );
  await sql`CREATE UNIQUE INDEX ON batch_person (id_hash)`.execute(tx);

  if (anyUpdated) {
    await run(
      'before',
      sql`
      WITH snap AS MATERIALIZED (
        SELECT x.county_code, x.id, ${householdSnapshot(sql.ref('x.county_code'), sql.ref('x.id'), registerYear)} AS before
        FROM household x WHERE (x.county_code, x.id) IN (SELECT ih.county_code, ih.household_id FROM import_household ih WHERE ${updated}))
      UPDATE import_household ih SET before = snap.before
      FROM snap WHERE ${updated} AND snap.county_code = ih.county_code AND snap.id = ih.household_id`,
    );
  }

  // People already known are brought up to date; new ones get a row in their household's county and an entry in
  // the global directory.
  await run(
    'person.update',
    sql`
    UPDATE person p SET name = r.name, name_initials = r.name_initials, name_pinyin = r.name_pinyin,
           id_tail_hash = coalesce(r.id_tail_hash, p.id_tail_hash), gender = r.gender, birth_date = r.birth_date,
           ethnicity = r.ethnicity, phone_cipher = r.phone_cipher, phone_masked = r.phone_masked, phone_hash = r.phone_hash,
           updated_at = now()
    FROM ${rowsOf(accepted)} JOIN batch_person pi ON pi.id_hash = r.id_hash
    WHERE p.county_code = pi.county_code AND p.id = pi.person_id
      AND (p.name, p.name_pinyin, p.gender, p.birth_date, p.ethnicity, p.phone_hash, p.id_tail_hash IS NULL)
          IS DISTINCT FROM (r.name, r.name_pinyin, r.gender, r.birth_date, r.ethnicity, r.phone_hash, r.id_tail_hash IS NULL)`,
  );
  await run(
    'person.insert',
    sql`
    WITH ins AS (
      INSERT INTO person (county_code, id_hash, id_cipher, id_masked, name, name_initials, name_pinyin, id_tail_hash, gender,
                          birth_date, ethnicity, phone_cipher, phone_masked, phone_hash)
      SELECT r.county_code, r.id_hash, r.id_cipher, r.id_masked, r.name, r.name_initials, r.name_pinyin, r.id_tail_hash, r.gender,
             r.birth_date, r.ethnicity,
             r.phone_cipher, r.phone_masked, r.phone_hash
      FROM ${rowsOf(accepted)}
      WHERE NOT EXISTS (SELECT 1 FROM batch_person pi WHERE pi.id_hash = r.id_hash)
      RETURNING county_code, id, id_hash),
    directory AS (
      INSERT INTO person_identity (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins)
    INSERT INTO batch_person (id_hash, county_code, person_id) SELECT id_hash, county_code, id FROM ins`,
  );

  // Counties gaining households are told to the household list's walk before they are written (list-counties.ts).
  const adding = opts.county
    ? [opts.county]
    : (
        await sql<{
          county_code: string;
        }>`SELECT DISTINCT ih.county_code FROM import_household ih WHERE ih.batch_id = ${batchId} AND ih.outcome = 'new'`.execute(tx)
      ).rows.map((r) => r.county_code);
  noteHouseholdCounties(adding);

  // Households: household-level fields from the head's row (all rows agree; the checks made sure), with the head
  // and the member count (the file is the household's truth, so its rows are the members); the ids come back to
  // the batch in the same statement.
  await run(
    'household.upsert',
    sql`
    INSERT INTO household (county_code, household_no, village_code, category, cause, year_identified, planned_exit_year, exit_year, status,
                           head_person_id, member_count, updated_at)
    SELECT g.county_code, g.household_no, g.village_code, g.category, g.cause, g.year_identified, g.planned_exit_year, g.exit_year,
           g.status, pi.person_id, g.members, now()
    FROM (
      -- One pass over the rows: min() of a household column is its value (all rows agree).
      SELECT r.county_code, r.household_no, min(r.village_code) AS village_code, min(r.category) AS category, min(r.cause) AS cause,
             min(r.year_identified) AS year_identified, min(r.planned_exit_year) AS planned_exit_year, min(r.exit_year) AS exit_year,
             min(r.status) AS status, count(*)::int AS members, min(r.id_hash) FILTER (WHERE r.relation = 'head') AS head_hash
      FROM ${rowsOf(accepted)} GROUP BY r.county_code, r.household_no) g
    JOIN batch_person pi ON pi.id_hash = g.head_hash
    -- updated_at comes from the row (now() in the SELECT): a distributed database refuses now() in the update.
    ON CONFLICT (county_code, household_no) DO UPDATE SET
      village_code = excluded.village_code, category = excluded.category, cause = excluded.cause,
      year_identified = excluded.year_identified, planned_exit_year = excluded.planned_exit_year,
      exit_year = excluded.exit_year, status = excluded.status, head_person_id = excluded.head_person_id,
      member_count = excluded.member_count, version = household.version + 1, updated_at = excluded.updated_at`,
  );

  // The 帮扶责任人 column: resolved again here (a helper may have been added since the preview), new names created.
  await timed('commit.helper.resolve', () => resolveHelpers(tx, batchId));
  await timed('commit.helper.create', () => createImportedHelpers(tx, batchId, actor, { form: opts.form }));

  // The accepted rows with their household's and person's ids, joined once: every statement below reads this
  // instead of joining the batch to the register again (each such join cost seconds on a province's file). A large
  // batch has just changed the tables' size, so their statistics are refreshed first; a form's one household has not.
  if (opts.large) await sql`ANALYZE batch_person, household`.execute(tx);
  await run(
    'rows',
    sql`
    CREATE TEMP TABLE commit_row ON COMMIT DROP AS
    SELECT r.county_code, r.household_no, r.row_number, r.village_code, r.name, r.id_masked, r.gender, r.ethnicity, r.phone_masked,
           r.relation, r.education, r.schooling, r.health, r.labour, r.work, r.medical_insurance, r.category, r.cause, r.year_identified, r.planned_exit_year,
           r.exit_year, r.status, r.income, r.helper_name, ih.helper_resolution, ih.helper_id, ih.outcome, ih.before, h.id AS household_id,
           pi.person_id
    FROM ${rowsOf(accepted)}
    JOIN household h ON h.county_code = r.county_code AND h.household_no = r.household_no
    JOIN batch_person pi ON pi.id_hash = r.id_hash`,
  );
  if (opts.large) await sql`ANALYZE commit_row`.execute(tx);

  // Members: the file is the household's truth — people no longer listed leave it.
  if (anyUpdated) {
    await run(
      'member.delete',
      sql`
      WITH gone AS MATERIALIZED (
        SELECT m.county_code, m.household_id, m.person_id FROM household_member m
        WHERE (m.county_code, m.household_id) IN (SELECT ih.county_code, ih.household_id FROM import_household ih WHERE ${updated})
        EXCEPT
        SELECT ih.county_code, ih.household_id, pi.person_id
        FROM ${rowsOf(updated)} JOIN batch_person pi ON pi.id_hash = r.id_hash AND pi.county_code = ih.county_code)
      DELETE FROM household_member m USING gone g
      WHERE m.county_code = g.county_code AND m.person_id = g.person_id AND m.household_id = g.household_id`,
    );
  }
  await run(
    'member.upsert',
    sql`
    INSERT INTO household_member (county_code, person_id, household_id, relation, education, schooling, health, labour, work, medical_insurance)
    SELECT c.county_code, c.person_id, c.household_id, c.relation, c.education, c.schooling, c.health, c.labour, c.work, c.medical_insurance
    FROM commit_row c
    ON CONFLICT (county_code, person_id) DO UPDATE SET
      household_id = excluded.household_id, relation = excluded.relation, education = excluded.education,
      schooling = excluded.schooling, health = excluded.health, labour = excluded.labour, work = excluded.work,
      medical_insurance = excluded.medical_insurance
    WHERE (household_member.household_id, household_member.relation, household_member.education, household_member.schooling,
           household_member.health, household_member.labour, household_member.work, household_member.medical_insurance)
      IS DISTINCT FROM (excluded.household_id, excluded.relation, excluded.education, excluded.schooling, excluded.health,
                        excluded.labour, excluded.work, excluded.medical_insurance)`,
  );
  // Income of the register year, as the file gives it (blank removes it). A year whose per-capita figure the file
  // repeats keeps its income by source (entered on the form; the file has no columns for it).
  if (anyUpdated) {
    await run(
      'income.delete',
      sql`
      WITH have AS MATERIALIZED (
        SELECT i.county_code, i.household_id, i.per_capita FROM household_income i
        WHERE i.year = ${registerYear}
          AND (i.county_code, i.household_id) IN (SELECT ih.county_code, ih.household_id FROM import_household ih WHERE ${updated})),
      gone AS MATERIALIZED (
        SELECT h.county_code, h.household_id FROM have h
        WHERE NOT EXISTS (
          SELECT 1 FROM commit_row c
          WHERE c.county_code = h.county_code AND c.household_id = h.household_id AND c.relation = 'head' AND c.income = h.per_capita))
      DELETE FROM household_income i USING gone g
      WHERE i.county_code = g.county_code AND i.household_id = g.household_id AND i.year = ${registerYear}`,
    );
  }
  await run(
    'income.insert',
    sql`
    INSERT INTO household_income (county_code, household_id, year, per_capita)
    SELECT c.county_code, c.household_id, ${registerYear}, c.income
    FROM commit_row c WHERE c.relation = 'head' AND c.income IS NOT NULL
    ON CONFLICT (county_code, household_id, year) DO NOTHING`,
  );

  // Status history: a line for every new household and every change of status.
  await run(
    'history',
    sql`
    INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
    SELECT c.county_code, c.household_id, c.status, c.before ->> 'status', ${today}::date, ${opts.form ? 'form' : `import:${batchId}`}
    FROM commit_row c
    WHERE c.relation = 'head' AND (c.before IS NULL OR c.before ->> 'status' IS DISTINCT FROM c.status)`,
  );

  // Helper: a new name ends the current pairing and starts another; a blank ends it; an ambiguous name (two helpers
  // of the county bear it) leaves the pairing as it is (import/helpers.ts).
  if (anyUpdated) {
    await run(
      'helper.end',
      sql`
      UPDATE help_pairing hp SET end_date = ${today}::date
      FROM ${rowsOf(updated)}
      WHERE r.relation = 'head' AND hp.county_code = ih.county_code AND hp.household_id = ih.household_id
        AND hp.end_date IS NULL AND hp.helper_name IS DISTINCT FROM r.helper_name AND ih.helper_resolution IS DISTINCT FROM 'ambiguous'`,
    );
  }
  await run(
    'helper.start',
    sql`
    WITH current AS MATERIALIZED (
      SELECT hp.county_code, hp.household_id, hp.helper_name FROM help_pairing hp
      WHERE hp.end_date IS NULL AND (hp.county_code, hp.household_id) IN (
        SELECT county_code, household_id FROM commit_row WHERE relation = 'head' AND outcome = 'updated'))
    INSERT INTO help_pairing (county_code, household_id, helper_id, helper_name, start_date)
    SELECT c.county_code, c.household_id, c.helper_id, c.helper_name, ${today}::date
    FROM commit_row c
    WHERE c.relation = 'head' AND c.helper_name IS NOT NULL AND c.helper_id IS NOT NULL
      AND (c.outcome = 'new' OR NOT EXISTS (
        SELECT 1 FROM current hp WHERE hp.county_code = c.county_code AND hp.household_id = c.household_id
          AND hp.helper_name = c.helper_name))`,
  );

  if (opts.form) return;
  // The after-snapshot is built from the staged rows, which are now the register's content of these households
  // (householdSnapshot over the live tables gives the same object; reading them back cost a lookup per member).
  await run(
    'audit',
    sql`
    INSERT INTO audit_log (actor_id, actor_name, scope_code, entity, entity_id, action, before, after, ip)
    SELECT ${actor.id}, ${actor.username}, g.village_code, 'household', g.household_id::text,
           CASE WHEN g.outcome = 'new' THEN 'import_create' ELSE 'import_update' END,
           g.before,
           jsonb_build_object(
             'householdNo', g.household_no, 'villageCode', g.village_code, 'category', g.category, 'cause', g.cause,
             'yearIdentified', g.year_identified, 'plannedExitYear', g.planned_exit_year, 'exitYear', g.exit_year,
             'status', g.status, 'income', g.income, 'helper', g.helper_name, 'members', g.members),
           ${actor.ip ?? null}
    FROM (
      -- One pass over the rows: min() of a household column is its value (all rows agree).
      SELECT c.county_code, c.household_no, min(c.household_id) AS household_id, min(c.outcome) AS outcome,
             (array_agg(c.before))[1] AS before, min(c.village_code) AS village_code, min(c.category) AS category,
             min(c.cause) AS cause, min(c.year_identified) AS year_identified, min(c.planned_exit_year) AS planned_exit_year,
             min(c.exit_year) AS exit_year, min(c.status) AS status, min(c.income) AS income, min(c.helper_name) AS helper_name,
             jsonb_agg(${memberSnapshot('c', 'c', sql.ref('c.person_id'))} ORDER BY c.person_id) AS members
      FROM commit_row c
      GROUP BY c.county_code, c.household_no) g`,
  );
}
