// Kysely types of the tables, generated from the migrated schema (src/db/schema/types-file.ts). Do not edit:
// change a migration, then run `npm run sql:sync`; the schema test fails when this file and the migrations differ.
import type { ColumnType, Generated, GeneratedAlways, Kysely, Transaction } from 'kysely';

/** Column types as both engines return them (see connection.ts for the parsers). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

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

export interface AppUserTable {
  id: GeneratedAlways<number>;
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
  posting_county: string | null;
  posting_id: number | null;
}

export interface AuditLogTable {
  id: GeneratedAlways<number>;
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
  /** Set by the audit_log_chain trigger (migration 0007): place in the hash chain. */
  chain_seq: Generated<number>;
  /** Set by the audit_log_chain trigger (migration 0007): the chained hash. */
  hash: Generated<Uint8Array>;
}

export interface BulkLoadIndexTable {
  name: string;
  definition: string;
  dropped_at: GeneratedTimestamp;
}

export interface CadreTable {
  county_code: string;
  id: Generated<number>;
  person_id: number;
  unit_id: number;
  post: string;
  rank: string | null;
  party_member: boolean;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CadreAbsenceTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  day: string;
  source: string;
  source_id: number | null;
  excused: Generated<boolean>;
  note: string | null;
  created_at: GeneratedTimestamp;
}

export interface CadreAttendanceDirtyTable {
  county_code: string;
  month: string;
  marked_at: GeneratedTimestamp;
}

export interface CadreAttendanceMonthTable {
  county_code: string;
  posting_id: number;
  month: string;
  village_code: string;
  days_in_post: number;
  days_in_village: number;
  nights: number;
  official_days: number;
  leave_days: number;
  required_days: number;
  compliant: boolean;
  checkins: number;
  computed_at: GeneratedTimestamp;
  open_flags: Generated<string[]>;
  open_absences: Generated<number>;
}

export interface CadreCheckinTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  client_id: string;
  device_id: number | null;
  device_time: Timestamp;
  received_at: GeneratedTimestamp;
  lat: number;
  lon: number;
  accuracy_m: number;
  signature: string | null;
  source: Generated<string>;
  flags: Generated<string[]>;
  foreign_device: string | null;
}

export interface CadreDeviceTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  user_id: number;
  public_key: Json;
  key_thumbprint: string;
  registered_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
  revoke_reason: string | null;
  revoked_by_name: string | null;
}

export interface CadreFlagTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  month: string;
  village_code: string;
  code: string;
  subject: Generated<string>;
  reason_zh: string;
  reason_en: string;
  evidence: Json;
  state: Generated<string>;
  version: Generated<number>;
  opened_at: GeneratedTimestamp;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  note: string | null;
  absence_id: number | null;
  outcome: string | null;
}

export interface CadreLeaveTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  kind: string;
  start_date: string;
  end_date: string;
  reason: string;
  created_at: GeneratedTimestamp;
}

export interface CadreLogPhotoTable {
  county_code: string;
  log_id: number;
  seq: number;
  sha256: string;
  mime: string;
  bytes: number;
  exif_time: Timestamp | null;
  exif_lat: number | null;
  exif_lon: number | null;
}

export interface CadrePostingTable {
  county_code: string;
  id: Generated<number>;
  cadre_id: number;
  village_code: string;
  role: string;
  unit_id: number;
  start_date: string;
  planned_end_date: string;
  confirmed_on: string | null;
  end_date: string | null;
  end_kind: string | null;
  end_reason_code: string | null;
  end_reason: string | null;
  replaces_id: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CadreReviewTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  year: number;
  period: string;
  rating: string;
  comment: string | null;
  reviewer_id: number | null;
  reviewer_name: string;
  reviewer_scope: string;
  created_at: GeneratedTimestamp;
}

export interface CadreSpotCheckTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  check_date: string;
  found: boolean;
  note: string | null;
  checker_id: number | null;
  checker_name: string;
  checker_scope: string;
  created_at: GeneratedTimestamp;
}

export interface CadreVisitTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  client_id: string;
  household_id: number;
  visit_date: string;
  note: string;
  log_id: number | null;
  created_by: number;
  created_at: GeneratedTimestamp;
}

export interface CadreWorkLogTable {
  county_code: string;
  id: Generated<number>;
  posting_id: number;
  client_id: string;
  device_id: number;
  log_date: string;
  body: string;
  signature: string;
  received_at: GeneratedTimestamp;
}

export interface ComparisonBatchTable {
  id: GeneratedAlways<number>;
  scope_code: string;
  department: string;
  label: string | null;
  filename: string;
  status: string;
  total_rows: Generated<number>;
  problem_rows: Generated<number>;
  hits: Generated<number>;
  header: Generated<Json>;
  actor_id: number | null;
  actor_name: string;
  created_at: GeneratedTimestamp;
  matched_at: Timestamp | null;
}

export interface ComparisonHitTable {
  county_code: string;
  id: Generated<number>;
  batch_id: number;
  row_number: number;
  department: string;
  household_id: number;
  person_id: number;
  village_code: string;
  record: Json;
  state: Generated<string>;
  action: string | null;
  reason: string | null;
  monitoring_case_id: number | null;
  decided_by: number | null;
  decided_name: string | null;
  decided_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface ComparisonRowTable {
  batch_id: number;
  row_number: number;
  id_hash: string | null;
  id_masked: string | null;
  record: Json;
  problem: string | null;
}

export interface DispatchUnitTable {
  id: Generated<number>;
  name: string;
  level: string;
  region_code: string;
  created_at: GeneratedTimestamp;
}

export interface ExitBatchTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  year: number;
  proposed_on: string;
  note: string | null;
  created_at: GeneratedTimestamp;
}

export interface ExitComplaintTable {
  county_code: string;
  id: Generated<number>;
  reference: string;
  village_code: string;
  kind: string;
  exit_household_id: number | null;
  content: string;
  contact: string | null;
  client_digest: string;
  received_at: GeneratedTimestamp;
  answer: string | null;
  answered_on: string | null;
}

export interface ExitCountyTable {
  county_code: string;
  id: Generated<number>;
  year: number;
  poor_persons: number;
  rural_population: number;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  created_at: GeneratedTimestamp;
}

export interface ExitHouseholdTable {
  county_code: string;
  id: Generated<number>;
  batch_id: number;
  household_id: number;
  village_code: string;
  year: number;
  income_per_capita: number;
  poverty_line: number;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  closed_on: string | null;
  created_at: GeneratedTimestamp;
}

export interface ExitObjectionTable {
  county_code: string;
  id: Generated<number>;
  exit_household_id: number;
  source: string;
  content: string;
  received_on: string;
  complaint_id: number | null;
  outcome: string | null;
  outcome_reason: string | null;
  decided_on: string | null;
  decided_by: string | null;
  recorded_by: string;
  created_at: GeneratedTimestamp;
}

export interface ExitVillageTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  year: number;
  poor_persons: number;
  rural_population: number;
  checklist: Generated<Json>;
  verified: Generated<Json>;
  notice_from: string | null;
  notice_until: string | null;
  announced_on: string | null;
  created_at: GeneratedTimestamp;
}

export interface HelpPairingTable {
  county_code: string;
  id: Generated<number>;
  household_id: number;
  helper_name: string;
  helper_phone_cipher: string | null;
  helper_phone_masked: string | null;
  start_date: string;
  end_date: string | null;
  helper_id: number;
}

export interface HelperTable {
  county_code: string;
  id: Generated<number>;
  person_id: number | null;
  name: string;
  work_unit: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface HouseholdTable {
  county_code: string;
  id: Generated<number>;
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
  version: Generated<number>;
}

export interface HouseholdIncomeTable {
  county_code: string;
  household_id: number;
  year: number;
  per_capita: number;
  wages: number | null;
  business: number | null;
  business_costs: number | null;
  property: number | null;
  transfers: number | null;
  persons: number | null;
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

export interface HouseholdProjectTable {
  county_code: string;
  id: Generated<number>;
  household_id: number;
  type: string;
  year: number;
  amount: Generated<number>;
  state: string;
}

export interface HouseholdStatusHistoryTable {
  county_code: string;
  id: Generated<number>;
  household_id: number;
  status: string;
  previous_status: string | null;
  changed_on: string;
  reason: string | null;
}

export interface ImportBatchTable {
  id: GeneratedAlways<number>;
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
  kind: Generated<string>;
}

export interface ImportHouseholdTable {
  batch_id: number;
  county_code: string;
  household_no: string;
  outcome: string;
  household_id: number | null;
  before: Json | null;
  helper_resolution: string | null;
  helper_id: number | null;
}

export interface ImportPartyFundRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  paid_on: string | null;
  amount_fen: number | null;
  purpose: string | null;
  source: string | null;
  note: string | null;
  outcome: string | null;
  row_problems: Json | null;
  problems: Json | null;
}

export interface ImportPartyLedgerRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  year: number | null;
  causes: string | null;
  problems_text: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary: string | null;
  deadline: string | null;
  progress: Json | null;
  state: string | null;
  identified_on: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  note: string | null;
  opened_on: string | null;
  planned_on: string | null;
  row_problems: Json | null;
  problems: Json | null;
  outcome: string | null;
  changes: Json | null;
}

export interface ImportPartyMemberRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  name: string | null;
  name_initials: string | null;
  name_pinyin: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail_hash: string | null;
  gender: string | null;
  birth_date: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  joined_on: string | null;
  standing: string | null;
  post: string | null;
  duty: string | null;
  wealth_leader: boolean | null;
  wealth_industry: string | null;
  row_problems: Json | null;
  problems: Json | null;
  outcome: string | null;
  person_id: number | null;
  org_id: number | null;
}

export interface ImportPartyOrgRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  org_name: string | null;
  kind: string | null;
  established_on: string | null;
  secretary_name: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail_hash: string | null;
  name_initials: string | null;
  name_pinyin: string | null;
  gender: string | null;
  birth_date: string | null;
  one_shoulder: boolean | null;
  secretary_since: string | null;
  row_problems: Json | null;
  problems: Json | null;
  outcome: string | null;
  person_id: number | null;
}

export interface ImportPostingRowTable {
  batch_id: number;
  row_number: number;
  county_code: string | null;
  village_code: string | null;
  name: string | null;
  name_initials: string | null;
  name_pinyin: string | null;
  id_hash: string | null;
  id_cipher: string | null;
  id_masked: string | null;
  id_tail_hash: string | null;
  gender: string | null;
  birth_date: string | null;
  phone_cipher: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  unit_name: string | null;
  unit_level: string | null;
  post: string | null;
  party_member: boolean | null;
  role: string | null;
  start_date: string | null;
  end_date: string | null;
  row_problems: Json | null;
  problems: Json | null;
  outcome: string | null;
  person_id: number | null;
  posting_id: number | null;
  unit_id: number | null;
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
  name_pinyin: string | null;
  id_tail_hash: string | null;
}

export interface IndicatorMonthTable {
  month: string;
  computed_at: GeneratedTimestamp;
}

export interface IndicatorMonthRevisionTable {
  id: GeneratedAlways<number>;
  month: string;
  revised_at: GeneratedTimestamp;
  source: string;
  dated: string;
  county_code: string | null;
  village_code: string | null;
  household_id: number | null;
}

export interface IndicatorMonthlyTable {
  month: string;
  region_code: string;
  measure: string;
  value: number;
}

export interface IndicatorRollupTable {
  region_code: string;
  measure: string;
  value: number;
}

export interface LoginThrottleTable {
  name_hash: string;
  client: string;
  user_id: number | null;
  failures: number;
  last_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface MonitoringCaseTable {
  county_code: string;
  id: Generated<number>;
  household_id: number;
  village_code: string;
  kind: string;
  source: string;
  source_ref: number | null;
  risk: string;
  income: number | null;
  monitoring_only: Generated<boolean>;
  confirmed_on: string | null;
  decision_due: string | null;
  consent_signed_on: string | null;
  included_on: string | null;
  checklist: Json | null;
  ended_on: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface MonitoringMeasureTable {
  county_code: string;
  id: Generated<number>;
  case_id: number;
  type: string;
  started_on: string;
  amount: Generated<number>;
  note: string | null;
  created_at: GeneratedTimestamp;
}

export interface PartyCadrePayTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  person_id: number;
  post: string;
  month: string;
  amount_due_fen: number;
  due_on: string;
  paid_on: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PartyCollectiveIncomeTable {
  county_code: string;
  village_code: string;
  year: number;
  amount_fen: number;
  sources: string | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface PartyCommitmentTable {
  county_code: string;
  id: Generated<number>;
  member_id: number;
  region_code: string;
  year: number;
  content: string;
  status: Generated<string>;
  evidence: string | null;
  attachment_ref: string | null;
  review: string | null;
  reviewed_on: string | null;
  review_note: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PartyDecisionTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  org_id: number;
  title: string;
  content: string;
  category: string;
  amount: number | null;
  source: string;
  proposed_on: string;
  created_at: GeneratedTimestamp;
}

export interface PartyDecisionStepTable {
  county_code: string;
  decision_id: number;
  step: string;
  village_code: string;
  held_on: string;
  present: number | null;
  total: number | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  township_attendee: string | null;
  joint: Generated<boolean>;
  outcome: string;
  summary: string | null;
  place: string | null;
  created_at: GeneratedTimestamp;
}

export interface PartyFundPaymentTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  paid_on: string;
  amount_fen: number;
  purpose: string;
  source: Generated<string>;
  note: string | null;
  batch_id: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  reverses_id: number | null;
  corrects_id: number | null;
  corrected_on: string | null;
  correction_reason: string | null;
}

export interface PartyMemberTable {
  county_code: string;
  id: Generated<number>;
  org_id: number;
  person_id: number;
  joined_on: string;
  standing: Generated<string>;
  post: string | null;
  duty: string | null;
  wealth_leader: Generated<boolean>;
  wealth_industry: string | null;
  left_on: string | null;
  left_reason: string | null;
  left_note: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  name: string;
}

export interface PartyNominationTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  person_id: number;
  checked_on: string;
  checks: Json;
  nominated: boolean;
  note: string | null;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface PartyNominationBarTable {
  province_code: string;
  code: string;
  ordinal: number;
  label_zh: string;
  label_en: string;
  active: Generated<boolean>;
  updated_at: GeneratedTimestamp;
}

export interface PartyOrgTable {
  county_code: string;
  id: Generated<number>;
  region_code: string;
  name: string;
  kind: string;
  established_on: string | null;
  dissolved_on: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PartyPairingTable {
  county_code: string;
  id: Generated<number>;
  member_id: number;
  household_id: number;
  start_date: string;
  end_date: string | null;
  created_at: GeneratedTimestamp;
}

export interface PartyRectificationTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  org_id: number | null;
  year: number;
  causes: string[];
  problems: string | null;
  plan: string | null;
  county_leader: string | null;
  township_member: string | null;
  first_secretary_posting_id: number | null;
  first_secretary_name: string | null;
  deadline: string | null;
  closed_on: string | null;
  consolidated_on: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  note: string | null;
}

export interface PartyRectificationProgressTable {
  county_code: string;
  id: Generated<number>;
  case_id: number;
  entry_date: string;
  content: string;
  actor_name: string;
  created_at: GeneratedTimestamp;
}

export interface PartyReserveCadreTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  person_id: number;
  since: string;
  source: string | null;
  education: string | null;
  left_on: string | null;
  created_at: GeneratedTimestamp;
  left_reason: string | null;
  left_note: string | null;
}

export interface PartyReserveTrainingTable {
  county_code: string;
  id: Generated<number>;
  reserve_id: number;
  trained_on: string;
  course: string;
  hours: number;
  organiser: string | null;
  created_at: GeneratedTimestamp;
}

export interface PartyScreeningTable {
  county_code: string;
  id: Generated<number>;
  round_id: number;
  village_code: string;
  org_id: number;
  term_id: number;
  result: string | null;
  opinion: string | null;
  note: string | null;
  assessed_on: string | null;
  assessed_by: string | null;
  adjust_by: string | null;
  successor_term_id: number | null;
  adjusted_on: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PartyScreeningRoundTable {
  county_code: string;
  id: Generated<number>;
  year: number;
  opened_on: string;
  note: string | null;
  created_at: GeneratedTimestamp;
}

export interface PartySecretaryTermTable {
  county_code: string;
  id: Generated<number>;
  org_id: number;
  person_id: number;
  one_shoulder: Generated<boolean>;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
  end_note: string | null;
  created_at: GeneratedTimestamp;
}

export interface PersonTable {
  county_code: string;
  id: Generated<number>;
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
  name_pinyin: string | null;
  id_tail_hash: string | null;
}

export interface PersonIdentityTable {
  id_hash: string;
  county_code: string;
  person_id: number;
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

export interface ProcedureCaseTable {
  county_code: string;
  id: Generated<number>;
  procedure: string;
  subject_id: number;
  region_code: string;
  state: string;
  state_since: GeneratedTimestamp;
  due_date: string | null;
  opened_at: GeneratedTimestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
}

export interface ProcedureStepTable {
  county_code: string;
  id: Generated<number>;
  case_id: number;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  at: GeneratedTimestamp;
  effective_date: string;
  actor_id: number | null;
  actor_name: string;
  actor_scope: string;
  reason: string | null;
  note: string | null;
}

export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
  is_poverty_county: Generated<boolean>;
  source: Generated<string>;
}

export interface RollupDatedTable {
  county_code: string;
  village_code: string;
  month: string;
  source: string;
  dated: string;
  household_id: number | null;
  marked_at: GeneratedTimestamp;
}

export interface RollupDirtyTable {
  village_code: string;
  marked_at: GeneratedTimestamp;
  county_code: string;
}

export interface SecurityEventTable {
  id: GeneratedAlways<number>;
  at: GeneratedTimestamp;
  kind: string;
  actor_id: number | null;
  actor_name: Generated<string>;
  scope_code: Generated<string>;
  ip: string | null;
  details: Json | null;
}

export interface SettingTable {
  key: string;
  scope_code: Generated<string>;
  year: Generated<number>;
  value: Json;
  updated_at: GeneratedTimestamp;
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

export interface VillagePointTable {
  county_code: string;
  village_code: string;
  lon: number;
  lat: number;
  source: string;
  given_crs: Generated<string>;
  updated_at: GeneratedTimestamp;
  updated_by: number | null;
}

export interface VillagePopulationTable {
  county_code: string;
  village_code: string;
  rural_population: number;
  year: number;
}

export interface DB {
  alert_ack: AlertAckTable;
  app_user: AppUserTable;
  audit_log: AuditLogTable;
  bulk_load_index: BulkLoadIndexTable;
  cadre: CadreTable;
  cadre_absence: CadreAbsenceTable;
  cadre_attendance_dirty: CadreAttendanceDirtyTable;
  cadre_attendance_month: CadreAttendanceMonthTable;
  cadre_checkin: CadreCheckinTable;
  cadre_device: CadreDeviceTable;
  cadre_flag: CadreFlagTable;
  cadre_leave: CadreLeaveTable;
  cadre_log_photo: CadreLogPhotoTable;
  cadre_posting: CadrePostingTable;
  cadre_review: CadreReviewTable;
  cadre_spot_check: CadreSpotCheckTable;
  cadre_visit: CadreVisitTable;
  cadre_work_log: CadreWorkLogTable;
  comparison_batch: ComparisonBatchTable;
  comparison_hit: ComparisonHitTable;
  comparison_row: ComparisonRowTable;
  dispatch_unit: DispatchUnitTable;
  exit_batch: ExitBatchTable;
  exit_complaint: ExitComplaintTable;
  exit_county: ExitCountyTable;
  exit_household: ExitHouseholdTable;
  exit_objection: ExitObjectionTable;
  exit_village: ExitVillageTable;
  help_pairing: HelpPairingTable;
  helper: HelperTable;
  household: HouseholdTable;
  household_income: HouseholdIncomeTable;
  household_member: HouseholdMemberTable;
  household_project: HouseholdProjectTable;
  household_status_history: HouseholdStatusHistoryTable;
  import_batch: ImportBatchTable;
  import_household: ImportHouseholdTable;
  import_party_fund_row: ImportPartyFundRowTable;
  import_party_ledger_row: ImportPartyLedgerRowTable;
  import_party_member_row: ImportPartyMemberRowTable;
  import_party_org_row: ImportPartyOrgRowTable;
  import_posting_row: ImportPostingRowTable;
  import_row: ImportRowTable;
  indicator_month: IndicatorMonthTable;
  indicator_month_revision: IndicatorMonthRevisionTable;
  indicator_monthly: IndicatorMonthlyTable;
  indicator_rollup: IndicatorRollupTable;
  login_throttle: LoginThrottleTable;
  monitoring_case: MonitoringCaseTable;
  monitoring_measure: MonitoringMeasureTable;
  party_cadre_pay: PartyCadrePayTable;
  party_collective_income: PartyCollectiveIncomeTable;
  party_commitment: PartyCommitmentTable;
  party_decision: PartyDecisionTable;
  party_decision_step: PartyDecisionStepTable;
  party_fund_payment: PartyFundPaymentTable;
  party_member: PartyMemberTable;
  party_nomination: PartyNominationTable;
  party_nomination_bar: PartyNominationBarTable;
  party_org: PartyOrgTable;
  party_pairing: PartyPairingTable;
  party_rectification: PartyRectificationTable;
  party_rectification_progress: PartyRectificationProgressTable;
  party_reserve_cadre: PartyReserveCadreTable;
  party_reserve_training: PartyReserveTrainingTable;
  party_screening: PartyScreeningTable;
  party_screening_round: PartyScreeningRoundTable;
  party_secretary_term: PartySecretaryTermTable;
  person: PersonTable;
  person_identity: PersonIdentityTable;
  poor_village: PoorVillageTable;
  procedure_case: ProcedureCaseTable;
  procedure_step: ProcedureStepTable;
  region: RegionTable;
  rollup_dated: RollupDatedTable;
  rollup_dirty: RollupDirtyTable;
  security_event: SecurityEventTable;
  setting: SettingTable;
  user_session: UserSessionTable;
  village_point: VillagePointTable;
  village_population: VillagePopulationTable;
}

export type Db = Kysely<DB>;
/** Anything that can run a query: the database or a transaction. Pass it down; never reach for a global. */
export type Tx = Kysely<DB> | Transaction<DB>;
