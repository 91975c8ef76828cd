import { describe, expect, it } from 'vitest';
import { MEMBERS, ORGS, resolveKind, resolveStanding, resolveYes } from './columns.ts';

describe('the party spreadsheets', () => {
  it('recognise the Chinese headers and their usual variants', () => {
    expect(
      ['村代码', '行政村', '组织名称', '组织类型', '成立日期', '书记姓名', '书记证件号码', '是否一肩挑', '书记任职日期'].map((h) =>
        ORGS.match(h),
      ),
    ).toEqual([
      'village_code',
      'village',
      'org_name',
      'kind',
      'established_on',
      'secretary_name',
      'secretary_id',
      'one_shoulder',
      'secretary_since',
    ]);
    expect(
      ['姓名', '证件号码', '性别', '村代码', '入党日期', '党员类别', '岗位', '职责', '是否致富带头人', '致富产业', '联系电话'].map((h) =>
        MEMBERS.match(h),
      ),
    ).toEqual([
      'name',
      'id_number',
      'gender',
      'village_code',
      'joined_on',
      'standing',
      'post',
      'duty',
      'wealth_leader',
      'wealth_industry',
      'phone',
    ]);
    expect(MEMBERS.match('身份证号')).toBe('id_number');
    expect(ORGS.match('党组织名称')).toBe('org_name');
  });

  it('read the values as clerks write them', () => {
    expect(['党支部', '支部', '党总支', '总支', '党委', '大队'].map(resolveKind)).toEqual([
      'branch',
      'branch',
      'general_branch',
      'general_branch',
      'committee',
      null,
    ]);
    expect(['正式党员', '预备', ' 预备党员 ', '群众'].map(resolveStanding)).toEqual(['full', 'probationary', 'probationary', null]);
    expect(['是', '否', '√', true, '也许'].map(resolveYes)).toEqual([true, false, true, true, null]);
  });
});
