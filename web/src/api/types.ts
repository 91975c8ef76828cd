// The foundation API's shapes (regions, users, audit), as the server's OpenAPI document gives them (see schema.ts).
import type { Ok, Paged, QueryOf, Schemas } from './schema';

/** Row ids: the server answers numbers, the web also takes them from URLs; treat them as opaque. */
export type Id = string | number;

export type RegionRef = Schemas['RegionRef'];
/** 1 province, 2 city, 3 county, 4 township, 5 village. */
export type RegionLevel = RegionRef['level'];
export type Region = Schemas['Region'];
export type RegionWithPath = Schemas['RegionWithPath'];
export type RegionSummary = Schemas['RegionSummary'];
export type Me = Schemas['Me'];
export type Health = Schemas['Health'];
export type Role = Schemas['Role'];
export type RoleLevel = Role['level'];
export type User = Schemas['User'];
export type AuditRow = Schemas['AuditRow'];
export type AuditChange = AuditRow['changes'][number];
export type UserQuery = Paged<QueryOf<'/api/users'>>;
export type AuditQuery = Paged<QueryOf<'/api/audit'>>;
export type UserPage = Ok<'/api/users'>;
export type AuditPage = Ok<'/api/audit'>;

export const ROLE_LEVEL_NUM: Record<RoleLevel, RegionLevel | null> = {
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  village: 5,
  any: null,
};
