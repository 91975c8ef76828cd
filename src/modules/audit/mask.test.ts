import { describe, expect, it } from 'vitest';
import { logUrl } from '../../server/logging.ts';
import { maskSearch, maskText } from '../pii/mask.ts';
import { maskForAudit } from './service.ts';

// Hand-made values: a valid-looking 18-digit ID, an old 15-digit one, a mobile phone.
const ID = '211381199001011234';
const ID_X = '21138119800315002X';
const ID15 = '211381900101123';
const PHONE = '13912345678';

describe('maskForAudit', () => {
  it('masks ID numbers and phones in any key, also inside text, and drops secrets', () => {
    expect(
      maskForAudit({
        filter: { q: ID, region: '211381', status: 'poor' },
        note: `核对 ${ID_X}，电话 ${PHONE}，旧证 ${ID15}`,
        members: [{ idNumber: ID, phone: PHONE, name: '王芳' }],
        password_hash: 'x',
      }),
    ).toEqual({
      filter: { q: '2113**************', region: '211381', status: 'poor' },
      note: '核对 2113**************，电话 139****5678，旧证 2113***********',
      members: [{ idNumber: '2113**************', phone: '139****5678', name: '王芳' }],
    });
  });

  it('masks a partial ID number of six or more digits typed into a search, but no codes elsewhere', () => {
    expect(maskForAudit({ q: '211381', search: '1990010112 王' })).toEqual({ q: '******', search: '1990****** 王' });
    // Region, village and household numbers, ids and amounts are not ID numbers.
    const codes = {
      region: '211381',
      villageCode: '211381109201',
      householdNo: '2113811092010001',
      entityId: '12345678',
      income: 13912345678,
    };
    expect(maskForAudit(codes)).toEqual(codes);
  });

  it('masks again what rows written before decision 0005 kept: the last four of a masked ID', () => {
    expect(maskForAudit({ members: [{ idNumber: '2113**********1234' }], note: '旧 2107**********961X 与 2113*******0123' })).toEqual({
      members: [{ idNumber: '2113**************' }],
      note: '旧 2107************** 与 2113***********',
    });
  });
});

describe('masking free text and URLs', () => {
  it('leaves text without ID numbers or phones as it is', () => {
    const text = '{"level":30,"time":1764614400000,"reqId":"req-1","url":"/api/registry/households/123456?region=211381109201"}';
    expect(maskText(text)).toBe(text);
  });

  it('masks an ID number or phone wherever it stands in a log line', () => {
    expect(maskText(`{"msg":"value ${ID} is bad","err":"Key (x)=(${PHONE})"}`)).toBe(
      '{"msg":"value 2113************** is bad","err":"Key (x)=(139****5678)"}',
    );
    expect(maskText(`+86 ${PHONE}`)).toBe('139****5678');
  });

  it('masks digit runs of a search box', () => {
    expect(maskSearch('张 211381')).toBe('张 ******');
    expect(maskSearch('张三')).toBe('张三');
  });

  it('logs URLs without the search text', () => {
    expect(logUrl(`/api/registry/households?region=211381&q=${ID}&limit=50`)).toBe('/api/registry/households?region=211381&q=***&limit=50');
    expect(logUrl('/api/registry/households/export?q=%E5%BC%A0')).toBe('/api/registry/households/export?q=***');
  });
});
