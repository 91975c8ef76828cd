import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../../../tests/support/db.ts';
import type { Database } from '../../../db/connection.ts';
import { parseKey } from '../../pii/crypto.ts';
import { loadDemo } from '../../registry/demo/load.ts';
import { loadDemoPartyDecisions } from './demo.ts';
import { DECISION } from './procedure.ts';

/**
 * The demo decisions as they land, on both engines, with no party organisations beforehand (the core part's demo not
 * run): organisations and members made for the villages used, decisions in every step, each case's steps in order
 * and agreeing with the meeting facts, every members' meeting meeting its rule, 海丰村 included; a second run adds nothing.
 */
const KEYS = parseKey(randomBytes(64).toString('base64'));

describe.each(engines())('demo decisions on %s', (engine) => {
  let database: Database;
  let result: Record<string, number> | null;
  let ms = 0;
  const rows = async <T = Record<string, unknown>>(q: RawBuilder<unknown>) => (await q.execute(database.db)).rows as T[];

  beforeAll(async () => {
    database = await openSeeded(engine);
    await loadDemo(database.db, KEYS, { scale: 0.004 });
    const t0 = Date.now();
    result = await loadDemoPartyDecisions(database.db, KEYS);
    ms = Date.now() - t0;
  }, 600_000);
  afterAll(() => database?.close());

  it('puts decisions in every state, 海丰村 among the villages, quickly', async () => {
    expect(Object.keys(result ?? {}).sort()).toEqual(Object.keys(DECISION.states).sort());
    const [h] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_decision WHERE village_code = '211381109201'`);
    expect(h?.n).toBeGreaterThanOrEqual(2);
    expect(ms).toBeLessThan(3000);
    expect(await loadDemoPartyDecisions(database.db, KEYS)).toBeNull();
  });

  it("keeps each case's history in order, matching the meeting facts, with every members' meeting by its rule", async () => {
    const bad = await rows(sql`
      SELECT d.id FROM party_decision d
      JOIN procedure_case c ON c.county_code = d.county_code AND c.procedure = 'party_decision' AND c.subject_id = d.id
      WHERE c.version <> (SELECT count(*) FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id)
         OR c.state <> (SELECT s.to_state FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id ORDER BY s.seq DESC LIMIT 1)
         OR (SELECT count(*) FROM procedure_step s WHERE s.county_code = c.county_code AND s.case_id = c.id) - 1
            <> (SELECT count(*) FROM party_decision_step p WHERE p.county_code = d.county_code AND p.decision_id = d.id)`);
    expect(bad).toEqual([]);
    const meetings = await rows<{ present: number; total: number; votes_for: number; outcome: string }>(sql`
      SELECT p.present, p.total, p.votes_for, p.outcome FROM party_decision_step p WHERE p.step = 'members_meeting'`);
    expect(meetings.length).toBeGreaterThan(0);
    for (const m of meetings) {
      expect(m.present * 3 >= m.total * 2).toBe(true);
      expect(m.votes_for * 2 > m.total).toBe(m.outcome === 'passed');
    }
    const members = await rows<{ bad: number }>(sql`
      SELECT count(*)::int AS bad FROM party_decision_step p JOIN party_decision d ON d.county_code = p.county_code AND d.id = p.decision_id
      WHERE p.step = 'members_meeting' AND p.total <> (SELECT count(*) FROM party_member m WHERE m.county_code = d.county_code AND m.org_id = d.org_id AND m.left_on IS NULL)`);
    expect(members[0]?.bad).toBe(0);
  });
});
