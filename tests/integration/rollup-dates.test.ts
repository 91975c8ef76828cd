import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { refresh } from '../../src/modules/command/rollups.ts';
import { type Engine, engines, openSeeded } from '../support/db.ts';

/**
 * Which writes forget the monthly snapshots: a change dated in a closed month does, a present-day one does not.
 * Counted directly in indicator_month, with the dates written by hand, once the rollup engine has folded the change.
 */
describe.each(engines())('snapshot forgetting on %s', (engine: Engine) => {
  let d: Database;
  // The row triggers queue a back-dated change (migration 0049); the rollup engine folds it, before any reader reads.
  const months = async () => {
    await refresh(d.db, { wait: true });
    return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM indicator_month`.execute(d.db)).rows[0]?.n ?? -1);
  };

  beforeAll(async () => {
    d = await openSeeded(engine);
    await sql`INSERT INTO household (county_code, village_code, household_no, category, cause, year_identified, status)
      VALUES ('211381', '211381109201', 'DATES01', 'ordinary', 'illness', 2016, 'poor')`.execute(d.db);
    await sql`INSERT INTO helper (county_code, name) VALUES ('211381', '王帮')`.execute(d.db);
    await sql`INSERT INTO help_pairing (county_code, household_id, helper_id, helper_name, start_date)
      SELECT h.county_code, h.id, he.id, '王帮', DATE '2017-03-01' FROM household h JOIN helper he ON he.county_code = h.county_code AND he.name = '王帮'
      WHERE h.household_no = 'DATES01'`.execute(d.db);
  });
  afterAll(() => d.close());

  const snapshot = async () => {
    await refresh(d.db, { wait: true });
    await sql`DELETE FROM indicator_month`.execute(d.db);
    await sql`INSERT INTO indicator_month (month) VALUES (DATE '2017-06-01'), (DATE '2025-01-01'), (date_trunc('month', now() - interval '1 month')::date)`.execute(
      d.db,
    );
  };

  it('keeps the snapshots when a pairing begun in 2017 is ended today', async () => {
    await snapshot();
    await sql`UPDATE help_pairing SET end_date = current_date WHERE helper_name = '王帮'`.execute(d.db);
    expect(await months()).toBe(3);
  });

  it('forgets the months from a back-dated end on', async () => {
    await snapshot();
    await sql`UPDATE help_pairing SET end_date = DATE '2025-01-15' WHERE helper_name = '王帮'`.execute(d.db);
    // 2017-06 stays; 2025-01 and last month go.
    expect(await months()).toBe(1);
  });

  it('forgets the months from a changed start on', async () => {
    await snapshot();
    await sql`UPDATE help_pairing SET start_date = DATE '2017-01-01' WHERE helper_name = '王帮'`.execute(d.db);
    expect(await months()).toBe(0);
  });

  it('a name change alone dates nothing', async () => {
    await snapshot();
    await sql`UPDATE help_pairing SET helper_name = '王帮二' WHERE helper_name = '王帮'`.execute(d.db);
    expect(await months()).toBe(3);
  });
});
