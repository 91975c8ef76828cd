import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { commit, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * The party core on both engines: organisations (one per village, derived member count and weak-and-lax state),
 * secretaries (appointment ends the current term; history), members (add by ID number, 设岗定责, leave, move in one
 * transaction), pairings with households, versions (409), scope (another county 404, a township only its villages,
 * the read-only leader 403). Expected values are read with direct SQL.
 */
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const VILLAGE2 = '211381109202';
const YIXIAN_VILLAGE_PREFIX = '210727';

describe.each(engines())('party core on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let leader: Client;
  let otherTownshipVillage: string;
  let yixianVillage: string;
  let householdId: number;
  const ids: Record<string, number> = {};

  const one = async <T>(query: ReturnType<typeof sql>) => ((await query.execute(db)).rows as T[])[0] as T;

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    otherTownshipVillage = (
      await one<{ code: string }>(
        sql`SELECT code FROM region WHERE code LIKE '211381%' AND level = 5 AND code NOT LIKE '211381109%' ORDER BY code LIMIT 1`,
      )
    ).code;
    yixianVillage = (
      await one<{ code: string }>(
        sql`SELECT code FROM region WHERE code LIKE ${`${YIXIAN_VILLAGE_PREFIX}%`} AND level = 5 ORDER BY code LIMIT 1`,
      )
    ).code;
    const cells = {
      village_code: VILLAGE,
      household_no: 'PC0001',
      name: '户主甲',
      id_number: makeId('211381', '1960-03-01', 11, true),
      relation: '户主',
      gender: '男',
      category: '一般贫困户',
      poverty_cause: '因病',
      year_identified: 2015,
      household_status: '未脱贫',
    };
    const { batchId } = await stage(db, TEST_KEYS, { scopeCode: '211381', actor: { id: null, username: 't' }, filename: 'p.xlsx' }, [
      { rowNumber: 2, cells },
    ]);
    await commit(db, batchId, { id: null, username: 't' });
    householdId = Number((await one<{ id: number }>(sql`SELECT id FROM household WHERE household_no = 'PC0001'`)).id);
  });
  afterAll(() => t.close());

  it('creates an organisation per village, refuses a second one and a non-village place', async () => {
    const r = await county.post('/api/party/orgs', {
      regionCode: VILLAGE,
      name: '中共海丰村支部委员会',
      kind: 'branch',
      establishedOn: '1998-07-01',
    });
    expect(r.status, r.text).toBe(200);
    ids.org = r.body.id;
    const again = await county.post('/api/party/orgs', { regionCode: VILLAGE, name: '中共海丰村总支', kind: 'general_branch' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PARTY_ORG_EXISTS');
    const county6 = await county.post('/api/party/orgs', { regionCode: '211381', name: '中共北票市委', kind: 'committee' });
    expect(county6.status).toBe(400);
    const r2 = await township.post('/api/party/orgs', { regionCode: VILLAGE2, name: '中共二村支部委员会', kind: 'branch' });
    expect(r2.status, r2.text).toBe(200);
    ids.org2 = r2.body.id;
    const row = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_org WHERE region_code = ${VILLAGE}`);
    expect(Number(row.n)).toBe(1);
  });

  it('appoints secretaries: the current term ends the day before, with its reason; 一肩挑 on the term', async () => {
    const d = (await county.get(`/api/party/orgs/${ids.org}`)).body;
    const first = await county.post(`/api/party/orgs/${ids.org}/secretary`, {
      name: '王书记',
      idNumber: makeId('211381', '1970-05-01', 21, true),
      oneShoulder: true,
      startDate: '2018-01-15',
      version: d.version,
    });
    expect(first.status, first.text).toBe(200);
    const stale = await county.post(`/api/party/orgs/${ids.org}/secretary`, {
      name: '李书记',
      idNumber: makeId('211381', '1975-05-01', 23, true),
      startDate: '2021-03-01',
      version: d.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PARTY_CHANGED');
    const v = (await county.get(`/api/party/orgs/${ids.org}`)).body.version;
    const second = await county.post(`/api/party/orgs/${ids.org}/secretary`, {
      name: '李书记',
      idNumber: makeId('211381', '1975-05-01', 23, true),
      startDate: '2021-03-01',
      endReason: 'adjusted',
      version: v,
    });
    expect(second.status, second.text).toBe(200);
    const detail = (await county.get(`/api/party/orgs/${ids.org}`)).body;
    expect(detail.secretary).toEqual({ name: '李书记', oneShoulder: false, since: '2021-03-01' });
    expect(
      detail.secretaries.map((s: { name: string; endDate: string | null; endReason: string | null }) => [s.name, s.endDate, s.endReason]),
    ).toEqual([
      ['李书记', null, null],
      ['王书记', '2021-02-28', 'adjusted'],
    ]);
    expect(detail.secretaries[0].idMasked).toMatch(/^2113\*+$/);
    const terms = await one<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM party_secretary_term WHERE org_id = ${ids.org} AND end_date IS NULL`,
    );
    expect(Number(terms.n)).toBe(1);
  });

  it('adds members by ID number, one organisation at a time, and derives the count', async () => {
    const add = (n: number, extra: Record<string, unknown> = {}, client = county, orgId = ids.org) =>
      client.post('/api/party/members', {
        orgId,
        name: `党员${n}`,
        idNumber: makeId('211381', '1980-01-01', 40 + 2 * n, true),
        joinedOn: '2005-07-01',
        ...extra,
      });
    for (const n of [1, 2, 3]) {
      const r = await add(n, n === 1 ? { wealthLeader: true, wealthIndustry: '设施蔬菜', post: '产业带头岗', duty: '带动5户种植' } : {});
      expect(r.status, r.text).toBe(200);
      ids[`m${n}`] = r.body.id;
    }
    const dup = await add(1, {}, county, ids.org2);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('PARTY_MEMBER_EXISTS');
    const industry = await add(9, { wealthIndustry: '养殖' });
    expect(industry.status).toBe(400);
    const list = (await county.get(`/api/party/orgs?region=211381109`)).body;
    const org = list.items.find((o: { id: number }) => o.id === ids.org);
    const expected = await one<{ n: number; w: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE wealth_leader)::int AS w FROM party_member WHERE org_id = ${ids.org} AND left_on IS NULL`,
    );
    expect(org.members).toBe(Number(expected.n));
    expect(org.wealthLeaders).toBe(Number(expected.w));
    expect(org.state).toBe('normal');
    const members = (await county.get(`/api/party/members?org=${ids.org}`)).body.items;
    expect(members.map((m: { name: string }) => m.name)).toEqual(['党员1', '党员2', '党员3']);
    expect(members[0]).toMatchObject({ post: '产业带头岗', wealthLeader: true, wealthIndustry: '设施蔬菜' });
  });

  it('edits post and duty at the version read; a stale version is 409', async () => {
    const m = (await county.get(`/api/party/members/${ids.m2}`)).body;
    const ok = await county.put(`/api/party/members/${ids.m2}`, { post: '环境卫生岗', duty: '负责两个组的环境', version: m.version });
    expect(ok.status, ok.text).toBe(200);
    const stale = await county.put(`/api/party/members/${ids.m2}`, { post: '调解岗', version: m.version });
    expect(stale.status).toBe(409);
    const row = await one<{ post: string }>(sql`SELECT post FROM party_member WHERE id = ${ids.m2}`);
    expect(row.post).toBe('环境卫生岗');
  });

  it('pairs a member with a household, shown on the household', async () => {
    const r = await county.post(`/api/party/members/${ids.m1}/pairings`, { householdId, startDate: '2020-04-01' });
    expect(r.status, r.text).toBe(200);
    ids.pairing = r.body.id;
    expect((await county.post(`/api/party/members/${ids.m1}/pairings`, { householdId, startDate: '2020-04-01' })).status).toBe(409);
    const shown = (await county.get(`/api/party/households/${householdId}/pairings`)).body.items;
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ memberName: '党员1', wealthLeader: true, householdNo: 'PC0001', endDate: null });
    expect((await other.get(`/api/party/households/${householdId}/pairings`)).status).toBe(404);
  });

  it('moves a member: the old row ends, a new one opens in the target with the pairing, in one transaction', async () => {
    const m = (await county.get(`/api/party/members/${ids.m1}`)).body;
    const r = await county.post(`/api/party/members/${ids.m1}/move`, { date: '2024-05-31', toOrgId: ids.org2, version: m.version });
    expect(r.status, r.text).toBe(200);
    const rows = (
      await sql<{ org_id: number; left_on: string | null; left_reason: string | null }>`
        SELECT org_id, left_on::text AS left_on, left_reason FROM party_member WHERE person_id = ${m.personId} ORDER BY id`.execute(db)
    ).rows;
    expect(rows.map((x) => [Number(x.org_id), x.left_on, x.left_reason])).toEqual([
      [ids.org, '2024-05-31', 'moved'],
      [ids.org2, null, null],
    ]);
    const pairings = (
      await sql<{ member_id: number; end_date: string | null }>`
        SELECT member_id, end_date::text AS end_date FROM party_pairing WHERE household_id = ${householdId} ORDER BY id`.execute(db)
    ).rows;
    expect(pairings.map((p) => [Number(p.member_id), p.end_date])).toEqual([
      [ids.m1, '2024-05-31'],
      [r.body.id, null],
    ]);
    // The ended row cannot change any more.
    const again = await county.post(`/api/party/members/${ids.m1}/leave`, { date: '2024-06-01', reason: 'other', version: m.version });
    expect(again.status).toBe(409);
    ids.m1moved = r.body.id;
  });

  it('a member leaves, dated and never deleted', async () => {
    const m = (await county.get(`/api/party/members/${ids.m3}`)).body;
    const early = await county.post(`/api/party/members/${ids.m3}/leave`, { date: '2001-01-01', reason: 'withdrawn', version: m.version });
    expect(early.status).toBe(400);
    const r = await county.post(`/api/party/members/${ids.m3}/leave`, { date: '2025-01-10', reason: 'deceased', version: m.version });
    expect(r.status, r.text).toBe(200);
    const left = (await county.get(`/api/party/members?org=${ids.org}&left=true`)).body.items;
    expect(left.map((x: { id: number }) => x.id).sort()).toEqual([ids.m1, ids.m3].sort());
    const n = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_member WHERE id = ${ids.m3}`);
    expect(Number(n.n)).toBe(1);
  });

  it('derives 软弱涣散 from an open rectification case of the village', async () => {
    await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state) VALUES ('211381', 'party_rectification', 1, ${VILLAGE}, 'identified')`.execute(
      db,
    );
    const weak = (await county.get('/api/party/orgs?region=211381&state=weak')).body.items;
    expect(weak.map((o: { id: number }) => o.id)).toEqual([ids.org]);
    const normal = (await county.get('/api/party/orgs?region=211381&state=normal')).body.items;
    expect(normal.map((o: { id: number }) => o.id)).toEqual([ids.org2]);
    // 销号 (closed) ends it though the case stays open to a reopening; a reopened case makes it weak again.
    await sql`UPDATE procedure_case SET state = 'closed' WHERE procedure = 'party_rectification'`.execute(db);
    expect((await county.get(`/api/party/orgs/${ids.org}`)).body.state).toBe('normal');
    await sql`UPDATE procedure_case SET state = 'rectifying' WHERE procedure = 'party_rectification'`.execute(db);
    expect((await county.get(`/api/party/orgs/${ids.org}`)).body.state).toBe('weak');
    await sql`UPDATE procedure_case SET state = 'consolidated' WHERE procedure = 'party_rectification'`.execute(db);
    expect((await county.get(`/api/party/orgs/${ids.org}`)).body.state).toBe('normal');
  });

  it('keeps scope: another county 404 like a missing id, a township only its villages, the leader reads but writes nothing', async () => {
    const missing = await other.get('/api/party/orgs/999999999');
    const foreign = await other.get(`/api/party/orgs/${ids.org}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await other.get(`/api/party/members/${ids.m2}`)).status).toBe(404);
    expect((await other.get('/api/party/orgs?region=211381')).status).toBe(404);
    expect(
      (
        await other.post('/api/party/members', {
          orgId: ids.org,
          name: '外县',
          idNumber: makeId('210727', '1980-01-01', 3, true),
          joinedOn: '2001-01-01',
        })
      ).status,
    ).toBe(404);
    expect((await other.post('/api/party/orgs', { regionCode: VILLAGE, name: '中共外县支部', kind: 'branch' })).status).toBe(404);
    expect(
      (await township.post('/api/party/orgs', { regionCode: otherTownshipVillage, name: '中共他镇支部', kind: 'branch' })).status,
    ).toBe(404);
    const own = await other.post('/api/party/orgs', { regionCode: yixianVillage, name: '中共义县某村支部', kind: 'branch' });
    expect(own.status).toBe(200);
    const m2 = (await county.get(`/api/party/members/${ids.m2}`)).body;
    const cross = await county.post(`/api/party/members/${ids.m2}/move`, { date: '2025-02-01', toOrgId: own.body.id, version: m2.version });
    expect(cross.status).toBe(404);
    const tw = (await township.get('/api/party/orgs')).body.items;
    expect(tw.every((o: { regionCode: string }) => o.regionCode.startsWith('211381109'))).toBe(true);
    expect((await leader.get(`/api/party/orgs/${ids.org}`)).status).toBe(200);
    const denied = await leader.post('/api/party/orgs', { regionCode: otherTownshipVillage, name: '中共领导支部', kind: 'branch' });
    expect(denied.status).toBe(403);
    expect((await leader.put(`/api/party/members/${ids.m2}`, { version: m2.version })).status).toBe(403);
    expect((await leader.post(`/api/party/members/${ids.m2}/pairings`, { householdId, startDate: '2025-01-01' })).status).toBe(403);
  });

  it('lists members by region from the province down, each list the direct count; another county sees none of them', async () => {
    const yixianOrg = await one<{ id: number }>(
      sql`SELECT id FROM party_org WHERE county_code = '210727' AND dissolved_on IS NULL LIMIT 1`,
    );
    const added = await other.post('/api/party/members', {
      orgId: yixianOrg.id,
      name: '义县党员',
      idNumber: makeId('210727', '1981-02-03', 5, true),
      joinedOn: '2002-01-01',
    });
    expect(added.status).toBe(200);
    const direct = async (prefix: string) =>
      (
        await sql<{
          id: string;
        }>`SELECT m.id::text AS id FROM party_member m JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
          WHERE m.left_on IS NULL AND o.region_code LIKE ${`${prefix}%`} ORDER BY m.id`.execute(db)
      ).rows.map((r) => r.id);
    const listed = async (c: Client, query: string) => {
      const r = await c.get(`/api/party/members?limit=200${query}`);
      expect(r.status).toBe(200);
      return r.body.items.map((m: { id: string | number }) => String(m.id)).sort((a: string, b: string) => Number(a) - Number(b));
    };
    const province = await direct('21');
    expect(await listed(leader, '')).toEqual(province);
    expect(await listed(leader, '&region=2113')).toEqual(await direct('2113'));
    expect(await listed(county, '')).toEqual(await direct('211381'));
    expect(await listed(township, '')).toEqual(await direct('211381109'));
    expect(await listed(other, '')).toEqual(await direct('210727'));
    // Not vacuous: the province holds both counties' members, the city and the county only theirs.
    expect((await direct('210727')).length).toBeGreaterThan(0);
    expect((await direct('211381')).length).toBeGreaterThan(0);
    // A name prefix: the scope's current members whose name starts with it, the prefix compared here in JS.
    const named = async (prefix: string, start: string) =>
      (
        await sql<{ id: string; name: string }>`SELECT m.id::text AS id, p.name FROM party_member m
          JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
          JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
          WHERE m.left_on IS NULL AND o.region_code LIKE ${`${prefix}%`} ORDER BY m.id`.execute(db)
      ).rows
        .filter((r) => r.name.startsWith(start))
        .map((r) => r.id);
    const q = (text: string) => `&q=${encodeURIComponent(text)}`;
    expect(await listed(leader, q('党员'))).toEqual(await named('21', '党员'));
    expect(await listed(county, q('党员'))).toEqual(await named('211381', '党员'));
    expect(await listed(township, q('党员'))).toEqual(await named('211381109', '党员'));
    expect(await listed(other, q('党员'))).toEqual([]);
    expect(await listed(other, q('义县'))).toEqual(await named('210727', '义县'));
    expect(await listed(leader, q('义县'))).toEqual(await named('21', '义县'));
    expect((await named('211381', '党员')).length).toBeGreaterThan(0);
    expect((await named('21', '义县')).length).toBe(1);
    // LIKE's own characters are text to match, not patterns.
    expect(await listed(leader, q('%'))).toEqual([]);
    expect(await listed(leader, q('_'))).toEqual([]);
    // Another county's organisation named in the query: nothing of it; its region: refused like a missing one.
    expect(await listed(other, `&org=${ids.org}`)).toEqual([]);
    expect((await other.get('/api/party/members?region=211381')).status).toBe(404);
  });

  it('searches members by the name their person has now: a rename by any writer is followed and revises no figure', async () => {
    const m = await one<{ id: string; person_id: string; name: string }>(sql`
      SELECT m.id::text AS id, m.person_id::text AS person_id, p.name FROM party_member m
      JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id
      WHERE m.county_code = '211381' AND m.left_on IS NULL ORDER BY m.id LIMIT 1`);
    const ids = async (text: string) => {
      const r = await county.get(`/api/party/members?limit=200&q=${encodeURIComponent(text)}`);
      expect(r.status).toBe(200);
      return r.body.items.map((i: { id: string | number }) => String(i.id));
    };
    expect(await ids(m.name)).toContain(m.id);
    expect(await ids('改名后')).toEqual([]);
    // Renamed by a plain UPDATE (what the registry's import does): in the same transaction no dated mark was queued,
    // so no month of the figures is revised by a change of name.
    const marks = await db.transaction().execute(async (tx) => {
      await sql`UPDATE person SET name = '改名后党员' WHERE county_code = '211381' AND id = ${Number(m.person_id)}`.execute(tx);
      return Number(
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM rollup_dated WHERE source = 'party_member' AND marked_at = now()`.execute(
            tx,
          )
        ).rows[0]?.n,
      );
    });
    expect(marks).toBe(0);
    expect(await ids('改名后')).toEqual([m.id]);
    expect(await ids(m.name)).not.toContain(m.id);
    // A name written into a member row by hand is its person's again; no member row differs from its person.
    await sql`UPDATE party_member SET name = '别人' WHERE county_code = '211381' AND id = ${Number(m.id)}`.execute(db);
    expect(
      (await one<{ name: string }>(sql`SELECT name FROM party_member WHERE county_code = '211381' AND id = ${Number(m.id)}`)).name,
    ).toBe('改名后党员');
    const differing = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_member m
      JOIN person p ON p.county_code = m.county_code AND p.id = m.person_id WHERE m.name <> p.name`);
    expect(differing.n).toBe(0);
    expect((await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_member`)).n).toBeGreaterThan(1);
    await sql`UPDATE person SET name = ${m.name} WHERE county_code = '211381' AND id = ${Number(m.person_id)}`.execute(db);
    expect(await ids(m.name)).toContain(m.id);
  });

  it('dissolves only an organisation without members; the secretary term ends that day', async () => {
    const d = (await county.get(`/api/party/orgs/${ids.org}`)).body;
    const refused = await county.post(`/api/party/orgs/${ids.org}/dissolve`, { date: '2025-06-30', version: d.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PARTY_ORG_HAS_MEMBERS');
    const e = (await county.get(`/api/party/orgs/${ids.org2}`)).body;
    expect(e.members).toBe(1);
  });

  it('the village page gathers its sections, and answers 404 outside the scope or for a non-village code', async () => {
    const p = await county.get(`/api/villages/${VILLAGE}/profile`);
    expect(p.status, p.text).toBe(200);
    expect(p.body.name).toBeTruthy();
    const s = p.body.sections;
    const reg = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM household WHERE village_code = ${VILLAGE}`);
    expect(s.register.households).toBe(Number(reg.n));
    expect(s.party.id).toBe(ids.org);
    expect(s.party.secretary.name).toBe('李书记');
    const mem = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_member WHERE org_id = ${ids.org} AND left_on IS NULL`);
    expect(s.members.members).toBe(Number(mem.n));
    const f = await one<{ persons: number; probationary: number; post: number; pairings: number }>(sql`
      SELECT (SELECT coalesce(sum(member_count), 0)::int FROM household WHERE village_code = ${VILLAGE}) AS persons,
             (SELECT count(*)::int FROM party_member WHERE org_id = ${ids.org} AND left_on IS NULL AND standing = 'probationary') AS probationary,
             (SELECT count(*)::int FROM party_member WHERE org_id = ${ids.org} AND left_on IS NULL AND post IS NOT NULL) AS post,
             (SELECT count(*)::int FROM party_pairing pp JOIN party_member pm ON pm.county_code = pp.county_code AND pm.id = pp.member_id
              WHERE pm.org_id = ${ids.org} AND pp.end_date IS NULL) AS pairings`);
    expect([s.register.persons, s.members.probationary, s.members.withPost, s.members.pairings]).toEqual([
      f.persons,
      f.probationary,
      f.post,
      f.pairings,
    ]);
    const leaders = await one<{ ids: number[] | null }>(
      sql`SELECT array_agg(id ORDER BY id) AS ids FROM party_member WHERE org_id = ${ids.org} AND left_on IS NULL AND wealth_leader`,
    );
    expect(s.members.leaders.map((l: { id: number }) => l.id)).toEqual((leaders.ids ?? []).map(Number));
    const listed = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM poor_village WHERE village_code = ${VILLAGE}`);
    expect(s.poorVillage === undefined).toBe(listed.n === 0);
    expect(s.alerts).toEqual({ region: VILLAGE });
    const feed = await county.get(`/api/command/alerts?region=${VILLAGE}&state=open&limit=20`);
    expect(feed.status).toBe(200);
    expect(Array.isArray(s.residents.team)).toBe(true);
    const foreign = await other.get(`/api/villages/${VILLAGE}/profile`);
    const missing = await other.get('/api/villages/210727999999/profile');
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await county.get('/api/villages/211381109/profile')).status).toBe(404);
    expect((await township.get(`/api/villages/${otherTownshipVillage}/profile`)).status).toBe(404);
    expect((await leader.get(`/api/villages/${VILLAGE}/profile`)).status).toBe(200);
  });
});
