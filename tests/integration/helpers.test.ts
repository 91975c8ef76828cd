import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/modules/audit/service.ts';
import { commit, type InputRow, stage } from '../../src/modules/registry/import/service.ts';
import { type Client, loggedIn, openTestApp, TEST_KEYS, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

/**
 * Helpers (帮扶责任人) as records on both engines: the import's resolution of the 帮扶责任人 column (new, existing,
 * ambiguous), create and edit with masking and one person per human (a cadre who helps), the bulk assignment (all or
 * nothing: repeated ids, ids outside the scope or of no household), and the coverage the command centre counts.
 * Expected values are read with direct SQL or written by hand from the files below.
 */
const actor: Actor = { id: null, username: 'tester' };
const VILLAGE = '211381109201'; // 海丰村, 东官营镇, 北票市
const TODAY = new Date().toISOString().slice(0, 10);

type Cells = InputRow['cells'];
let seq = 10;
function household(no: string, helper: string | null, village = VILLAGE): Cells[] {
  const county = village.slice(0, 6);
  const base = {
    village_code: village,
    household_no: no,
    category: '一般贫困户',
    poverty_cause: '因病',
    year_identified: 2015,
    planned_exit_year: 2018,
    household_status: '未脱贫',
    ...(helper === null ? {} : { helper }),
  };
  seq += 4;
  return [{ ...base, name: `户主${no}`, id_number: makeId(county, '1960-03-01', seq, true), relation: '户主', gender: '男' }] as Cells[];
}
const rowsOf = (cells: Cells[]): InputRow[] => cells.map((c, i) => ({ rowNumber: i + 2, cells: c }));

describe.each(engines())('helpers on %s', (engine) => {
  let t: TestApp;
  let db: Database['db'];
  let county: Client;
  let township: Client;
  let other: Client;
  let province: Client;
  const ids: Record<string, number> = {};

  const q = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await query.execute(db)).rows as T[];
  const helperIdOf = async (name: string, countyCode = '211381') =>
    (await q<{ id: number }>(sql`SELECT id FROM helper WHERE county_code = ${countyCode} AND name = ${name} ORDER BY id`)).map((r) =>
      Number(r.id),
    );
  const currentHelper = async (no: string) =>
    (
      await q<{ name: string | null; helper_id: number | null }>(sql`
        SELECT he.name, hp.helper_id FROM household h
        LEFT JOIN help_pairing hp ON hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL
        LEFT JOIN helper he ON he.county_code = hp.county_code AND he.id = hp.helper_id
        WHERE h.household_no = ${no}`)
    )[0];
  const pairingCount = async () => Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM help_pairing`))[0]?.n);
  const importFile = async (scope: string, cells: Cells[]) => {
    const { batchId, counts } = await stage(db, TEST_KEYS, { scopeCode: scope, actor, filename: 'h.xlsx' }, rowsOf(cells));
    return { batchId, counts };
  };

  beforeAll(async () => {
    t = await openTestApp(engine);
    db = t.database.db;
    county = await loggedIn(t.app, 'beipiao');
    township = await loggedIn(t.app, 'dongguanying');
    other = await loggedIn(t.app, 'yixian');
    province = await loggedIn(t.app, 'sheng');
  });
  afterAll(() => t.close());

  it('an import creates one helper per new name and county, spaces in a name not making another', async () => {
    const { batchId, counts } = await importFile('211381', [
      ...household('H1', '李明'),
      ...household('H2', '李明'),
      ...household('H3', '张 华'),
      ...household('H4', null),
      ...household('H5', '赵强'),
    ]);
    // By hand from the file: four households name a helper, none known yet; three distinct names.
    expect(counts.helpers).toEqual({ existing: 0, new: 4, ambiguous: 0, created: 3 });
    expect(await q(sql`SELECT count(*)::int AS n FROM helper`)).toEqual([{ n: 0 }]);
    await commit(db, batchId, actor);
    const made = await q<{ name: string; n: number }>(sql`
      SELECT he.name, count(hp.id)::int AS n FROM helper he LEFT JOIN help_pairing hp ON hp.county_code = he.county_code AND hp.helper_id = he.id
      WHERE he.county_code = '211381' GROUP BY he.name ORDER BY he.name`);
    expect(made).toEqual([
      { name: '张华', n: 1 },
      { name: '李明', n: 2 },
      { name: '赵强', n: 1 },
    ]);
    const audit = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'helper' AND action = 'import_create'`,
    );
    expect(audit[0]?.n).toBe(3);
    for (const r of await q<{ household_no: string; id: number }>(sql`SELECT household_no, id FROM household`))
      ids[r.household_no] = Number(r.id);
  });

  it('creates helpers with masked phones; an ID number of a cadre makes the helper that same person', async () => {
    const unit = await county.post('/api/cadres/units', { name: '北票市扶贫办', level: 'county', regionCode: '211381' });
    expect(unit.status).toBe(200);
    const idNumber = makeId('211381', '1980-05-06', 501, true);
    const posted = await county.post('/api/cadres/postings', {
      villageCode: VILLAGE,
      role: 'first_secretary',
      startDate: '2025-01-02',
      cadre: { name: '钱书记', idNumber, unitId: unit.body.id, post: '科员', partyMember: true },
    });
    expect(posted.status).toBe(200);

    const made = await county.post('/api/helpers', { name: '钱书记', idNumber, workUnit: '北票市扶贫办', phone: '13912340001' });
    expect(made.status).toBe(200);
    const [link] = await q<{ same: boolean }>(sql`
      SELECT he.person_id = c.person_id AS same FROM helper he, cadre c WHERE he.id = ${made.body.id} AND c.county_code = he.county_code`);
    expect(link?.same).toBe(true);
    expect(await q(sql`SELECT count(*)::int AS n FROM person_identity`)).toEqual([
      { n: Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM person`))[0]?.n) },
    ]);

    const d = await county.get(`/api/helpers/${made.body.id}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ name: '钱书记', workUnit: '北票市扶贫办', phoneMasked: '139****0001', cadrePostingId: posted.body.id });
    expect(d.body.idMasked).toMatch(/^2113\*+$/);
    // The cadre's posting page names them as a helper: one person, one record.
    expect((await county.get(`/api/cadres/postings/${posted.body.id}`)).body.helper).toEqual({ id: made.body.id, households: 0 });
    expect(d.text).not.toContain('13912340001');
    expect(d.text).not.toContain(idNumber);
    const [row] = await q<{ phone_cipher: string; phone_hash: string }>(
      sql`SELECT phone_cipher, phone_hash FROM helper WHERE id = ${made.body.id}`,
    );
    expect(row?.phone_cipher).not.toContain('13912340001');
    const [aud] = await q<{ after: string }>(
      sql`SELECT after::text AS after FROM audit_log WHERE entity = 'helper' AND entity_id = ${String(made.body.id)}`,
    );
    expect(aud?.after).not.toContain('13912340001');
    expect(aud?.after).not.toContain(idNumber);

    // The same person again, another name for the ID number, a NUL byte, a bad phone: refused, nothing written.
    const helpers = Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM helper`))[0]?.n);
    expect((await county.post('/api/helpers', { name: '钱书记', idNumber })).body.error.code).toBe('HELPER_EXISTS');
    expect((await county.post('/api/helpers', { name: '钱某', idNumber })).body.error.code).toBe('HELPER_NAME_MISMATCH');
    const nul = await county.post('/api/helpers', { name: '孙\u0000丽' });
    expect(nul.status).toBe(400);
    expect((await county.post('/api/helpers', { name: '孙丽', phone: '12345' })).body.error.code).toBe('HELPER_BAD_PHONE');
    expect((await province.post('/api/helpers', { name: '孙丽' })).body.error.code).toBe('HELPER_COUNTY');
    expect(Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM helper`))[0]?.n)).toBe(helpers);

    // Name only: one per name and phone in the county.
    expect((await county.post('/api/helpers', { name: '孙丽', workUnit: '县农业农村局' })).status).toBe(200);
    expect((await county.post('/api/helpers', { name: '孙丽' })).body.error.code).toBe('HELPER_EXISTS');
    expect((await county.post('/api/helpers', { name: '王芳', phone: '13800000001' })).status).toBe(200);
    expect((await county.post('/api/helpers', { name: '王芳', phone: '13800000002' })).status).toBe(200);
    // Another county cannot create in Beipiao.
    expect((await other.post('/api/helpers', { name: '外县', countyCode: '211381' })).status).toBe(404);
  });

  it('resolves an import against the helpers: existing, new and ambiguous, as SQL counts them', async () => {
    const file = [
      ...household('H1', '李明'), // the current helper: existing
      ...household('H2', '孙丽'), // one helper of that name: existing
      ...household('H3', '王芳'), // two of that name: ambiguous
      ...household('H6', '周新'), // none: new
      ...household('H7', '周新'), // the same new name: created once
    ];
    // The file's H1–H3 rows must match the register except for the helper: same persons as before.
    const { batchId, counts } = await importFile('211381', file);
    const names = ['李明', '孙丽', '王芳', '周新', '周新'];
    const known = await q<{ name: string; n: number }>(
      sql`SELECT name, count(*)::int AS n FROM helper WHERE county_code = '211381' GROUP BY name`,
    );
    const n = (name: string) => known.find((k) => k.name === name)?.n ?? 0;
    expect(counts.helpers).toEqual({
      existing: names.filter((x) => n(x) === 1).length,
      new: names.filter((x) => n(x) === 0).length,
      ambiguous: names.filter((x) => n(x) > 1).length,
      created: new Set(names.filter((x) => n(x) === 0)).size,
    });
    expect(counts.helpers).toEqual({ existing: 2, new: 2, ambiguous: 1, created: 1 });

    const rows = await county.get(`/api/registry/imports/${batchId}/helpers`);
    expect(rows.status).toBe(200);
    expect(
      rows.body.items.map((r: { householdNo: string; resolution: string; candidates: number }) => [
        r.householdNo,
        r.resolution,
        r.candidates,
      ]),
    ).toEqual([
      ['H1', 'existing', 1],
      ['H2', 'existing', 1],
      ['H3', 'ambiguous', 2],
      ['H6', 'new', 0],
      ['H7', 'new', 0],
    ]);
    expect((await other.get(`/api/registry/imports/${batchId}/helpers`)).status).toBe(404);
    const ambiguous = await county.get(`/api/registry/imports/${batchId}/helpers?resolution=ambiguous`);
    expect(ambiguous.body.items).toHaveLength(1);

    const h1Before = await currentHelper('H1');
    await commit(db, batchId, actor);
    expect(await currentHelper('H1')).toEqual(h1Before);
    expect(await currentHelper('H2')).toEqual({ name: '孙丽', helper_id: (await helperIdOf('孙丽'))[0] });
    // Ambiguous: the household keeps 张华.
    expect((await currentHelper('H3'))?.name).toBe('张华');
    const zhou = await helperIdOf('周新');
    expect(zhou).toHaveLength(1);
    expect(await currentHelper('H6')).toEqual({ name: '周新', helper_id: zhou[0] });
    expect(await currentHelper('H7')).toEqual({ name: '周新', helper_id: zhou[0] });
    for (const r of await q<{ household_no: string; id: number }>(sql`SELECT household_no, id FROM household`))
      ids[r.household_no] = Number(r.id);
  });

  it('assigns a helper to selected households: all or nothing, the previous pairing ended today, audited', async () => {
    const [sun] = await helperIdOf('孙丽');
    const before = await pairingCount();
    const auditBefore = Number(
      (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assign_helper'`))[0]?.n,
    );

    // Repeated ids, an id of no household, an id of another county: refused, nothing written.
    const dup = await county.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H1, ids.H1] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('HELPER_DUPLICATE_HOUSEHOLDS');
    const yixianVillage = (
      await q<{ code: string }>(sql`SELECT code FROM region WHERE code LIKE '210727%' AND level = 5 ORDER BY code LIMIT 1`)
    )[0]?.code as string;
    const y = await importFile('210727', household('Y1', '外帮', yixianVillage));
    await commit(db, y.batchId, actor);
    const y1 = Number((await q<{ id: number }>(sql`SELECT id FROM household WHERE household_no = 'Y1'`))[0]?.id);
    const foreign = await county.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H4, y1] });
    const missing = await county.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H4, 999_999_999] });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    // The two refusals read the same: nothing tells whether the id exists elsewhere.
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.error.code).toBe('HELPER_HOUSEHOLDS_OUT_OF_SCOPE');
    // Another county's user cannot use Beipiao's helper even on their own household.
    expect((await other.post('/api/helpers/assignments', { helperId: sun, householdIds: [y1] })).status).toBe(404);
    // The province may, but not across counties.
    const across = await province.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H4, y1] });
    expect(across.body.error.code).toBe('HELPER_OTHER_COUNTY');
    expect(await pairingCount()).toBe(before + 1); // Y1's own pairing only

    const ok = await county.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H1, ids.H4, ids.H5] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ assigned: 3, replaced: 2, unchanged: 0 });
    for (const no of ['H1', 'H4', 'H5']) expect(await currentHelper(no)).toEqual({ name: '孙丽', helper_id: sun });
    const ended = await q<{ household_no: string; name: string; end_date: string }>(sql`
      SELECT h.household_no, hp.helper_name AS name, to_char(hp.end_date, 'YYYY-MM-DD') AS end_date
      FROM help_pairing hp JOIN household h ON h.county_code = hp.county_code AND h.id = hp.household_id
      WHERE h.household_no IN ('H1', 'H5') AND hp.end_date IS NOT NULL ORDER BY h.household_no`);
    expect(ended).toEqual([
      { household_no: 'H1', name: '李明', end_date: TODAY },
      { household_no: 'H5', name: '赵强', end_date: TODAY },
    ]);
    const audits = Number((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assign_helper'`))[0]?.n);
    expect(audits - auditBefore).toBe(3);

    const again = await township.post('/api/helpers/assignments', { helperId: sun, householdIds: [ids.H1, ids.H4] });
    expect(again.body).toEqual({ assigned: 0, replaced: 0, unchanged: 2 });

    const detail = await county.get(`/api/helpers/${sun}`);
    expect(detail.body.households).toBe(4); // H2 from the import, H1, H4, H5 assigned
    expect(
      detail.body.pairings
        .filter((p: { endDate: string | null }) => p.endDate === null)
        .map((p: { householdNo: string }) => p.householdNo)
        .sort(),
    ).toEqual(['H1', 'H2', 'H4', 'H5']);
    const page = await county.get(`/api/registry/households/${ids.H4}`);
    expect(page.body.helpers.at(-1)).toMatchObject({ helperId: sun, name: '孙丽', workUnit: '县农业农村局', endDate: null });
  });

  it('lists by name and keeps the list, the coverage and the export in step with the pairings', async () => {
    const list = await township.get('/api/helpers?q=%E7%8E%8B');
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { name: string }) => h.name)).toEqual(['王芳', '王芳']);
    expect(list.body.items.every((h: { phoneMasked: string }) => /^138\*{4}000[12]$/.test(h.phoneMasked))).toBe(true);
    expect((await other.get('/api/helpers')).body.items.map((h: { name: string }) => h.name)).toEqual(['外帮']);

    const [sun] = await helperIdOf('孙丽');
    expect((await county.put(`/api/helpers/${sun}`, { name: '孙丽华', workUnit: '县农业农村局' })).status).toBe(200);
    const hh = await county.get(`/api/registry/households?region=${VILLAGE}&limit=50`);
    const shown = Object.fromEntries(
      hh.body.items.map((h: { householdNo: string; helperName: string | null }) => [h.householdNo, h.helperName]),
    );
    expect(shown.H4).toBe('孙丽华');

    const cov = await county.get('/api/registry/coverage?region=211381');
    const [expected] = await q<{ poor: number; helped: number }>(sql`
      SELECT count(*)::int AS poor,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM help_pairing hp JOIN helper he ON he.county_code = hp.county_code AND he.id = hp.helper_id
               WHERE hp.county_code = h.county_code AND hp.household_id = h.id AND hp.end_date IS NULL))::int AS helped
      FROM household h WHERE h.county_code = '211381' AND h.status IN ('poor', 'returned')`);
    expect(cov.body.stillPoor).toBe(expected?.poor);
    expect(cov.body.withHelper).toBe(expected?.helped);
    expect(expected?.helped).toBe(7); // H1–H7: H4 got one by assignment
  });
});
