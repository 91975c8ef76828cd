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

type Id = Generated<number>;

export interface PersonIdentityTable {
  id_hash: string;
  county_code: string;
  person_id: number;
}

export interface PersonTable {
  county_code: string;
  id: Id;
  id_hash: string;
  id_cipher: string;
  id_masked: string;
  name: string;
  name_initials: Generated<string>;
  gender: string;
  birth_date: string;
  ethnicity: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PoorVillageTable {
  county_code: string;
  village_code: string;
  year_listed: number;
  rural_population: number;
  exit_year: number | null;
  planned_exit_year: number | null;
  updated_at: GeneratedTimestamp;
}

export interface HouseholdTable {
  county_code: string;
  id: Id;
  household_no: string;
  village_code: string;
  head_person_id: number | null;
  category: string;
  cause: string;
  year_identified: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  status: string;
  member_count: Generated<number>;
  guarantee_food: Generated<boolean>;
  guarantee_clothing: Generated<boolean>;
  guarantee_education: Generated<boolean>;
  guarantee_medical: Generated<boolean>;
  guarantee_housing: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface HouseholdMemberTable {
  county_code: string;
  person_id: number;
  household_id: number;
  relation: string;
  education: string | null;
  schooling: string | null;
  health: string | null;
  labour: string | null;
  work: string | null;
  medical_insurance: boolean | null;
}

export interface HouseholdIncomeTable {
  county_code: string;
  household_id: number;
  year: number;
  per_capita: number;
}

export interface HouseholdStatusHistoryTable {
  county_code: string;
  id: Id;
  household_id: number;
  status: string;
  previous_status: string | null;
  changed_on: string;
  reason: string | null;
}

export interface HelpPairingTable {
  county_code: string;
  id: Id;
  household_id: number;
  helper_name: string;
  helper_phone_cipher: string | null;
  helper_phone_masked: string | null;
  start_date: string;
  end_date: string | null;
}

export interface HouseholdProjectTable {
  county_code: string;
  id: Id;
  household_id: number;
  type: string;
  year: number;
  amount: number;
  state: string;
}

export interface ImportBatchTable {
  id: Id;
  scope_code: string;
  actor_id: number | null;
  actor_name: string;
  filename: string;
  stored_file: string | null;
  status: string;
  register_year: number;
  header_row: number | null;
  total_rows: Generated<number>;
  summary: Json | null;
  audit_watermark: number | null;
  created_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

export interface ImportRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  household_no: string | null;
  name: string | null;
  name_initials: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  gender: string | null;
  birth_date: string | null;
  ethnicity: string | null;
  relation: string | null;
  education: string | null;
  schooling: string | null;
  health: string | null;
  labour: string | null;
  work: string | null;
  medical_insurance: boolean | null;
  category: string | null;
  cause: string | null;
  year_identified: number | null;
  planned_exit_year: number | null;
  exit_year: number | null;
  status: string | null;
  income: number | null;
  helper_name: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  problems: Json | null;
}

export interface ImportHouseholdTable {
  batch_id: number;
  county_code: string;
  household_no: string;
  outcome: string;
  household_id: number | null;
  before: Json | null;
}

export interface VillagePopulationTable {
  county_code: string;
  village_code: string;
  rural_population: number;
  year: number;
}

export interface IndicatorRollupTable {
  region_code: string;
  measure: string;
  value: number;
}

export interface IndicatorMonthlyTable {
  month: string;
  region_code: string;
  measure: string;
  value: number;
}

export interface AlertAckTable {
  county_code: string;
  rule: string;
  item_key: string;
  region_code: string;
  acked_by: number | null;
  acked_by_name: string;
  acked_at: GeneratedTimestamp;
  note: string | null;
}

export interface DB {
  village_population: VillagePopulationTable;
  indicator_rollup: IndicatorRollupTable;
  rollup_dirty: { village_code: string };
  indicator_month: { month: string; computed_at: GeneratedTimestamp };
  indicator_monthly: IndicatorMonthlyTable;
  alert_ack: AlertAckTable;
  import_household: ImportHouseholdTable;
  person_identity: PersonIdentityTable;
  person: PersonTable;
  poor_village: PoorVillageTable;
  household: HouseholdTable;
  household_member: HouseholdMemberTable;
  household_income: HouseholdIncomeTable;
  household_status_history: HouseholdStatusHistoryTable;
  help_pairing: HelpPairingTable;
  household_project: HouseholdProjectTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
  region: RegionTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
}

export type Db = Kysely<DB>;
/** Anything that can run a query: the database or a transaction. Pass it down; never reach for a global. */
export type Tx = Kysely<DB> | Transaction<DB>;
