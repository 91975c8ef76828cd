import { describe, expect, it } from 'vitest';
import { helperNameKey, sameHelperName } from './names.ts';

describe('helper names', () => {
  it('removes the spaces a register pads two-character names with', () => {
    expect(helperNameKey('张 三')).toBe('张三');
    expect(helperNameKey('  张\u3000三 ')).toBe('张三');
  });
  it('makes the middle dots of minority names one', () => {
    expect(helperNameKey('阿依古丽•买买提')).toBe('阿依古丽·买买提');
    expect(helperNameKey('阿依古丽・买买提')).toBe('阿依古丽·买买提');
    expect(sameHelperName('阿依古丽‧买买提', '阿依古丽·买买提')).toBe(true);
  });
  it('makes full-width letters and digits half-width', () => {
    expect(helperNameKey('王２')).toBe('王2');
  });
  it('keeps different names apart and nothing matches a blank', () => {
    expect(sameHelperName('张三', '张叁')).toBe(false);
    expect(sameHelperName('', '')).toBe(false);
    expect(sameHelperName(null, '张三')).toBe(false);
    expect(helperNameKey('   ')).toBeNull();
  });
});
