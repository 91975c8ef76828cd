// Types of the foundation API (docs/api-foundation.md).
import type { Lang } from '../i18n';

/** Row ids: the server answers numbers; treat them as opaque. */
export type Id = string | number;

export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface Region extends RegionRef {
  levelLabel: string;
  parentCode: string | null;
  isPovertyCounty: boolean;
  childCount: number;
}

export interface RegionWithPath extends Region {
  path: RegionRef[];
}

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  permissions: string[];
  scope: RegionWithPath;
  isDemo: boolean;
  mustChangePassword: boolean;
  language: Lang | string | null;
}

export interface Health {
  version: string;
  database: 'pglite' | 'postgresql';
  migrations: { applied: number; pending: number; latest: string | null };
  status: 'ok' | string;
  demo?: boolean;
}

export interface RegionSummary {
  region: RegionWithPath;
  counts: { city: number; county: number; township: number; village: number };
  povertyCounties: RegionRef[];
}

export type RoleLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'any';

export interface Role {
  id: string;
  label: string;
  level: RoleLevel;
  permissions: string[];
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  scopeCode: string;
  scopeName: string;
  disabled: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditRow {
  id: Id;
  at: string;
  actorId: Id | null;
  actorName: string | null;
  scopeCode: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export const ROLE_LEVEL_NUM: Record<RoleLevel, RegionLevel | null> = {
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  village: 5,
  any: null,
};
