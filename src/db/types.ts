import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Column types as both engines return them (see connection.ts for the parsers). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  is_poverty_county: Generated<boolean>;
  source: Generated<string>;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_code: string;
  is_demo: Generated<boolean>;
  must_change_password: Generated<boolean>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  language: Generated<string>;
  created_at: GeneratedTimestamp;
  created_by: number | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor_id: number | null;
  actor_name: string;
  scope_code: string;
  entity: string;
  entity_id: string;
  action: string;
  before: Json | null;
  after: Json | null;
  ip: string | null;
}

export interface SettingTable {
  key: string;
  scope_code: string;
  year: number;
  value: Json;
  updated_at: GeneratedTimestamp;
}

export interface DB {
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
}

export type Db = Kysely<DB>;
/** Anything that can run a query: the database or a transaction. Pass it down; never reach for a global. */
export type Tx = Kysely<DB> | Transaction<DB>;
