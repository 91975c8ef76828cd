import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Tx } from '../../src/db/types.ts';
import { refresh } from '../../src/modules/command/rollups.ts';
import { loadDemo } from '../../src/modules/registry/demo/load.ts';
import { loadModuleDemos } from '../../src/server/module-demos.ts';
import { TEST_KEYS } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';

/**
 * The row triggers of migrations 0044 and 0049 (one mechanism on every engine, Citus included): a write to any
 * rollup-source table marks the village its row is about in rollup_dirty, and a write dated before the current month
 * queues a dated mark in rollup_dated. For each table the test picks a row of the demo and works out, in its own SQL
 * (not the triggers' functions), which village and which month the row is about; then updates it, deletes it and
 * inserts it again, and compares the marks.
 */

/** How this test finds a row's village, and its date (null: the table is not dated). */
const TABLES: Record<string, { village: string; date: string | null; marks?: false; ops?: ('update' | 'delete')[] }> = {
  household: { village: 't.village_code', date: null },
  village_population: { village: 't.village_code', date: null },
  cadre_attendance_month: { village: 't.village_code', date: 't.month' },
  // cadre_checkin marks only with the first check-in of a posting and day that counts in the village (migration
  // 0051): tested with its rule in tests/integration/field-checkins.test.ts.
  cadre_flag: { village: 't.village_code', date: 't.month' },
  cadre_posting: { village: 't.village_code', date: 'least(t.start_date, t.confirmed_on, t.end_date)' },
  comparison_hit: { village: 't.village_code', date: null },
  help_pairing: {
    village: '(SELECT h.village_code FROM household h WHERE h.county_code = t.county_code AND h.id = t.household_id)',
    date: null, // an update that changes no date revises no month; inserts and deletes are checked below
  },
  household_income: {
    village: '(SELECT h.village_code FROM household h WHERE h.county_code = t.county_code AND h.id = t.household_id)',
    date: null,
  },
  household_project: {
    village: '(SELECT h.village_code FROM household h WHERE h.county_code = t.county_code AND h.id = t.household_id)',
    date: 'make_date(t.year, 1, 1)',
  },
  household_status_history: {
    village: '(SELECT h.village_code FROM household h WHERE h.county_code = t.county_code AND h.id = t.household_id)',
    date: 't.changed_on',
    marks: false,
  },
  party_cadre_pay: { village: 't.village_code', date: 't.month' },
  party_collective_income: { village: 't.village_code', date: 'make_date(t.year, 1, 1)' },
  party_decision_step: { village: 't.village_code', date: 't.held_on' },
  party_fund_payment: { village: 't.village_code', date: 't.paid_on' },
  party_member: {
    village:
      '(SELECT CASE WHEN length(o.region_code) = 12 THEN o.region_code END FROM party_org o WHERE o.county_code = t.county_code AND o.id = t.org_id)',
    date: 'least(t.joined_on, t.left_on)',
  },
  party_org: { village: 'CASE WHEN length(t.region_code) = 12 THEN t.region_code END', date: 'least(t.established_on, t.dissolved_on)' },
  party_pairing: {
    village: '(SELECT h.village_code FROM household h WHERE h.county_code = t.county_code AND h.id = t.household_id)',
    date: null,
  },
  party_rectification: { village: 't.village_code', date: null },
  party_reserve_cadre: { village: 't.village_code', date: 't.since' },
  party_screening: { village: 't.village_code', date: null },
  party_secretary_term: {
    village:
      '(SELECT CASE WHEN length(o.region_code) = 12 THEN o.region_code END FROM party_org o WHERE o.county_code = t.county_code AND o.id = t.org_id)',
    date: 'least(t.start_date, t.end_date)',
  },
  poor_village: { village: 't.village_code', date: 'make_date(least(t.year_listed, t.exit_year), 1, 1)' },
  procedure_case: { village: 'CASE WHEN length(t.region_code) = 12 THEN t.region_code END', date: null },
};

class Rollback extends Error {}

describe.each(engines())('row triggers mark the village of every write on %s', (engine) => {
  let d: Database;
  const q = async <T>(text: string) => (await sql<T>`${sql.raw(text)}`.execute(d.db)).rows;

  beforeAll(async () => {
    d = await openSeeded(engine);
    await loadDemo(d.db, TEST_KEYS, { scale: 0.004 });
    await loadModuleDemos(d.db, TEST_KEYS, { scale: 0.004 }, () => {});
    await refresh(d.db, { wait: true });
  }, 600_000);
  afterAll(async () => {
    await d?.close();
  });

  // Fupin's tables only: Citus's catalog tables and its TRUNCATE trigger on every distributed table are not Fupin's.
  // (The key compares each column with an untyped literal: Citus refuses a stable cast such as date::text in an UPDATE.)
  it('has no statement-level trigger left on a table of a county', async () => {
    const stmt = await q<{ t: string }>(`
      SELECT DISTINCT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc f ON f.oid = g.tgfoid
      WHERE NOT g.tgisinternal AND g.tgtype & 1 = 0 AND c.relname NOT IN ('region', 'setting', 'audit_log', 'indicator_month')
        AND c.relnamespace = 'public'::regnamespace AND f.proname <> 'citus_truncate_trigger'
      ORDER BY 1`);
    expect(stmt.map((r) => r.t)).toEqual([]);
  });

  it.each(Object.keys(TABLES))('%s', async (table) => {
    const spec = TABLES[table] as (typeof TABLES)[string];
    const thisMonth = (await q<{ m: string }>(`SELECT date_trunc('month', now())::date::text AS m`))[0]?.m as string;
    // A row, preferring one dated before this month (its writes then revise closed months).
    const order = spec.date ? `coalesce((${spec.date}) < '${thisMonth}'::date, false) DESC, ` : '';
    const pk = (
      await q<{ c: string }>(`
        SELECT a.attname AS c FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = '${table}'::regclass AND i.indisprimary ORDER BY a.attnum`)
    ).map((r) => r.c);
    const [row] = await q<{ key: string; village: string | null; d: string | null }>(`
      SELECT ${pk.map((c) => `quote_ident('${c}') || ' = ' || quote_literal(t.${c}::text)`).join(` || ' AND ' || `)} AS key,
             ${spec.village} AS village, ${spec.date ? `(${spec.date})::text` : 'NULL'} AS d
      FROM ${table} t ORDER BY ${order}${pk.map((c) => `t.${c}`).join(', ')} LIMIT 1`);
    expect(row, `the demo has a row of ${table}`).toBeDefined();
    if (!row) return;
    const key = row.key;
    const expectedVillages = spec.marks === false || !row.village ? [] : [row.village];
    const expectedDated = (ds: (string | null)[]) => {
      const early = ds.filter((x): x is string => !!x && x < thisMonth).sort()[0];
      return early ? [{ village: row.village ?? '', month: `${early.slice(0, 7)}-01`, dated: early }] : [];
    };
    const marks = async () => ({
      villages: (await q<{ v: string }>('SELECT village_code AS v FROM rollup_dirty ORDER BY 1')).map((r) => r.v),
      dated: await q<{ village: string; month: string; dated: string }>(
        `SELECT village_code AS village, month::text AS month, dated::text AS dated FROM rollup_dated WHERE source = '${table}' ORDER BY 2`,
      ),
    });
    const clear = async () => {
      await q('DELETE FROM rollup_dirty');
      await q('DELETE FROM rollup_dated');
    };
    await refresh(d.db, { wait: true });

    // Update (a no-op one: the row is about the same village and date after it).
    if ((spec.ops ?? ['update']).includes('update')) {
      await clear();
      await q(`UPDATE ${table} SET county_code = county_code WHERE ${key}`);
      const m = await marks();
      expect(m.villages, `update of ${table}`).toEqual(expectedVillages);
      expect(m.dated, `dated marks of an update of ${table}`).toEqual(spec.date && table !== 'help_pairing' ? expectedDated([row.d]) : []);
    }

    // Delete, then insert the same row again, in a transaction that is rolled back (foreign keys may cascade: every
    // child of a row is in the same village).
    await clear();
    await d.db
      .transaction()
      .execute(async (tx) => {
        const t = (text: string) => sql`${sql.raw(text)}`.execute(tx);
        const read = async () => ({
          villages: (await sql<{ v: string }>`SELECT village_code AS v FROM rollup_dirty ORDER BY 1`.execute(tx)).rows.map((r) => r.v),
          dated: (
            await sql<{ village: string; month: string; dated: string }>`
              SELECT village_code AS village, month::text AS month, dated::text AS dated FROM rollup_dated
              WHERE source = ${table} ORDER BY 2`.execute(tx)
          ).rows,
        });
        await t(`CREATE TEMP TABLE keep ON COMMIT DROP AS SELECT * FROM ${table} WHERE ${key}`);
        // A row whose children's keys do not cascade cannot be deleted: its update is what is checked.
        await t('SAVEPOINT del');
        const deleted = await t(`DELETE FROM ${table} WHERE ${key}`).then(
          () => true,
          async () => {
            await t('ROLLBACK TO SAVEPOINT del');
            return false;
          },
        );
        if (!deleted) throw new Rollback();
        const afterDelete = await read();
        expect(afterDelete.villages, `delete of ${table}`).toEqual(expectedVillages);
        if (spec.date || table === 'help_pairing') {
          expect(
            afterDelete.dated.filter((x) => x.village === (row.village ?? '')),
            `dated marks of a delete of ${table}`,
          ).toEqual(expectedDated([row.d ?? (await dateOf(tx))]));
        }
        await t('DELETE FROM rollup_dirty');
        await t('DELETE FROM rollup_dated');
        await t(`INSERT INTO ${table} SELECT * FROM keep`);
        const afterInsert = await read();
        expect(afterInsert.villages, `insert of ${table}`).toEqual(expectedVillages);
        if (spec.date || table === 'help_pairing')
          expect(afterInsert.dated, `dated marks of an insert of ${table}`).toEqual(expectedDated([row.d ?? (await dateOf(tx))]));
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });

    async function dateOf(tx: Tx) {
      // help_pairing: dated by least(start_date, end_date) on insert and delete.
      const r = await sql<{ d: string | null }>`SELECT least(start_date, end_date)::text AS d FROM keep`.execute(tx);
      return r.rows[0]?.d ?? null;
    }
  });

  it('folds a back-dated write: the closed months from its month on are dropped and the revision is listed', async () => {
    await refresh(d.db, { wait: true });
    const [h] = await q<{ county_code: string; id: string; village_code: string }>(
      'SELECT county_code, id::text AS id, village_code FROM household ORDER BY county_code, id LIMIT 1',
    );
    if (!h) throw new Error('no household');
    const months = await q<{ m: string }>(
      `SELECT to_char(date_trunc('month', now()) - make_interval(months => k), 'YYYY-MM-DD') AS m FROM generate_series(1, 3) k`,
    );
    for (const { m } of months) await q(`INSERT INTO indicator_month (month) VALUES ('${m}') ON CONFLICT DO NOTHING`);
    const twoAgo = months[1]?.m as string;
    const day = `${twoAgo.slice(0, 8)}15`;
    await q(`INSERT INTO household_status_history (county_code, household_id, status, previous_status, changed_on, reason)
             SELECT county_code, id, status, status, '${day}', 'correction' FROM household WHERE county_code = '${h.county_code}' AND id = ${h.id}`);
    // Not folded yet: the snapshots are there, the mark is queued, the figures are not current.
    expect(await q(`SELECT 1 FROM indicator_month WHERE month = '${twoAgo}'`)).toHaveLength(1);
    expect(await q(`SELECT 1 FROM rollup_dated WHERE household_id = ${h.id} AND dated = '${day}'`)).toHaveLength(1);
    await refresh(d.db, { wait: true });
    const left = await q<{ m: string }>(
      `SELECT month::text AS m FROM indicator_month WHERE month = ANY(ARRAY['${months.map((x) => x.m).join("','")}']::date[]) ORDER BY 1`,
    );
    expect(left.map((r) => r.m)).toEqual([months[2]?.m]);
    const revised = await q<{ m: string; village_code: string }>(
      `SELECT month::text AS m, village_code FROM indicator_month_revision
       WHERE source = 'household_status_history' AND household_id = ${h.id} AND dated = '${day}' ORDER BY 1`,
    );
    expect(revised).toEqual([
      { m: months[1]?.m, village_code: h.village_code },
      { m: months[0]?.m, village_code: h.village_code },
    ]);
    expect(await q('SELECT 1 FROM rollup_dated')).toHaveLength(0);
  });
});
