import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/audit/service.ts';
import { HouseholdInput, saveHousehold } from '../../src/modules/registry/edit.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/** The one-household file (一户一档) as PDF and as the print view's JSON: one page a household, masked, in scope. */
const ACTOR: Actor = { id: null, username: 'tester' };
const VILLAGE = '211381109201';
const OTHER_VILLAGE_SAME_COUNTY = '211381109202';

const RELATIONS = [
  'son',
  'daughter',
  'grandson',
  'granddaughter',
  'son',
  'daughter',
  'grandson',
  'granddaughter',
  'son',
  'daughter',
  'son',
];

function household(village: string, no: string, seq: number, members: number) {
  const county = village.slice(0, 6);
  return HouseholdInput.parse({
    villageCode: village,
    householdNo: no,
    category: 'ordinary',
    cause: 'illness',
    yearIdentified: 2015,
    plannedExitYear: 2019,
    status: 'poor',
    helper: '钱进',
    helperPhone: '13912345678',
    guarantees: { food: true, clothing: true, education: true, medical: false, housing: true },
    incomes: [2013, 2014, 2015, 2016, 2017].slice(0, Math.min(5, members)).map((year, i) => ({
      year,
      wages: 3000 + i * 500,
      business: 1200,
      businessCosts: 300,
      property: 100,
      transfers: 900,
      persons: members,
    })),
    projects: [
      { type: 'industry', year: 2016, amount: 5000, state: 'completed' },
      { type: 'microcredit', year: 2017, amount: 50000, state: 'in_progress' },
    ],
    members: [
      { name: `冯户${no.slice(-1)}`, idNumber: makeId(county, '1960-01-01', seq, true), relation: 'head', gender: 'M' },
      ...RELATIONS.slice(0, members - 1).map((relation, i) => {
        const male = relation === 'son' || relation === 'grandson';
        return {
          name: `冯${'一二三四五六七八九十甲乙'[i]}${no.slice(-1)}`,
          idNumber: makeId(county, `19${80 + i}-02-03`, seq + 10 + i * 2, male),
          relation,
          gender: male ? 'M' : 'F',
          // The longest labels of their lists: the page must hold them on one line each.
          health: 'chronic',
          education: 'illiterate',
          schooling: 'higher_vocational',
          labour: 'weak',
          work: 'county',
        };
      }),
    ],
  });
}

const pageCount = async (body: Buffer) => (await PDFDocument.load(body)).getPageCount();

describe.each(engines())('household file on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  let otherCountyVillage: string;
  let otherCountyHousehold: number;
  let first: number;
  let fullId: string;

  beforeAll(async () => {
    t = await openTestApp(engine);
    const db = t.database.db;
    // Households of every size a village has, the largest with twelve members, five years of income and two projects.
    const sizes = [1, 3, 5, 12];
    for (const [i, n] of sizes.entries()) {
      const h = household(VILLAGE, `FILE${i}`, 701 + i * 40, n);
      const r = await saveHousehold(db, TEST_KEYS, '211381', ACTOR, h, 'zh-CN');
      if (i === 0) {
        first = r.id;
        fullId = h.members[0]?.idNumber ?? '';
      }
    }
    await saveHousehold(db, TEST_KEYS, '211381', ACTOR, household(OTHER_VILLAGE_SAME_COUNTY, 'FILEX', 901, 2), 'zh-CN');
    const v = await sql<{ code: string }>`SELECT code FROM region WHERE code LIKE '211321%' AND level = 5 ORDER BY code LIMIT 1`.execute(
      db,
    );
    otherCountyVillage = v.rows[0]?.code ?? '';
    otherCountyHousehold = (await saveHousehold(db, TEST_KEYS, '211321', ACTOR, household(otherCountyVillage, 'FILEY', 951, 2), 'zh-CN'))
      .id;
    beipiao = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  const get = async (c: Client, url: string) => {
    const r = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': c.lang },
    });
    return { status: r.statusCode, type: String(r.headers['content-type']), body: r.rawPayload, json: () => JSON.parse(r.body) };
  };

  it('prints a village as one PDF, a household a page, however large the household', async () => {
    const expected = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household WHERE village_code = ${VILLAGE}`.execute(
      t.database.db,
    );
    const r = await get(beipiao, `/api/registry/household-files.pdf?region=${VILLAGE}`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pageCount(r.body)).toBe(Number(expected.rows[0]?.n));
    expect(Number(expected.rows[0]?.n)).toBe(4);
    // The font is embedded (a subset), so the page reads the same on a machine without Chinese fonts.
    expect(r.body.includes('FontFile2')).toBe(true);
  });

  it('prints one household as one page', async () => {
    const r = await get(beipiao, `/api/registry/households/${first}/file.pdf`);
    expect(r.status).toBe(200);
    expect(await pageCount(r.body)).toBe(1);
  });

  it('gives the print view every household of the village, masked, in household-number order', async () => {
    const r = await get(beipiao, `/api/registry/household-files?region=${VILLAGE}`);
    expect(r.status).toBe(200);
    const body = r.json();
    const expected = await sql<{ household_no: string }>`
      SELECT household_no FROM household WHERE village_code = ${VILLAGE} ORDER BY household_no`.execute(t.database.db);
    expect(body.items.map((h: { householdNo: string }) => h.householdNo)).toEqual(expected.rows.map((x) => x.household_no));
    expect(body.villageName).toBeTruthy();
    const text = r.body.toString();
    expect(text).not.toContain(fullId);
    expect(text).not.toContain('13912345678');
    expect(body.items[0].members[0].birthDate).toBeNull();
    expect(body.items[3].members).toHaveLength(12);
    expect(body.items[3].incomes[0]).toMatchObject({ year: 2013, wages: 3000, persons: 12 });
  });

  it('answers 404 for a village or household of another county, and 400 for a region that is not a village', async () => {
    for (const url of [
      `/api/registry/household-files.pdf?region=${otherCountyVillage}`,
      `/api/registry/household-files?region=${otherCountyVillage}`,
      `/api/registry/households/${otherCountyHousehold}/file.pdf`,
    ]) {
      const r = await get(beipiao, url);
      expect(r.status, url).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    const county = await get(beipiao, '/api/registry/household-files.pdf?region=211381');
    expect(county.status).toBe(400);
    expect(county.json().error.code).toBe('FILE_NOT_A_VILLAGE');
  });
});
