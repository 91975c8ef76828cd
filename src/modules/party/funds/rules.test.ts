import { describe, expect, it } from 'vitest';
import { VillageIndex } from '../../registry/import/villages.ts';
import { validateFundRow } from './import/validate.ts';
import { fenToYuan, percentOf, yuanToFen } from './money.ts';
import { coveredFen, isHollow, isLatePay, yearOk } from './rules.ts';

describe('money in fen', () => {
  it('reads yuan as written without a float', () => {
    expect(yuanToFen('112000')).toBe(11_200_000);
    expect(yuanToFen('1,200.5')).toBe(120_050);
    expect(yuanToFen('￥3 000.05元')).toBe(300_005);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(1200.5)).toBe(120_050);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen(1.005)).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen('100000001')).toBeNull();
  });
  it('sums exactly and writes back what it read', () => {
    const parts = Array.from({ length: 1000 }, () => yuanToFen('0.10') as number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(fenToYuan(11_200_000)).toBe('112000.00');
    expect(fenToYuan(120_050)).toBe('1200.50');
    expect(fenToYuan(5)).toBe('0.05');
    expect(yuanToFen(fenToYuan(987_654_321))).toBe(987_654_321);
  });
  it('percent over nothing is null', () => {
    expect(percentOf(1, 0)).toBeNull();
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(13_200_000, 13_200_000)).toBe(100);
  });
});

describe('the standards and the rules', () => {
  const std = { operation: 11_200_000, partyBuilding: 2_000_000 };
  it('each purpose counts up to its own standard', () => {
    expect(coveredFen({ operation: 11_200_000, partyBuilding: 2_000_000 }, std)).toBe(13_200_000);
    expect(coveredFen({ operation: 20_000_000, partyBuilding: 0 }, std)).toBe(11_200_000);
    expect(coveredFen({ operation: 5_600_000, partyBuilding: 2_500_000 }, std)).toBe(7_600_000);
  });
  it('late pay: unpaid past the due date, or paid after it; on the due date is on time', () => {
    expect(isLatePay({ dueOn: '2026-03-10', paidOn: null }, '2026-03-10')).toBe(false);
    expect(isLatePay({ dueOn: '2026-03-10', paidOn: null }, '2026-03-11')).toBe(true);
    expect(isLatePay({ dueOn: '2026-03-10', paidOn: '2026-03-10' }, '2026-06-01')).toBe(false);
    expect(isLatePay({ dueOn: '2026-03-10', paidOn: '2026-03-11' }, '2026-06-01')).toBe(true);
  });
  it('a hollow village has no collective income, or zero', () => {
    expect(isHollow(null)).toBe(true);
    expect(isHollow(undefined)).toBe(true);
    expect(isHollow(0)).toBe(true);
    expect(isHollow(1)).toBe(false);
  });
  it('years from 2000 to next year', () => {
    expect(yearOk(1999, 2026)).toBe(false);
    expect(yearOk(2027, 2026)).toBe(true);
    expect(yearOk(2028, 2026)).toBe(false);
  });
});

describe('a funds row on its own', () => {
  const villages = new VillageIndex('211381', [{ code: '211381109201', name: '海丰村', townshipName: '东官营镇', countyName: '北票市' }]);
  const ctx = { villages, today: '2026-06-01' };
  it('places the village, reads the amount in fen and the purpose', () => {
    const r = validateFundRow(
      2,
      { village: '海丰村', paid_on: '2026-03-01', amount: '56,000', purpose: '运转经费', source: '县财政' },
      ctx,
    );
    expect(r).toMatchObject({
      village_code: '211381109201',
      county_code: '211381',
      amount_fen: 5_600_000,
      purpose: 'operation',
      paid_on: '2026-03-01',
      problems: null,
    });
  });
  it('collects every problem of a row', () => {
    const r = validateFundRow(3, { village_code: '210727100201', paid_on: '2026-07-01', amount: '-5', purpose: '修路' }, ctx);
    const codes = (JSON.parse(r.problems ?? '[]') as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(['VILLAGE_OUT_OF_SCOPE', 'FUTURE_DATE', 'BAD_AMOUNT', 'PURPOSE_UNKNOWN']);
  });
});
