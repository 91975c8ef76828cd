import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, parseKey } from '../../src/modules/pii/crypto.ts';
import { loadDemo } from '../../src/modules/registry/demo/load.ts';
import { countHouseholds, estimateHouseholds } from '../../src/modules/registry/list.queries.ts';
import { backfillPersonSearch } from '../../src/modules/registry/search/backfill.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

const HEAD_ID = makeId('211381', '1966-03-08', 731, true);
const WIFE_ID = makeId('211381', '1968-11-20', 742, false);

/**
 * The search box by household number, village name, full pinyin, initials, Chinese and (for users who may unmask) the
 * last four characters of an ID number, with the member that matched; and the list's total against direct counts.
 * The pinyin expected here is written by hand (吴自然 → wuziran), not computed by the library under test.
 */
describe.each(engines())('household search on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  let township: Client;
  const n = async (q: ReturnType<typeof sql>) => Number(((await q.execute(t.database.db)).rows[0] as { n: number }).n);

  beforeAll(async () => {
    t = await openTestApp(engine);
    await loadDemo(t.database.db, TEST_KEYS, { scale: 0.004 });
    beipiao = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    const saved = await beipiao.post('/api/registry/households', {
      villageCode: '211381109201',
      householdNo: 'WZR2026001',
      category: 'ordinary',
      cause: 'illness',
      yearIdentified: 2016,
      status: 'poor',
      members: [
        { name: '吴自然', idNumber: HEAD_ID, relation: 'head', gender: 'M' },
        { name: '刘桂兰', idNumber: WIFE_ID, relation: 'spouse', gender: 'F' },
      ],
    });
    expect(saved.status, saved.text).toBe(200);
  }, 600_000);
  afterAll(() => t.close());

  const search = async (c: Client, q: string) => {
    const r = await c.get(`/api/registry/households?limit=200&q=${encodeURIComponent(q)}`);
    expect(r.status, r.text).toBe(200);
    return r.body.items as { householdNo: string; matched: { kind: string; name: string; relation: string | null; via: string } | null }[];
  };
  const ours = (items: Awaited<ReturnType<typeof search>>) => items.find((i) => i.householdNo === 'WZR2026001');

  it('finds a household by a member’s full pinyin, initials or Chinese name and says which member matched', async () => {
    expect(ours(await search(beipiao, 'wuziran'))?.matched).toEqual({ kind: 'member', name: '吴自然', relation: '户主', via: 'pinyin' });
    expect(ours(await search(beipiao, 'WuZi'))?.matched?.name).toBe('吴自然');
    expect(ours(await search(beipiao, 'wu zi ran'))?.matched?.name).toBe('吴自然');
    expect(ours(await search(beipiao, 'liuguilan'))?.matched).toEqual({ kind: 'member', name: '刘桂兰', relation: '配偶', via: 'pinyin' });
    expect(ours(await search(beipiao, 'lgl'))?.matched).toMatchObject({ name: '刘桂兰', via: 'initials' });
    expect(ours(await search(beipiao, '刘桂兰'))?.matched).toMatchObject({ name: '刘桂兰', via: 'name' });
    expect(ours(await search(beipiao, 'wuzirang'))).toBeUndefined();
  });

  it('finds households by household number prefix and by village name', async () => {
    const byNo = await search(beipiao, 'WZR2026');
    expect(byNo.map((i) => i.householdNo)).toEqual(['WZR2026001']);
    expect(byNo[0]?.matched).toMatchObject({ kind: 'household_no' });
    const prefix =
      (
        await sql<{
          no: string;
        }>`SELECT household_no AS no FROM household WHERE village_code LIKE '211381%' ORDER BY county_code, id LIMIT 1`.execute(
          t.database.db,
        )
      ).rows[0]?.no ?? '';
    const want = await n(
      sql`SELECT count(*) AS n FROM household WHERE village_code LIKE '211381%' AND left(household_no, 14) = ${prefix.slice(0, 14)}`,
    );
    expect((await search(beipiao, prefix.slice(0, 14))).length).toBe(Math.min(want, 200));

    const village = await search(beipiao, '海丰');
    const inVillage = await n(sql`SELECT count(*) AS n FROM household WHERE village_code = '211381109201'`);
    expect(village.length).toBeGreaterThanOrEqual(inVillage);
    expect(ours(village)?.matched).toMatchObject({ kind: 'village', name: expect.stringMatching(/^海丰村/) });
  });

  it('searches by the last four characters of an ID number only for users who may unmask, within the daily ID-search limit', async () => {
    const events = () => n(sql`SELECT count(*) AS n FROM security_event WHERE kind = 'id_search'`);
    const before = await events();
    const found = await search(beipiao, `*${WIFE_ID.slice(-4)}`);
    expect(ours(found)?.matched).toMatchObject({ name: '刘桂兰', via: 'id_tail' });
    expect(await events()).toBe(before + 1);

    const refused = await township.get(`/api/registry/households?q=${encodeURIComponent(`*${WIFE_ID.slice(-4)}`)}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ID_PARTIAL_SEARCH_FORBIDDEN');
    expect(refused.body.error.message).toContain('证件号码部分位数');
    township.lang = 'en';
    const refusedEn = await township.get(`/api/registry/households?q=${encodeURIComponent(`*${WIFE_ID.slice(-4)}`)}`);
    expect(refusedEn.body.error.message).toContain('part of an ID number');
    township.lang = 'zh-CN';

    const bad = await beipiao.get(`/api/registry/households?q=${encodeURIComponent('*12')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ID_PARTIAL_SEARCH_FORMAT');
  });

  it('gives the first page an exact total equal to a direct count, and "about N" from an estimate above the limit', async () => {
    const scope = sql`h.village_code LIKE '211381%'`;
    const first = await beipiao.get('/api/registry/households?limit=5');
    expect(first.body.total).toBe(await n(sql`SELECT count(*) AS n FROM household h WHERE ${scope}`));
    expect(first.body.totalExact).toBe(true);
    expect((await beipiao.get(`/api/registry/households?limit=5&cursor=${first.body.nextCursor}`)).body.total).toBeUndefined();

    const noHelper = await beipiao.get('/api/registry/households?gap=no_helper&limit=5');
    const cov = (await beipiao.get('/api/registry/coverage')).body;
    const direct = await n(sql`
      SELECT count(*) AS n FROM household h WHERE ${scope} AND h.status IN ('poor', 'returned')
        AND NOT EXISTS (SELECT 1 FROM help_pairing p WHERE p.county_code = h.county_code AND p.household_id = h.id AND p.end_date IS NULL)`);
    expect(direct).toBeGreaterThan(0);
    expect(noHelper.body.total).toBe(direct);
    expect(cov.stillPoor - cov.withHelper).toBe(direct);

    const still = await beipiao.get('/api/registry/households?status=poor,returned&limit=5');
    expect(still.body.total).toBe(cov.stillPoor);

    const region = { region: '211381', registerYear: new Date().getFullYear() };
    const exact = await n(sql`SELECT count(*) AS n FROM household h WHERE ${scope}`);
    const estimated = await countHouseholds(t.database.db, region, 5, await estimateHouseholds(t.database.db, region));
    expect(estimated.exact).toBe(false);
    expect(estimated.n).toBeGreaterThanOrEqual(6);
    expect(estimated.n).toBeLessThan(exact * 3);
  });

  it('fills the search keys of persons written before them (the start-up backfill)', async () => {
    await sql`UPDATE person SET name_pinyin = NULL, id_tail_hash = NULL`.execute(t.database.db);
    expect(ours(await search(beipiao, 'wuziran'))).toBeUndefined();
    const persons = await n(sql`SELECT count(*) AS n FROM person`);
    expect(await backfillPersonSearch(t.database.db, TEST_KEYS)).toBe(persons);
    expect(await n(sql`SELECT count(*) AS n FROM person WHERE name_pinyin IS NULL OR id_tail_hash IS NULL`)).toBe(0);
    expect(ours(await search(beipiao, 'wuziran'))?.matched?.name).toBe('吴自然');
    expect(ours(await search(beipiao, `*${HEAD_ID.slice(-4)}`))?.matched?.name).toBe('吴自然');
    expect(await backfillPersonSearch(t.database.db, TEST_KEYS)).toBe(0);

    // A number sealed with another key (a database moved without its key file) leaves the tail empty, not the start failed.
    const otherKeys = parseKey(randomBytes(64).toString('base64'));
    await sql`UPDATE person SET name_pinyin = NULL, id_tail_hash = NULL, id_cipher = ${encrypt(otherKeys, WIFE_ID)} WHERE name = '刘桂兰' AND id_masked LIKE '2113%'`.execute(
      t.database.db,
    );
    expect(await backfillPersonSearch(t.database.db, TEST_KEYS)).toBeGreaterThan(0);
    expect(ours(await search(beipiao, 'liuguilan'))?.matched?.name).toBe('刘桂兰');
    expect(ours(await search(beipiao, `*${WIFE_ID.slice(-4)}`))).toBeUndefined();
  });
});
