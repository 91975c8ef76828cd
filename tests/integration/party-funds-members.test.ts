import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { fundsSection } from '../../src/modules/party/funds/profile-section.ts';
import { thisYear } from '../../src/server/clock.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Members' commitments (承诺践诺) and reserve cadres (后备干部) on both engines: a commitment's result needs evidence,
 * its review needs a result, a stale version is refused, the share fulfilled equals a direct count; reserve cadres are
 * the county's persons by ID number (one human, one row; another name refused), with training; another county sees
 * nothing, a leader writes nothing. And the village page's funds section against direct SQL.
 */
const YEAR = thisYear();
const V1 = '211381109201';

describe.each(engines())('party commitments and reserve cadres on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let other: Client;
  let leader: Client;
  const members: number[] = [];
  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    other = await loggedIn(t.app, 'yixian');
    leader = await loggedIn(t.app, 'leader');
    // The organisations-and-members part owns these tables; the test makes a branch with three members by hand.
    const org = await q<{ id: number }>(
      sql`INSERT INTO party_org (county_code, region_code, name, kind) VALUES ('211381', ${V1}, '海丰村党支部', 'branch') RETURNING id`,
    );
    for (let i = 0; i < 3; i++) {
      const p = await q<{ id: number }>(sql`INSERT INTO person (county_code, id_hash, id_cipher, id_masked, name, gender, birth_date)
        VALUES ('211381', ${`h${i}`}, 'x', '2113**************', ${`党员${i}`}, 'M', '1970-01-01') RETURNING id`);
      const m = await q<{ id: number }>(sql`INSERT INTO party_member (county_code, org_id, person_id, joined_on)
        VALUES ('211381', ${org[0]?.id}, ${p[0]?.id}, '2000-07-01') RETURNING id`);
      members.push(Number(m[0]?.id));
    }
  });
  afterAll(() => t.close());

  it('a commitment is made, fulfilled with evidence and confirmed; the share fulfilled equals a direct count', async () => {
    const ids: number[] = [];
    for (const m of members) {
      const r = await county.post('/api/party/commitments', { memberId: m, year: YEAR, content: `承诺${m}：结对帮扶一户` });
      expect(r.status, r.text).toBe(200);
      ids.push((r.body as { id: number }).id);
    }
    const [a, b] = ids as [number, number];
    expect(
      (await county.post(`/api/party/commitments/${a}/review`, { review: 'confirmed', reviewedOn: `${YEAR}-06-01`, version: 1 })).status,
    ).toBe(409);
    const noEvidence = await county.post(`/api/party/commitments/${a}/fulfilment`, { status: 'fulfilled', version: 1 });
    expect(noEvidence.body).toMatchObject({ error: { code: 'PARTY_EVIDENCE_REQUIRED' } });
    expect(
      (await county.post(`/api/party/commitments/${a}/fulfilment`, { status: 'fulfilled', evidence: '走访记录 12 次', version: 1 })).status,
    ).toBe(200);
    expect((await county.post(`/api/party/commitments/${a}/fulfilment`, { status: 'unfulfilled', version: 1 })).status).toBe(409);
    expect(
      (await county.post(`/api/party/commitments/${a}/review`, { review: 'confirmed', reviewedOn: `${YEAR}-06-01`, version: 2 })).status,
    ).toBe(200);
    await county.post(`/api/party/commitments/${b}/fulfilment`, { status: 'fulfilled', evidence: '照片', version: 1 });
    const list = (await county.get(`/api/party/commitments?year=${YEAR}`)).body as { items: unknown[]; fulfilledPercent: number };
    const direct = await q<{
      done: number;
      n: number;
    }>(sql`SELECT count(*) FILTER (WHERE status = 'fulfilled' AND review = 'confirmed')::int AS done,
      count(*)::int AS n FROM party_commitment WHERE county_code = '211381' AND year = ${YEAR}`);
    expect(list.items).toHaveLength(direct[0]?.n ?? -1);
    expect(list.fulfilledPercent).toBe(Math.round(((direct[0]?.done ?? 0) * 10000) / (direct[0]?.n ?? 1)) / 100);
    expect(list.fulfilledPercent).toBe(33.33);
    expect(
      (await other.post(`/api/party/commitments/${b}/review`, { review: 'confirmed', reviewedOn: `${YEAR}-06-01`, version: 2 })).status,
    ).toBe(404);
    expect((await other.post('/api/party/commitments', { memberId: members[0], year: YEAR, content: '越权承诺' })).status).toBe(404);
    expect(((await other.get(`/api/party/commitments?year=${YEAR}`)).body as { items: unknown[] }).items).toHaveLength(0);
    expect((await leader.post('/api/party/commitments', { memberId: members[0], year: YEAR, content: '只读用户' })).status).toBe(403);
  });

  it('a reserve cadre is a person of the county by ID number; training is recorded; another county sees nothing', async () => {
    const idNumber = makeId('211381', '1990-04-01', 41, false);
    const body = { villageCode: V1, name: '李后备', idNumber, since: `${YEAR}-01-01`, source: '返乡青年', education: '大专' };
    const r = await county.post('/api/party/reserve', body);
    expect(r.status, r.text).toBe(200);
    const id = (r.body as { id: number }).id;
    expect((await county.post('/api/party/reserve', body)).body).toMatchObject({ error: { code: 'PARTY_RESERVE_EXISTS' } });
    expect((await county.post('/api/party/reserve', { ...body, name: '王别名' })).body).toMatchObject({
      error: { code: 'PARTY_NAME_MISMATCH' },
    });
    expect((await county.post('/api/party/reserve', { ...body, idNumber: '211381199004010000' })).status).toBe(400);
    expect(
      (await county.post(`/api/party/reserve/${id}/trainings`, { trainedOn: `${YEAR}-03-01`, course: '后备干部培训班', hours: 16.5 }))
        .status,
    ).toBe(200);
    const detail = (await county.get(`/api/party/reserve/${id}`)).body as { idMasked: string; trainingHours: number; trainings: unknown[] };
    expect(detail.trainingHours).toBe(16.5);
    expect(detail.trainings).toHaveLength(1);
    expect(detail.idMasked).toBe(`${idNumber.slice(0, 4)}${'*'.repeat(14)}`);
    expect(JSON.stringify(detail)).not.toContain(idNumber);
    const persons = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM person WHERE name = '李后备'`);
    expect(persons[0]?.n).toBe(1);
    expect((await other.get(`/api/party/reserve/${id}`)).status).toBe(404);
    expect(
      (await other.post(`/api/party/reserve/${id}/trainings`, { trainedOn: `${YEAR}-03-01`, course: '越权培训', hours: 1 })).status,
    ).toBe(404);
    expect((await other.post('/api/party/reserve', { ...body, idNumber: makeId('211381', '1991-01-01', 43, true) })).status).toBe(404);
    expect(
      (await leader.post(`/api/party/reserve/${id}/trainings`, { trainedOn: `${YEAR}-03-01`, course: '只读用户', hours: 1 })).status,
    ).toBe(403);
  });

  it("the village page's funds section matches the database", async () => {
    await county.post('/api/party/funds/payments', {
      villageCode: V1,
      paidOn: `${YEAR}-01-05`,
      amountFen: 11_200_000,
      purpose: 'operation',
    });
    await county.put('/api/party/funds/income', { villageCode: V1, year: YEAR, amountFen: 0 });
    const s = await fundsSection.load(db, { code: V1, countyCode: '211381' }, 'zh-CN');
    const reserves = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM party_reserve_cadre WHERE village_code = ${V1} AND left_on IS NULL`,
    );
    expect(s).toMatchObject({
      year: YEAR,
      paidFen: { operation: 11_200_000, partyBuilding: 0, other: 0 },
      percent: 84.85,
      incomeFen: 0,
      hollow: true,
      reserveCadres: reserves[0]?.n,
      commitments: { total: 3, fulfilled: 1, percent: 33.33 },
    });
    expect(s?.links.income).toBe(`/party/funds/income?region=${V1}&year=${YEAR}`);
  });
});
