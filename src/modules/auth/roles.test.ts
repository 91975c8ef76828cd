import { describe, expect, it } from 'vitest';
import { canGrant, hasPermission, roleById, roleFitsScope } from './roles.ts';

describe('roles', () => {
  it('lets a granter give only roles with a subset of its permissions, at or below its level', () => {
    expect(canGrant('province_admin', 'city_operator')).toBe(true);
    expect(canGrant('county_operator', 'county_operator')).toBe(true);
    expect(canGrant('county_operator', 'village_user')).toBe(true);
    expect(canGrant('county_operator', 'leader')).toBe(true);
    expect(canGrant('county_operator', 'city_operator')).toBe(false);
    expect(canGrant('county_operator', 'province_admin')).toBe(false);
    // A township operator cannot unmask ID numbers, so it cannot make anyone who can.
    expect(canGrant('township_operator', 'county_operator')).toBe(false);
    expect(canGrant('leader', 'village_user')).toBe(false);
    expect(canGrant('village_user', 'leader')).toBe(true);
    expect(canGrant('nobody', 'leader')).toBe(false);
  });

  it('fits roles to scope levels by code length', () => {
    const county = roleById('county_operator');
    const leader = roleById('leader');
    if (!county || !leader) throw new Error('roles missing');
    expect(roleFitsScope(county, '211381')).toBe(true);
    expect(roleFitsScope(county, '2113')).toBe(false);
    expect(roleFitsScope(leader, '2113')).toBe(true);
  });

  it('keeps leaders read-only', () => {
    expect(hasPermission('leader', 'data.read')).toBe(true);
    expect(hasPermission('leader', 'data.write')).toBe(false);
    expect(hasPermission('leader', 'users.manage')).toBe(false);
  });
});
