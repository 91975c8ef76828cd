import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { citusVersion, distribute } from '../../src/db/distribute.ts';
import { AppError } from '../../src/server/errors.ts';
import { t } from '../../src/server/i18n.ts';
import { engines, openSeeded } from '../support/db.ts';

/** `fupin scale distribute` on a server without Citus (PGlite, plain PostgreSQL): refused, nothing changed. */
describe.each(engines().filter((e) => e !== 'citus'))('scale distribute without Citus (%s)', (engine) => {
  let d: Database;
  beforeAll(async () => {
    d = await openSeeded(engine);
  });
  afterAll(async () => {
    await d.close();
  });

  it('is refused with a message in both languages', async () => {
    expect(await citusVersion(d.db)).toBeNull();
    const err = await distribute(d.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SCALE_NO_CITUS');
    expect(t('zh-CN', 'SCALE_NO_CITUS')).toContain('Citus');
    expect(t('en', 'SCALE_NO_CITUS')).toContain('no Citus extension');
  });
});

/** On Citus (CITUS_URL) the test database is already distributed (tests/support/citus.ts): a second run changes nothing. */
describe.each(engines().filter((e) => e === 'citus'))('scale distribute on %s', (engine) => {
  let d: Database;
  beforeAll(async () => {
    d = await openSeeded(engine);
  });
  afterAll(async () => {
    await d.close();
  });

  it('is idempotent on the distributed copy: nothing done, nothing refused, person distributed by county', async () => {
    expect(await citusVersion(d.db)).toMatch(/^13\./);
    const steps = await distribute(d.db);
    expect(steps.filter((s) => s.outcome === 'done' || s.outcome === 'refused')).toEqual([]);
    const r = await sql<{ col: string }>`
      SELECT column_to_column_name(logicalrelid, partkey) AS col FROM pg_dist_partition WHERE logicalrelid = 'person'::regclass`.execute(
      d.db,
    );
    expect(r.rows).toEqual([{ col: 'county_code' }]);
    // The copy's shards are where its metadata says: a count through the coordinator reads every shard on the
    // workers' copies (an error if a copy lacked them), and a multi-shard plan has one task per shard.
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(d.db);
    expect(n.rows[0]?.n).toBe(0);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT count(*) FROM person`.execute(d.db);
    const shards = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_dist_shard WHERE logicalrelid = 'person'::regclass`.execute(
      d.db,
    );
    expect(plan.rows.map((x) => x['QUERY PLAN']).join('\n')).toContain(`Task Count: ${shards.rows[0]?.n}`);
  }, 300_000);
});
