import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { exitFixture } from '../../src/modules/exit/fixtures.ts';
import { cachedBoards } from '../../src/modules/exit/public/cache.ts';
import { Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';

/**
 * The village's public board and the complaint form on both engines, without login: households in notice with their
 * dates and masked names and nothing else, an objection from the public page attached to the household's exit, a
 * complaint landing with the county as a case, the reference lookup, the form's refusals, the rate limit, and scope
 * (another county sees none of it).
 */
const COUNTY = '211381';
const TODAY = new Date().toISOString().slice(0, 10);
const ID_NUMBER = /\d{17}[\dX]/;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe.each(engines())('public village board on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let anon: Client;
  let county: Client;
  let other: Client;
  let entry: Awaited<ReturnType<typeof exitFixture>>;
  let otherEntry: Awaited<ReturnType<typeof exitFixture>>;
  let headName = '';
  let reference = '';

  const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const toNotice = async (id: number, county: string) => {
    await sql`UPDATE procedure_case SET state = 'notice' WHERE county_code = ${county} AND procedure = 'household_exit' AND subject_id = ${id}`.execute(
      db,
    );
    await sql`UPDATE exit_household SET notice_from = ${TODAY}::date, notice_until = ${TODAY}::date + 6 WHERE county_code = ${county} AND id = ${id}`.execute(
      db,
    );
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    anon = new Client(t.app);
    county = await loggedIn(t.app, 'beipiao');
    other = await loggedIn(t.app, 'yixian');
    entry = await exitFixture(db, COUNTY);
    otherEntry = await exitFixture(db, '210727');
    await toNotice(entry.id, COUNTY);
    await toNotice(otherEntry.id, '210727');
    const [h] = await rows<{ name: string }>(sql`
      SELECT p.name FROM household h JOIN person p ON p.county_code = h.county_code AND p.id = h.head_person_id
      WHERE h.county_code = ${COUNTY} AND h.id = ${entry.householdId}`);
    headName = h?.name as string;
    // A phone on the household's head, to be sure the board never carries it.
    expect(headName.length).toBeGreaterThan(2);
  });
  afterAll(() => t.close());

  it('shows the households in notice with their dates and masked names, and no ID number or phone', async () => {
    const r = await anon.get(`/api/public/villages/${entry.village}`);
    expect(r.status).toBe(200);
    const notice = r.body.sections.find((s: { id: string }) => s.id === 'exit-notice');
    const [first] = notice.items;
    const masked = `${[...headName][0]}${'*'.repeat([...headName].length - 2)}${[...headName].at(-1)}`;
    expect(notice.items.length).toBe(1);
    expect(first.heading).toBe(masked);
    expect(first.fields.map((f: { value: string }) => f.value)).toContain(
      `${TODAY} ~ ${new Date(Date.parse(`${TODAY}T00:00:00Z`) + 6 * 864e5).toISOString().slice(0, 10)}`,
    );
    expect(r.text.includes(headName)).toBe(false);
    expect(ID_NUMBER.test(r.text)).toBe(false);
    const page = await anon.get(`/public/villages/${entry.village}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(masked);
    expect(page.text).toContain('name="content"');
    expect(page.text.includes(headName)).toBe(false);
    expect(ID_NUMBER.test(page.text)).toBe(false);
    expect(PHONE.test(page.text)).toBe(false);
    expect(page.headers['content-security-policy']).toBeTruthy();
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Anything but a village: 404, the same for a township, a county and nonsense.
    for (const code of [COUNTY, entry.village.slice(0, 9), '219999999999', 'abc']) {
      expect((await anon.get(`/api/public/villages/${code}`)).status).toBe(404);
    }
    // Nothing of the logged-in API opens without login.
    expect((await anon.get(`/api/exit/households/${entry.id}`)).status).toBe(401);
    expect((await anon.get('/api/exit/complaints')).status).toBe(401);
  });

  it('attaches a public objection to the household in notice and answers only a reference', async () => {
    const r = await anon.post(`/api/public/villages/${entry.village}/complaints`, {
      kind: 'objection',
      noticeId: entry.id,
      content: '该户家中有人长期患病，收入不稳定，不宜退出',
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['reference']);
    reference = r.body.reference;
    expect(reference).toMatch(/^211381-[A-Z0-9]{10}$/);
    const [o] = await rows<{ source: string; complaint_id: number; content: string }>(sql`
      SELECT source, complaint_id, content FROM exit_objection WHERE county_code = ${COUNTY} AND exit_household_id = ${entry.id}`);
    expect(o?.source).toBe('public_page');
    const [c] = await rows<{ id: number; exit_household_id: number; state: string }>(sql`
      SELECT x.id, x.exit_household_id, c.state FROM exit_complaint x
      JOIN procedure_case c ON c.county_code = x.county_code AND c.procedure = 'exit_complaint' AND c.subject_id = x.id
      WHERE x.reference = ${reference}`);
    expect(c).toEqual({ id: o?.complaint_id, exit_household_id: entry.id, state: 'received' });
    // Another county's entry named from this village: kept as a plain complaint, the same answer.
    const cross = await anon.post(`/api/public/villages/${entry.village}/complaints`, {
      kind: 'objection',
      noticeId: otherEntry.id,
      content: '对公示名单有意见',
    });
    expect(cross.status).toBe(200);
    expect(Object.keys(cross.body)).toEqual(['reference']);
    const [x] = await rows<{ exit_household_id: number | null }>(
      sql`SELECT exit_household_id FROM exit_complaint WHERE reference = ${cross.body.reference}`,
    );
    expect(x?.exit_household_id).toBeNull();
    expect(await rows(sql`SELECT 1 FROM exit_objection WHERE exit_household_id = ${otherEntry.id}`)).toEqual([]);
  });

  it('survives bad input on the HTML form, refuses a post without the page token, and rate-limits', async () => {
    const page = await anon.get(`/public/villages/${entry.village}`);
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const cookie = `fupin_csrf=${anon.cookies.get('fupin_csrf')}`;
    const post = (body: string, c = cookie) =>
      t.app.inject({
        method: 'POST',
        url: `/public/villages/${entry.village}/complaints`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c },
        payload: body,
      });
    const bad = await post(
      `token=${encodeURIComponent(token)}&kind=objection&content=${encodeURIComponent('<b>短')}&contact=${'x'.repeat(300)}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请至少写 5 个字');
    expect(bad.body.includes('<b>短')).toBe(false);
    const forged = await post(`kind=complaint&content=${encodeURIComponent('别的网站替人提交的内容')}`, '');
    expect(forged.statusCode).toBe(403);
    const ok = await post(
      `token=${encodeURIComponent(token)}&kind=complaint&content=${encodeURIComponent('驻村工作队很少到村，请核查 13912345678')}`,
    );
    expect(ok.statusCode).toBe(200);
    const ref = /id="reference">([^<]+)</.exec(ok.body)?.[1] as string;
    expect(ref).toMatch(/^211381-/);
    expect(PHONE.test(ok.body)).toBe(false);
    expect(ok.body.includes('驻村工作队')).toBe(false);
    const limited = await anon.post(`/api/public/villages/${entry.village}/complaints`, { kind: 'complaint', content: '第六次提交的内容' });
    expect(limited.status).toBe(429);
  });

  it('lands with the county: listed, answered, and the sender reads the answer by the reference', async () => {
    const before = await anon.get(`/api/public/complaints/${reference}`);
    expect(before.status).toBe(200);
    expect(before.body.state).toBe('received');
    expect(JSON.stringify(before.body).includes('长期患病')).toBe(false);
    expect((await anon.get('/api/public/complaints/211381-ZZZZZZZZZZ')).status).toBe(404);
    const list = await county.get('/api/exit/complaints');
    const mine = list.body.items.find((i: { reference: string }) => i.reference === reference);
    expect(mine.exitId).toBe(entry.id);
    expect(list.body.items.length).toBe(
      Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM exit_complaint WHERE county_code = ${COUNTY}`))[0]?.n),
    );
    expect((await other.get('/api/exit/complaints')).body.items.some((i: { reference: string }) => i.reference === reference)).toBe(false);
    expect((await other.get(`/api/exit/complaints/${mine.id}`)).status).toBe(404);
    const d = await county.get(`/api/exit/complaints/${mine.id}`);
    const answered = await county.post(`/api/exit/complaints/${mine.id}/answer`, {
      version: d.body.case.version,
      answer: '经入户核实，已转乡镇重新评议。',
    });
    expect(answered.status).toBe(200);
    const after = await anon.get(`/api/public/complaints/${reference}`);
    expect(after.body.state).toBe('answered');
    expect(after.body.answer).toBe('经入户核实，已转乡镇重新评议。');
    const html = await anon.get(`/public/complaints?ref=${reference}`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('已办结');
  });

  it('keeps the board between visits, shows a withdrawn or a new notice at once, and gives each visitor their own form token', async () => {
    const inNotice = async () => {
      const api = await anon.get(`/api/public/villages/${entry.village}`);
      const page = await anon.get(`/public/villages/${entry.village}`);
      const apiIds = api.body.sections.find((s: { id: string }) => s.id === 'exit-notice').items.map((i: { key: string }) => Number(i.key));
      const pageIds = [...page.text.matchAll(/<option value="(\d+)">/g)].map((m) => Number(m[1]));
      return { api: apiIds as number[], page: pageIds };
    };
    // Expected from the tables themselves.
    const expected = async () =>
      (
        await rows<{ id: number }>(sql`
          SELECT e.id FROM exit_household e
          JOIN procedure_case c ON c.county_code = e.county_code AND c.procedure = 'household_exit' AND c.subject_id = e.id
          WHERE e.county_code = ${COUNTY} AND e.village_code = ${entry.village} AND c.state = 'notice' ORDER BY e.notice_from, e.id`)
      ).map((r) => Number(r.id));
    // A write is seen by the next visit; on PostgreSQL the notice travels on its own connection (within milliseconds).
    // PGlite delivers it while the writer's COMMIT is answered: the very next visit must see the write.
    const settled = async (want: number[]) => {
      const until = Date.now() + 2_000;
      let got = await inNotice();
      let visits = 1;
      while ((got.api.join() !== want.join() || got.page.join() !== want.join()) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
        got = await inNotice();
        visits++;
      }
      if (engine === 'pglite') expect(visits).toBe(1);
      return got;
    };
    const before = await expected();
    expect(before).toContain(entry.id);
    expect(await inNotice()).toEqual({ api: before, page: before });
    // Kept: the API's and the page's boards of this village are held, and a repeat visit is answered from them.
    // On Citus no notice reaches the coordinator's servers (src/db/notify.ts): nothing is kept there, every visit builds.
    expect(cachedBoards(db)?.listening).toBe(engine !== 'citus');
    if (engine === 'citus') expect(cachedBoards(db)?.size).toBe(0);
    else expect(cachedBoards(db)?.size).toBeGreaterThanOrEqual(2);

    // Withdrawn through the county's API: gone from both forms at once.
    const d = await county.get(`/api/exit/households/${entry.id}`);
    const withdrawn = await county.post(`/api/exit/households/${entry.id}/steps`, {
      action: 'withdraw',
      version: d.body.case.version,
      reason: '经核实收入不稳定，撤回退出申请',
    });
    expect(withdrawn.status).toBe(200);
    const without = await expected();
    expect(without).not.toContain(entry.id);
    expect(await settled(without)).toEqual({ api: without, page: without });

    // Put in notice again by any other writer (here plain SQL, as psql or another server would): shown at once.
    await toNotice(entry.id, COUNTY);
    const again = await expected();
    expect(again).toContain(entry.id);
    expect(await settled(again)).toEqual({ api: again, page: again });

    // One page kept for everybody, each visitor's own token in its form, nobody else's.
    const a = new Client(t.app);
    const b = new Client(t.app);
    const pa = await a.get(`/public/villages/${entry.village}`);
    const pb = await b.get(`/public/villages/${entry.village}`);
    const tokenOf = (text: string) => /name="token" value="([^"]+)"/.exec(text)?.[1];
    expect(tokenOf(pa.text)).toBe(a.cookies.get('fupin_csrf'));
    expect(tokenOf(pb.text)).toBe(b.cookies.get('fupin_csrf'));
    expect(tokenOf(pa.text)).not.toBe(tokenOf(pb.text));
    expect(pa.text.replace(tokenOf(pa.text) as string, '')).toBe(pb.text.replace(tokenOf(pb.text) as string, ''));
    expect(pb.text.includes(tokenOf(pa.text) as string)).toBe(false);
    // Still nothing personal in what is kept.
    for (const text of [pa.text, JSON.stringify((await a.get(`/api/public/villages/${entry.village}`)).body)]) {
      expect(text.includes(headName)).toBe(false);
      expect(ID_NUMBER.test(text)).toBe(false);
      expect(PHONE.test(text)).toBe(false);
    }
  });
});
