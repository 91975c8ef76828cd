import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/modules/audit/service.ts';
import { commit, type InputRow, problems, stage } from '../../src/modules/registry/import/service.ts';
import { TEST_KEYS } from '../support/app.ts';
import { engines, openSeeded } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

const actor: Actor = { id: null, username: 'tester' };

/** A household of 海丰村 (北票市 东官营镇), written as a clerk writes it. */
function household(no: string, seq: number, overrides: Partial<Record<string, unknown>> = {}): InputRow['cells'][] {
  const base = {
    county: '北票市',
    township: '东官营镇',
    village: '海丰村',
    household_no: no,
    category: '一般贫困户',
    poverty_cause: '因病',
    year_identified: 2015,
    planned_exit_year: 2018,
    household_status: '未脱贫',
    income_per_capita: '2,800',
    helper: '李明',
    ...overrides,
  };
  return [
    {
      ...base,
      name: '王大山',
      id_number: makeId('211381', '1960-03-01', seq, true),
      relation: '户主',
      gender: '男',
      ethnicity: '汉族',
      phone: '13912345678',
    },
    { ...base, name: '刘桂兰', id_number: makeId('211381', '1962-07-15', seq + 2, false), relation: '配偶', gender: '女', ethnicity: '汉' },
  ] as InputRow['cells'][];
}

const rowsOf = (cells: InputRow['cells'][]): InputRow[] => cells.map((c, i) => ({ rowNumber: i + 2, cells: c }));
const count = async (d: Database, table: string) =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(d.db)).rows[0]?.n);

describe.each(engines())('registry import on %s', (engine) => {
  let d: Database;
  beforeAll(async () => {
    d = await openSeeded(engine);
  });
  afterAll(() => d.close());

  it('a source that fails half-way (a file cut off) fails the batch and leaves no staged row behind', async () => {
    async function* cutOff() {
      for (let i = 0; i < 1300; i++)
        yield rowsOf(household(`CUT${i}`, 1000 + i * 4)).map((r) => ({ ...r, rowNumber: i * 2 + r.rowNumber }));
      throw new Error('file cut off');
    }
    const before = await count(d, 'household');
    const batches = await count(d, 'import_batch');
    await expect(stage(d.db, TEST_KEYS, { scopeCode: '211381', actor, filename: 'cut.csv' }, cutOff())).rejects.toThrow('file cut off');
    const batch = (await sql<{ id: number; status: string }>`SELECT id, status FROM import_batch ORDER BY id DESC LIMIT 1`.execute(d.db))
      .rows[0];
    expect(await count(d, 'import_batch')).toBe(batches + 1);
    expect(batch?.status).toBe('failed');
    const staged = await sql<{ n: number }>`SELECT count(*) AS n FROM import_row WHERE batch_id = ${batch?.id}`.execute(d.db);
    expect(Number(staged.rows[0]?.n)).toBe(0);
    expect(await count(d, 'household')).toBe(before);
  });

  it('previews without writing, then commits valid households and rejects a whole household for one bad row', async () => {
    const bad = household('H002', 20);
    (bad[1] as Record<string, unknown>).id_number = 2.11381196207152e17; // Excel turned it into a number
    const file = [...household('H001', 10), ...bad];
    const before = await count(d, 'household');
    const { batchId, counts } = await stage(d.db, TEST_KEYS, { scopeCode: '211381', actor, filename: 't.xlsx' }, rowsOf(file));
    expect(await count(d, 'household')).toBe(before);
    expect(counts.households).toEqual({ new: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(counts.persons).toEqual({ new: 2, updated: 0, unchanged: 0, rejected: 2 });
    const list = await problems(d.db, batchId, 'zh-CN');
    expect(list.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, null, 'HOUSEHOLD_REJECTED'],
      [5, 'id_number', 'ID_EXCEL_NUMBER'],
    ]);
    expect(list[1]?.message).toMatch(/Excel/);

    await commit(d.db, batchId, actor);
    const h = await sql<{ household_no: string; member_count: number; village_code: string; status: string }>`
      SELECT household_no, member_count, village_code, status FROM household ORDER BY household_no`.execute(d.db);
    expect(h.rows).toEqual([{ household_no: 'H001', member_count: 2, village_code: '211381109201', status: 'poor' }]);
    const inc = await sql<{ per_capita: number; year: number }>`SELECT per_capita, year FROM household_income`.execute(d.db);
    // The register year follows the clock.
    expect(inc.rows).toEqual([{ per_capita: 2800, year: new Date().getUTCFullYear() }]);
    const p = await sql<{ id_cipher: string; id_masked: string; gender: string; birth_date: string }>`
      SELECT id_cipher, id_masked, gender, birth_date FROM person ORDER BY birth_date`.execute(d.db);
    expect(p.rows[0]).toMatchObject({ gender: 'M', birth_date: '1960-03-01', id_masked: '2113**************' });
    expect(p.rows[0]?.id_cipher).not.toContain('211381');
    expect(await count(d, 'person_identity')).toBe(2);
    const audit = await sql<{ action: string; after: { members: { idNumber: string }[] } }>`
      SELECT action, after FROM audit_log WHERE entity = 'household'`.execute(d.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.action).toBe('import_create');
    expect(JSON.stringify(audit.rows[0]?.after)).not.toMatch(/211381196/);
  });

  it('changes nothing when the same file comes again, and updates in place when it is corrected', async () => {
    const auditBefore = await count(d, 'audit_log');
    const again = await stage(d.db, TEST_KEYS, { scopeCode: '211381', actor, filename: 't.xlsx' }, rowsOf(household('H001', 10)));
    expect(again.counts.households).toEqual({ new: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(again.counts.persons.unchanged).toBe(2);
    await commit(d.db, again.batchId, actor);
    expect(await count(d, 'audit_log')).toBe(auditBefore);

    const corrected = household('H001', 10, { household_status: '已脱贫', exit_year: '2017年', income_per_capita: 4200, helper: '张华' });
    const fixed = await stage(d.db, TEST_KEYS, { scopeCode: '211381', actor, filename: 't2.xlsx' }, rowsOf(corrected));
    expect(fixed.counts.households.updated).toBe(1);
    await commit(d.db, fixed.batchId, actor);
    const h = await sql<{ status: string; exit_year: number; n: number }>`
      SELECT status, exit_year, (SELECT count(*) FROM household) AS n FROM household WHERE household_no = 'H001'`.execute(d.db);
    expect(h.rows[0]).toEqual({ status: 'exited', exit_year: 2017, n: 1 });
    const hist = await sql<{ status: string; previous_status: string | null }>`
      SELECT status, previous_status FROM household_status_history ORDER BY id`.execute(d.db);
    expect(hist.rows).toEqual([
      { status: 'poor', previous_status: null },
      { status: 'exited', previous_status: 'poor' },
    ]);
    const pairs = await sql<{ helper_name: string; ended: boolean }>`
      SELECT helper_name, end_date IS NOT NULL AS ended FROM help_pairing ORDER BY id`.execute(d.db);
    expect(pairs.rows).toEqual([
      { helper_name: '李明', ended: true },
      { helper_name: '张华', ended: false },
    ]);
    // The household's import_update, and 张华, a helper the county did not have, created by the import.
    expect(await count(d, 'audit_log')).toBe(auditBefore + 2);
    const made = await sql<{ entity: string; action: string }>`
      SELECT entity, action FROM audit_log ORDER BY id DESC LIMIT 2`.execute(d.db);
    expect(made.rows.map((r) => `${r.entity}:${r.action}`).sort()).toEqual(['helper:import_create', 'household:import_update']);
  });

  it('rejects a person who is already in another household, a second head, and disagreeing household rows', async () => {
    const thief = household('H009', 30);
    (thief[1] as Record<string, unknown>).id_number = makeId('211381', '1962-07-15', 12, false); // 刘桂兰 of H001
    const twoHeads = household('H010', 40);
    (twoHeads[1] as Record<string, unknown>).relation = '户主';
    const split = household('H011', 50);
    (split[1] as Record<string, unknown>).poverty_cause = '因残';
    const { counts, batchId } = await stage(
      d.db,
      TEST_KEYS,
      { scopeCode: '211381', actor, filename: 'x.csv' },
      rowsOf([...thief, ...twoHeads, ...split]),
    );
    expect(counts.households).toEqual({ new: 0, updated: 0, unchanged: 0, rejected: 3 });
    const codes = (await problems(d.db, batchId, 'en')).map((p) => `${p.row}:${p.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '3:PERSON_IN_OTHER_HOUSEHOLD',
        '4:HEAD_COUNT',
        '5:HEAD_COUNT',
        '6:HOUSEHOLD_INCONSISTENT',
        '7:HOUSEHOLD_INCONSISTENT',
      ]),
    );
  });

  it('resolves villages by name with the township deciding, and refuses villages outside the scope', async () => {
    const noTownship = household('H020', 60, { township: '' });
    const otherCounty = household('H021', 70, { county: '朝阳县', township: '', village: '', village_code: '211321100201' });
    const { batchId } = await stage(
      d.db,
      TEST_KEYS,
      { scopeCode: '211381', actor, filename: 'x.csv' },
      rowsOf([...noTownship, ...otherCounty]),
    );
    const list = await problems(d.db, batchId, 'zh-CN');
    const amb = list.find((p) => p.code === 'VILLAGE_AMBIGUOUS');
    expect(amb?.message).toContain('211381109201');
    expect(amb?.message).toContain('211381228205');
    expect(list.some((p) => p.code === 'VILLAGE_OUT_OF_SCOPE')).toBe(true);
  });
});
