import { describe, expect, it } from 'vitest';
import { VillageIndex } from '../../../registry/import/villages.ts';
import { DEFAULT_CAUSES } from '../causes.ts';
import { LEDGER } from '../interchange.ts';
import { validateLedgerRow } from './validate.ts';
import { readCauses, readProgress, readState } from './words.ts';

const V = '211381109201';
const ctx = (scope = '211381', role: { scope: string; permissions: string[] } = { scope: '211381', permissions: ['data.write'] }) => ({
  villages: new VillageIndex(scope, [{ code: V, name: '海丰村民委员会', townshipName: '东官营镇', countyName: '北票市' }]),
  today: '2026-06-30',
  causesOf: () => DEFAULT_CAUSES,
  followUpDays: () => 180,
  actor: { role: 'x', ...role } as never,
});
const plan = { plan: '调整班子', county_leader: '王县长', township_member: '李委员', deadline: '2026-12-31' };
const codes = (r: ReturnType<typeof validateLedgerRow>) => (JSON.parse(r.problems ?? '[]') as { code: string }[]).map((p) => p.code);

describe('the ledger spreadsheet', () => {
  it("has no header spelling that names two columns, and recognises the counties' headers", () => {
    expect(LEDGER.conflicts).toEqual([]);
    expect(
      ['软弱涣散类型', '整顿措施（一村一策）', '整改时限', '状态', '销号时间', '县（市、区）', '乡镇'].map((h) => LEDGER.match(h)),
    ).toEqual(['causes', 'plan', 'deadline', 'state', 'closed_on', 'county', 'township']);
  });

  it('reads causes in either language, by code, split on ；、 even where a cause contains 、', () => {
    expect(readCauses('宗族、宗教、黑恶势力干扰渗透、班子不团结、内耗严重；No activity venue,formality', DEFAULT_CAUSES)).toEqual({
      codes: ['interference', 'divided', 'no_venue', 'formality'],
      unknown: [],
    });
    expect(readCauses('无活动场所、村干部年龄偏大', DEFAULT_CAUSES)).toEqual({ codes: ['no_venue'], unknown: ['村干部年龄偏大'] });
  });

  it('reads states by their ledger words and progress as dated lines', () => {
    expect(['已认定', '已排查认定', '已定措施', '整改中', '已销号', '已巩固', 'Closed', 'nonsense'].map(readState)).toEqual([
      'identified',
      'identified',
      'planned',
      'rectifying',
      'closed',
      'consolidated',
      'closed',
      null,
    ]);
    expect(readProgress('2026-03-05 召开党员大会\n2026年4月1日：新建活动室；2026.5.2 验收\n已完成')).toEqual({
      entries: [
        { date: '2026-03-05', content: '召开党员大会' },
        { date: '2026-04-01', content: '新建活动室' },
        { date: '2026-05-02', content: '验收' },
      ],
      undated: ['已完成'],
    });
  });

  it('dates the steps by the file: open by 认定日期, plan and start by the first progress entry, else the import day', () => {
    const r = validateLedgerRow(
      2,
      {
        village_code: V,
        year: 2026,
        causes: '无活动场所',
        ...plan,
        progress: '2026-03-05 召开党员大会',
        state: '整顿中',
        identified_on: '2026-02-01',
      },
      ctx(),
    );
    expect(r.problems).toBeNull();
    expect([r.opened_on, r.planned_on, r.causes, r.state]).toEqual(['2026-02-01', '2026-03-05', 'no_venue', 'rectifying']);
    const bare = validateLedgerRow(3, { village_code: V, year: 2026, causes: '无活动场所', ...plan, state: '已定措施' }, ctx());
    expect([bare.opened_on, bare.planned_on]).toEqual(['2026-06-30', '2026-06-30']);
  });

  it('refuses what the state cannot have: missing measures, a 销号 without its date, 巩固 too soon, a level too low', () => {
    expect(codes(validateLedgerRow(2, { village_code: V, year: 2026, causes: '无活动场所', state: '整顿中' }, ctx()))).toEqual([
      'PARTY_LEDGER_NEEDS',
      'PARTY_LEDGER_NEEDS',
      'PARTY_LEDGER_NEEDS',
      'PARTY_LEDGER_NEEDS',
    ]);
    expect(codes(validateLedgerRow(2, { village_code: V, year: 2026, causes: '无活动场所', ...plan, state: '已销号' }, ctx()))).toEqual([
      'PARTY_LEDGER_NEEDS',
    ]);
    const soon = {
      village_code: V,
      year: 2025,
      causes: '无活动场所',
      ...plan,
      state: '已巩固',
      closed_on: '2026-03-01',
      consolidated_on: '2026-06-01',
    };
    expect(codes(validateLedgerRow(2, soon, ctx()))).toEqual(['PARTY_LEDGER_FOLLOW_UP']);
    // A township's 已销号 is judged against the case on file (the database check), not per row: a re-import of the
    // county's file leaves closed cases unchanged (tests/integration/party-ledger-reimport.test.ts).
    const closed = { village_code: V, year: 2025, causes: '无活动场所', ...plan, state: '已销号', closed_on: '2026-03-01' };
    expect(codes(validateLedgerRow(2, { ...closed, closed_on: '2027-01-01' }, ctx()))).toEqual(['FUTURE_DATE', 'PARTY_LEDGER_NEEDS']);
  });

  it('places a village outside the scope as out of scope whether or not it exists', () => {
    const a = validateLedgerRow(2, { village_code: '210727100201', year: 2026, causes: '无活动场所' }, ctx());
    const b = validateLedgerRow(2, { village_code: '210727999999', year: 2026, causes: '无活动场所' }, ctx());
    expect([codes(a), codes(b)]).toEqual([['VILLAGE_OUT_OF_SCOPE'], ['VILLAGE_OUT_OF_SCOPE']]);
  });
});
