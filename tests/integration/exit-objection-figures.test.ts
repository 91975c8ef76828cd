import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { exitFixture } from '../../src/modules/exit/fixtures.ts';
import { Client, loggedIn, openTestApp, type Reply, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * Objections reach the command centre at once (decision 0008): exit_objection has no rollup trigger (no statement
 * triggers on distributed tables, issue 14), so recording or deciding one marks its village from the application.
 * An objection from the public page, one recorded in the UI and a decision each move 'exit_objections_open' and the
 * 'exit_objection_open' alert of the village as SQL counts them, in the first answer that says it is current.
 */
const COUNTY = '211381';
const TODAY = new Date().toISOString().slice(0, 10);

describe.each(engines())('exit objections in the command centre on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let anon: Client;
  let county: Client;
  let first: Awaited<ReturnType<typeof exitFixture>>;
  let second: Awaited<ReturnType<typeof exitFixture>>;

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const toNotice = async (id: number) => {
    await sql`UPDATE procedure_case SET state = 'notice' WHERE county_code = ${COUNTY} AND procedure = 'household_exit' AND subject_id = ${id}`.execute(
      db,
    );
    await sql`UPDATE exit_household SET notice_from = ${TODAY}::date, notice_until = ${TODAY}::date + 6 WHERE county_code = ${COUNTY} AND id = ${id}`.execute(
      db,
    );
  };
  /** Open objections of the village's exits, as the figure counts them. */
  const openObjections = async (village: string) => {
    const [r] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM exit_objection o JOIN exit_household e ON e.county_code = o.county_code AND e.id = o.exit_household_id
      WHERE e.village_code = ${village} AND o.decided_on IS NULL`);
    return Number(r?.n);
  };
  /** The first dashboard answer that says its figures are current, and how long after `since` it came. */
  const current = async (village: string, since: number): Promise<{ value: number; ms: number; reply: Reply }> => {
    for (;;) {
      const reply = await county.get(`/api/command/dashboard?region=${village}`);
      expect(reply.status, reply.text).toBe(200);
      if (reply.body.freshness?.current || Date.now() - since > 30_000) {
        const value = reply.body.figures.find((f: { id: string }) => f.id === 'exit_objections_open')?.value as number;
        return { value, ms: Date.now() - since, reply };
      }
      await new Promise((done) => setTimeout(done, 20));
    }
  };
  const alertFor = async (exitId: number) => {
    const r = await county.get(`/api/command/alerts?region=${COUNTY}&rule=exit_objection_open&limit=100`);
    expect(r.status, r.text).toBe(200);
    return (r.body.items as { key: string; link: { kind: string; path?: string } }[]).filter(
      (i) => i.link.path === `/exit/households/${exitId}`,
    );
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    anon = new Client(t.app);
    county = await loggedIn(t.app, 'beipiao');
    first = await exitFixture(db, COUNTY);
    second = await exitFixture(db, COUNTY);
    await toNotice(first.id);
    await toNotice(second.id);
  });
  afterAll(() => t.close());

  it('moves the figure and the alert when the public page files an objection', async () => {
    const before = await current(first.village, Date.now());
    expect(before.value).toBe(await openObjections(first.village));
    const start = Date.now();
    const r = await anon.post(`/api/public/villages/${first.village}/complaints`, {
      kind: 'objection',
      noticeId: first.id,
      content: '该户有经营收入未计入，不宜退出',
    });
    expect(r.status, r.text).toBe(200);
    const after = await current(first.village, start);
    expect(after.value).toBe(await openObjections(first.village));
    expect(after.value).toBe(before.value + 1);
    console.info(`[${engine}] public objection → figure current in ${after.ms} ms`);
    expect((await alertFor(first.id)).length).toBe(1);
  });

  it('moves the figure when an objection is recorded in the UI and again when it is decided', async () => {
    // Its own exit (the first may share the village): the figure of the second's village.
    const v = second.village;
    const before = await current(v, Date.now());
    expect(before.value).toBe(await openObjections(v));
    const start = Date.now();
    const o = await county.post(`/api/exit/households/${second.id}/objections`, {
      source: 'visit',
      content: '邻居反映其子女有稳定工资收入',
    });
    expect(o.status, o.text).toBe(200);
    const recorded = await current(v, start);
    expect(recorded.value).toBe(await openObjections(v));
    expect(recorded.value).toBe(before.value + 1);
    console.info(`[${engine}] UI objection → figure current in ${recorded.ms} ms`);
    expect((await alertFor(second.id)).length).toBe(1);

    const dismissed = await county.post(`/api/exit/households/${second.id}/objections/${o.body.id}/decision`, {
      outcome: 'dismissed',
      reason: '经核实子女已分户',
    });
    expect(dismissed.status, dismissed.text).toBe(200);
    const decided = await current(v, Date.now());
    expect(decided.value).toBe(await openObjections(v));
    expect(decided.value).toBe(before.value);
    expect(await alertFor(second.id)).toEqual([]);
  });
});
