/** security.read: the security-events view (lockouts, scope conflicts, unmasking, failed CSRF), province only. */
export type Permission = 'data.read' | 'data.write' | 'users.manage' | 'audit.read' | 'pii.unmask' | 'security.read';
export type RoleLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'any';

export interface RoleDef {
  id: string;
  label: { 'zh-CN': string; en: string };
  level: RoleLevel;
  permissions: readonly Permission[];
}

const OPERATOR: readonly Permission[] = ['data.read', 'data.write', 'users.manage', 'audit.read', 'pii.unmask'];

export const ROLES: readonly RoleDef[] = [
  {
    id: 'province_admin',
    label: { 'zh-CN': '省级管理员', en: 'Province administrator' },
    level: 'province',
    permissions: [...OPERATOR, 'security.read'],
  },
  { id: 'city_operator', label: { 'zh-CN': '市级操作员', en: 'City operator' }, level: 'city', permissions: OPERATOR },
  { id: 'county_operator', label: { 'zh-CN': '县级操作员', en: 'County operator' }, level: 'county', permissions: OPERATOR },
  {
    id: 'township_operator',
    label: { 'zh-CN': '乡镇操作员', en: 'Township operator' },
    level: 'township',
    permissions: ['data.read', 'data.write', 'users.manage', 'audit.read'],
  },
  {
    id: 'village_user',
    label: { 'zh-CN': '村级用户（第一书记/村书记）', en: 'Village user (first/village secretary)' },
    level: 'village',
    permissions: ['data.read', 'data.write'],
  },
  {
    id: 'resident_cadre',
    label: { 'zh-CN': '驻村干部', en: 'Resident cadre' },
    level: 'village',
    permissions: ['data.read', 'data.write'],
  },
  { id: 'unit_user', label: { 'zh-CN': '派出单位用户', en: 'Dispatching-unit user' }, level: 'any', permissions: ['data.read'] },
  { id: 'leader', label: { 'zh-CN': '领导（只读）', en: 'Leader (read-only)' }, level: 'any', permissions: ['data.read'] },
];

export const LEVEL_BY_CODE_LENGTH: Record<number, RoleLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village' };
const LEVEL_RANK: Record<RoleLevel, number> = { province: 1, city: 2, county: 3, township: 4, village: 5, any: 9 };

export function roleById(id: string): RoleDef | undefined {
  return ROLES.find((r) => r.id === id);
}

export function hasPermission(roleId: string, p: Permission): boolean {
  return roleById(roleId)?.permissions.includes(p) ?? false;
}

/** A granter may give a role whose permissions are a subset of its own. */
export function canGrant(granterRole: string, role: string): boolean {
  const g = roleById(granterRole);
  const r = roleById(role);
  if (!g || !r) return false;
  if (!r.permissions.every((p) => g.permissions.includes(p))) return false;
  // Same permissions at a higher level would be more power: an operator grants only at or below its own level.
  return r.level === 'any' || g.level === 'any' || LEVEL_RANK[r.level] >= LEVEL_RANK[g.level];
}

/** Whether a region of this code length is a valid scope for the role. */
export function roleFitsScope(role: RoleDef, scopeCode: string): boolean {
  return role.level === 'any' || LEVEL_BY_CODE_LENGTH[scopeCode.length] === role.level;
}
