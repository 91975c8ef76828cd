import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openSeeded } from '../../../../tests/support/db.ts';
import type { Database } from '../../../db/connection.ts';
import { loadDemoCadres } from '../../cadres/demo/load.ts';
import { decrypt, parseKey } from '../../pii/crypto.ts';
import { loadDemo } from '../../registry/demo/load.ts';
import { parseIdNumber } from '../../registry/idcard.ts';
import { loadDemoPartyCore, type PartyCoreDemoResult } from './load.ts';

/**
 * The demo party organisations as they land, on both engines, checked with direct SQL: one organisation per village
 * of the demo counties, 20–60 members each, one current secretary who is a member, ID numbers sealed and matching
 * the person's birth date and gender, wealth leaders paired with households of their own village; a second run adds
 * nothing. The load time at the scale asked by PARTY_DEMO_SCALE is printed (3 s at 0.1 on PGlite is the target).
 */
const KEYS = parseKey(randomBytes(64).toString('base64'));
const SCALE = Number(process.env.PARTY_DEMO_SCALE ?? 0.004);

describe.each(engines())('demo party core on %s', (engine) => {
  let database: Database;
  let result: PartyCoreDemoResult | null;
  let ms = 0;
  const rows = async <T = Record<string, unknown>>(q: RawBuilder<unknown>) => (await q.execute(database.db)).rows as T[];

  beforeAll(async () => {
    database = await openSeeded(engine);
    await loadDemo(database.db, KEYS, { scale: SCALE });
    await loadDemoCadres(database.db, KEYS);
    const started = Date.now();
    result = await loadDemoPartyCore(database.db, KEYS, { scale: SCALE });
    ms = Date.now() - started;
    console.log(`party core demo at scale ${SCALE} on ${engine}: ${ms} ms`, result);
  }, 900_000);
  afterAll(() => database?.close());

  it('gives every village of the demo register one organisation with members (20–60 where the demo logins look) and a secretary among them', async () => {
    const [v] = await rows<{ villages: number; orgs: number }>(sql`
      SELECT (SELECT count(*)::int FROM region WHERE level = 5
                AND (code IN (SELECT village_code FROM household) OR code IN (SELECT village_code FROM poor_village))) AS villages,
             (SELECT count(*)::int FROM party_org WHERE dissolved_on IS NULL) AS orgs`);
    expect(v?.orgs).toBe(v?.villages);
    expect(result?.orgs).toBe(v?.orgs);
    const sizes = await rows<{ n: number }>(sql`
      SELECT count(m.id)::int AS n FROM party_org o LEFT JOIN party_member m ON m.county_code = o.county_code AND m.org_id = o.id GROUP BY o.id`);
    expect(sizes.filter((s) => s.n < 3 || s.n > 60)).toEqual([]);
    const haifeng = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id WHERE o.region_code = '211381109201'`);
    expect(haifeng[0]?.n).toBeGreaterThanOrEqual(20);
    const bad = await rows(sql`
      SELECT o.id FROM party_org o
      LEFT JOIN party_secretary_term t ON t.county_code = o.county_code AND t.org_id = o.id AND t.end_date IS NULL
      LEFT JOIN party_member m ON m.county_code = t.county_code AND m.person_id = t.person_id AND m.org_id = o.id
      WHERE t.id IS NULL OR m.id IS NULL`);
    expect(bad).toEqual([]);
    const [s] = await rows<{ one: number; all: number }>(sql`
      SELECT count(*) FILTER (WHERE one_shoulder)::int AS one, count(*)::int AS all FROM party_secretary_term WHERE end_date IS NULL`);
    expect(s?.one).toBeGreaterThan(0);
    expect(s?.one).toBeLessThan(s?.all ?? 0);
  });

  it('seals ID numbers that agree with the person, and pairs wealth leaders with households of their village', async () => {
    const people = await rows<{ id_cipher: string; birth_date: string; gender: string }>(sql`
      SELECT p.id_cipher, p.birth_date::text AS birth_date, p.gender FROM party_member m JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
      ORDER BY m.id LIMIT 50`);
    for (const p of people) {
      const info = parseIdNumber(decrypt(KEYS, p.id_cipher));
      expect(info).toMatchObject({ birthDate: p.birth_date, gender: p.gender });
    }
    const [w] = await rows<{ leaders: number; villages: number }>(sql`
      SELECT count(*)::int AS leaders, (SELECT count(*)::int FROM party_org) AS villages FROM party_member WHERE wealth_leader`);
    expect(w?.leaders).toBeGreaterThan(0);
    const wrong = await rows(sql`
      SELECT pp.id FROM party_pairing pp JOIN party_member m ON m.county_code = pp.county_code AND m.id = pp.member_id
      JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
      JOIN household h ON h.county_code = pp.county_code AND h.id = pp.household_id
      WHERE h.village_code <> o.region_code OR NOT m.wealth_leader`);
    expect(wrong).toEqual([]);
    expect(await loadDemoPartyCore(database.db, KEYS)).toBeNull();
  });
});
