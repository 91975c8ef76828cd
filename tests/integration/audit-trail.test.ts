// The audit trail of a household edited through the form, as a clerk reads it: an edit by the user (not an import),
// each changed field labelled in the user's language with code-list labels, phones and ID numbers masked, the household
// number and the region's names; a refused save leaves no row anywhere; the import page lists no form saves.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/modules/audit/chain.ts';
import { type Client, loggedIn, openTestApp, type TestApp } from '../support/app.ts';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

const VILLAGE = '211381109201';
const HEAD_ID = makeId('211381', '1966-03-04', 611, true);
const SON_ID = makeId('211381', '1992-07-08', 613, true);
const NEW_ID = makeId('211381', '2015-02-03', 622, false);
const PHONE_BEFORE = '13912345678';
const PHONE_AFTER = '13787654321';
const HELPER_PHONE = '15011112222';
/** The mask as decision 0005 and the detail page show a phone: first three, last four. */
const maskedPhone = (p: string) => `${p.slice(0, 3)}****${p.slice(-4)}`;

interface Change {
  path: string;
  label: string;
  before: string | null;
  after: string | null;
  beforeCode?: string;
  afterCode?: string;
}
interface Row {
  id: number;
  action: string;
  actorName: string;
  entity: string;
  entityId: string;
  entityName: string | null;
  scopeCode: string;
  scopeName: string | null;
  changes: Change[];
}

const created = {
  villageCode: VILLAGE,
  householdNo: 'AUD-0001',
  category: 'ordinary',
  cause: 'illness',
  yearIdentified: 2016,
  plannedExitYear: 2019,
  status: 'poor',
  income: 2500,
  helper: '钱进',
  members: [
    { name: '韩立国', idNumber: HEAD_ID, relation: 'head', gender: 'M', phone: PHONE_BEFORE, health: 'healthy' },
    { name: '韩小军', idNumber: SON_ID, relation: 'son', gender: 'M', education: 'primary' },
  ],
};

/** Every table a form's save may write, counted directly. */
async function counts(t: TestApp) {
  const r = await sql<Record<string, string>>`
    SELECT (SELECT count(*) FROM import_batch) AS batches, (SELECT count(*) FROM import_row) AS rows,
           (SELECT count(*) FROM import_household) AS households_staged, (SELECT count(*) FROM audit_log) AS audit,
           (SELECT count(*) FROM household) AS households, (SELECT count(*) FROM person) AS persons,
           (SELECT count(*) FROM household_member) AS members, (SELECT count(*) FROM household_income) AS incomes,
           (SELECT count(*) FROM help_pairing) AS pairings, (SELECT count(*) FROM household_status_history) AS history,
           (SELECT max(id) FROM audit_log) AS last_audit`.execute(t.database.db);
  return r.rows[0];
}

const trailOf = async (c: Client, id: number): Promise<Row[]> =>
  (await c.get(`/api/audit?entity=household&entityId=${id}`)).body.items as Row[];

describe.each(engines())('audit trail of a form edit on %s', (engine) => {
  let t: TestApp;
  let beipiao: Client;
  let householdId = 0;
  let headPid = 0;
  let sonPid = 0;
  beforeAll(async () => {
    t = await openTestApp(engine);
    beipiao = await loggedIn(t.app, 'beipiao');
  });
  afterAll(() => t.close());

  it('records a new household as created by the user, with the household number and the region names', async () => {
    const before = await counts(t);
    const r = await beipiao.post('/api/registry/households', created);
    expect(r.status).toBe(200);
    householdId = r.body.id;
    const pids = await sql<{ person_id: number; relation: string }>`
      SELECT person_id, relation FROM household_member WHERE household_id = ${householdId}`.execute(t.database.db);
    headPid = Number(pids.rows.find((p) => p.relation === 'head')?.person_id);
    sonPid = Number(pids.rows.find((p) => p.relation === 'son')?.person_id);

    const [row, ...rest] = await trailOf(beipiao, householdId);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ action: 'create', actorName: 'beipiao', entityName: 'AUD-0001', scopeCode: VILLAGE });
    const names = await sql<{ code: string; name: string }>`
      SELECT code, name FROM region WHERE code IN ('2113', '211381', '211381109', ${VILLAGE}) ORDER BY code`.execute(t.database.db);
    expect(row?.scopeName).toBe(names.rows.map((n) => n.name).join(' '));
    const cause = row?.changes.find((c) => c.path === 'cause');
    expect(cause).toEqual({ path: 'cause', label: '主要致贫原因', before: null, after: '因病', afterCode: 'illness' });
    expect(row?.changes.find((c) => c.path === 'villageCode')?.after).toBe(
      names.rows
        .slice(-2)
        .map((n) => n.name)
        .join(' '),
    );
    expect(row?.changes.find((c) => c.path === `members.${headPid}`)?.after).toContain(maskedPhone(PHONE_BEFORE));

    const after = await counts(t);
    // Nothing of the save's batch is left; one audit row for the household, an edit, no import — and one for the
    // helper the form named for the first time (a helper record of the county, created by the user).
    expect([after?.batches, after?.rows, after?.households_staged]).toEqual([before?.batches, before?.rows, before?.households_staged]);
    expect(Number(after?.audit) - Number(before?.audit)).toBe(2);
    const made = await sql<{ action: string; actor_name: string }>`
      SELECT action, actor_name FROM audit_log WHERE entity = 'helper' ORDER BY id DESC LIMIT 1`.execute(t.database.db);
    expect(made.rows).toEqual([{ action: 'create', actor_name: 'beipiao' }]);
    const actions = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity = 'household' AND entity_id = ${String(householdId)}`.execute(t.database.db);
    expect(actions.rows.map((a) => a.action)).toEqual(['create']);
  });

  it('records an edit with every changed field, labelled, code lists by label, phone and ID numbers masked', async () => {
    const edit = {
      ...created,
      cause: 'disability',
      income: 3100,
      helper: '孙红',
      members: [
        { personId: headPid, name: '韩立国', idNumber: '', relation: 'head', gender: 'M', phone: PHONE_AFTER, health: 'healthy' },
        { personId: sonPid, name: '韩小军', idNumber: '', relation: 'son', gender: 'M', education: 'junior' },
        { name: '韩小花', idNumber: NEW_ID, relation: 'granddaughter', gender: 'F' },
      ],
    };
    const r = await beipiao.put(`/api/registry/households/${householdId}`, edit);
    expect(r.status).toBe(200);
    const newPid = Number(
      (
        await sql<{ person_id: number }>`
          SELECT person_id FROM household_member WHERE household_id = ${householdId} AND person_id NOT IN (${headPid}, ${sonPid})`.execute(
          t.database.db,
        )
      ).rows[0]?.person_id,
    );
    // The register year's income is the one income row the household has.
    const year = Number(
      (await sql<{ year: number }>`SELECT year FROM household_income WHERE household_id = ${householdId}`.execute(t.database.db)).rows[0]
        ?.year,
    );
    const [row] = await trailOf(beipiao, householdId);
    expect(row).toMatchObject({ action: 'update', actorName: 'beipiao', entityName: 'AUD-0001' });
    const byPath = new Map(row?.changes.map((c) => [c.path, c]));
    // What the test changed, and nothing else.
    expect([...byPath.keys()].sort()).toEqual(
      [
        'cause',
        `incomes.${year}.perCapita`,
        'helper',
        `members.${headPid}.phone`,
        `members.${sonPid}.education`,
        `members.${newPid}`,
      ].sort(),
    );
    expect(byPath.get('cause')).toEqual({
      path: 'cause',
      label: '主要致贫原因',
      before: '因病',
      after: '因残',
      beforeCode: 'illness',
      afterCode: 'disability',
    });
    expect(byPath.get(`incomes.${year}.perCapita`)).toMatchObject({
      label: `年收入「${year}」 · 人均纯收入(元)`,
      before: '2500',
      after: '3100',
    });
    expect(byPath.get('helper')).toMatchObject({ label: '帮扶责任人', before: '钱进', after: '孙红' });
    expect(byPath.get(`members.${headPid}.phone`)).toMatchObject({
      label: '家庭成员「韩立国」 · 联系电话',
      before: maskedPhone(PHONE_BEFORE),
      after: maskedPhone(PHONE_AFTER),
    });
    expect(byPath.get(`members.${sonPid}.education`)).toMatchObject({ before: '小学', after: '初中' });
    const added = byPath.get(`members.${newPid}`);
    expect(added?.before).toBeNull();
    expect(added?.after).toContain('韩小花');
    expect(added?.after).toContain('之孙女');
    expect(added?.after).toContain(`${NEW_ID.slice(0, 4)}**************`);

    // No full ID number, no full phone, no birth date anywhere in the answer.
    const text = JSON.stringify((await beipiao.get(`/api/audit?entity=household&entityId=${householdId}`)).body);
    for (const secret of [HEAD_ID, SON_ID, NEW_ID, PHONE_BEFORE, PHONE_AFTER, '20150203', NEW_ID.slice(-4)]) {
      expect(text).not.toContain(secret);
    }

    // The household's own history tab reads the same rows.
    const detail = (await beipiao.get(`/api/registry/households/${householdId}`)).body;
    expect(detail.audit[0].changes.map((c: Change) => c.path).sort()).toEqual([...byPath.keys()].sort());
    expect(detail.statusHistory.map((s: { reason: string }) => s.reason)).toEqual(['form']);

    // In English, the same fields in English.
    beipiao.lang = 'en';
    const [en] = await trailOf(beipiao, householdId);
    beipiao.lang = 'zh-CN';
    expect(en?.changes.find((c) => c.path === 'cause')).toMatchObject({
      label: 'Main poverty cause',
      before: 'Illness',
      after: 'Disability',
    });
    expect(en?.changes.find((c) => c.path === `members.${headPid}.phone`)?.label).toBe('Member「韩立国」 · Phone');

    const actions = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity = 'household' AND entity_id = ${String(householdId)} ORDER BY id`.execute(t.database.db);
    expect(actions.rows.map((a) => a.action)).toEqual(['create', 'update']);
    expect((await verifyChain(t.database.db)).intact).toBe(true);
  });

  it("records the form's details in the same one row: 两不愁三保障, projects, the helper's phone masked", async () => {
    const rowsBefore = (await trailOf(beipiao, householdId)).length;
    const detail = (await beipiao.get(`/api/registry/households/${householdId}`)).body;
    const members = detail.members.map((m: { personId: number; name: string; relation: string }) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      idNumber: '',
    }));
    const r = await beipiao.put(`/api/registry/households/${householdId}`, {
      ...created,
      cause: 'disability',
      income: 3100,
      helper: '孙红',
      members,
      guarantees: { food: true, clothing: false, education: true, medical: true, housing: true },
      projects: [{ type: 'industry', year: 2017, amount: 5000, state: 'planned' }],
      helperPhone: HELPER_PHONE,
    });
    expect(r.status).toBe(200);
    const project = await sql<{ id: number }>`SELECT id FROM household_project WHERE household_id = ${householdId}`.execute(t.database.db);
    const trail = await trailOf(beipiao, householdId);
    expect(trail.length).toBe(rowsBefore + 1);
    const byPath = new Map(trail[0]?.changes.map((c) => [c.path, c]));
    expect(byPath.get('guarantees.clothing')).toMatchObject({ label: '两不愁三保障 · 不愁穿', before: '是', after: '否' });
    expect(byPath.get(`projects.${project.rows[0]?.id}`)).toMatchObject({ label: '帮扶项目', before: null });
    expect(byPath.get(`projects.${project.rows[0]?.id}`)?.after).toContain('2017');
    expect(byPath.get('helperPhone')).toMatchObject({ label: '帮扶责任人电话', before: null, after: maskedPhone(HELPER_PHONE) });
    // The members sent without their other fields are cleared by the save (the form sends what it shows): those count too.
    expect([...byPath.keys()].filter((k) => !k.startsWith('members.')).sort()).toEqual(
      ['guarantees.clothing', `projects.${project.rows[0]?.id}`, 'helperPhone'].sort(),
    );
    expect(JSON.stringify(trail[0])).not.toContain(HELPER_PHONE);
  });

  it('leaves no row anywhere when a save is refused', async () => {
    const before = await counts(t);
    const bad = await beipiao.put(`/api/registry/households/${householdId}`, {
      ...created,
      cause: 'no-such-cause',
      members: [
        { personId: headPid, name: '韩立国', idNumber: '', relation: 'head', gender: 'M' },
        { name: '韩小花', idNumber: `${NEW_ID.slice(0, 17)}${NEW_ID.endsWith('0') ? '1' : '0'}`, relation: 'granddaughter', gender: 'F' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['cause', 'members.1.idNumber']));
    const created2 = await beipiao.post('/api/registry/households', { ...created, householdNo: 'AUD-0002', status: 'nonsense' });
    expect(created2.status).toBe(400);
    expect(await counts(t)).toEqual(before);
  });

  it('lists no form save among the import batches', async () => {
    // A batch a form save kept before saves stopped keeping one, and an upload's, side by side.
    await sql`
      INSERT INTO import_batch (scope_code, actor_name, filename, status, register_year)
      VALUES ('211381', 'beipiao', ${`edit:${householdId}`}, 'committed', 2017), ('211381', 'beipiao', 'form', 'discarded', 2017),
             ('211381', 'beipiao', '北票市花名册.xlsx', 'discarded', 2017)`.execute(t.database.db);
    const list = (await beipiao.get('/api/registry/imports')).body.items.map((b: { filename: string }) => b.filename);
    expect(list).toContain('北票市花名册.xlsx');
    expect(list.filter((f: string) => f === 'form' || f.startsWith('edit:'))).toEqual([]);
  });
});
