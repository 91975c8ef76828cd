/**
 * Where every table lives on a Citus cluster (docs/scale-out.md, docs/decisions/0024-scale-out.md).
 *
 * - 'distributed': sharded by `column` (county_code for everything of a county), all tables of one `group` colocated,
 *   so a county's rows of every table sit on the same node and a county user's queries touch one shard group.
 * - 'reference': small, read everywhere, written rarely: a full copy on every node, joinable with any shard.
 * - 'coordinator': stays on the coordinator (a Citus local table): global order, staging of files that span counties,
 *   the command centre's region-keyed results, or sessions.
 *
 * `blockers` lists, for a table declared distributed, what in today's schema Citus still refuses (measured on the
 * cluster, docs/scale-out.md "What Citus refuses"): `fupin scale distribute` leaves such a table where it is and says
 * why. The test in layout.test.ts reads the migrated schema and fails when a table is not declared here, when a
 * declared table is gone, or when the blockers written here are not exactly those the schema has.
 *
 * A new table: declare it here. A table of a county carries county_code, is 'distributed' in group 'county', has
 * unique keys that include county_code, foreign keys only to colocated or reference tables, and no statement-level
 * triggers with transition tables (docs/scale-out.md).
 */

export type Blocker =
  /** AFTER … FOR EACH STATEMENT triggers REFERENCING transition tables (the rollup marks): refused by Citus. */
  | 'transition-triggers'
  /** Foreign key to a table that cannot be distributed in the same group yet, or that sets NULL on delete. */
  | 'foreign-key';

export type Placement =
  | { kind: 'distributed'; column: string; group: 'county' | 'identity'; blockers?: Blocker[]; note?: string }
  | { kind: 'reference'; reason: string }
  | { kind: 'coordinator'; reason: string };

const county = (blockers?: Blocker[], note?: string): Placement =>
  blockers?.length
    ? { kind: 'distributed', column: 'county_code', group: 'county', blockers, ...(note ? { note } : {}) }
    : { kind: 'distributed', column: 'county_code', group: 'county' };
const reference = (reason: string): Placement => ({ kind: 'reference', reason });
const coordinator = (reason: string): Placement => ({ kind: 'coordinator', reason });

const STAGING =
  'staging of a file that spans counties (its batch row has no county, rows that failed checks have none): written once, read by the merge, which copies into the distributed tables';

export const LAYOUT: Record<string, Placement> = {
  // Reference tables: copied to every node, so any shard can join or reference them.
  region: reference('administrative divisions, ~700,000 rows nationally, joined by every scoped query and referenced by foreign keys'),
  setting: reference('rule numbers (poverty line, lockout): a few hundred rows read by every node'),
  app_user: reference(
    'accounts: referenced by county tables (cadre_device, village_point, cadre_visit, monitoring_case, comparison_hit); ~300,000 rows nationally',
  ),
  dispatch_unit: reference(
    'dispatching units (派出单位), provincial and city bodies: referenced by cadre and cadre_posting of every county',
  ),
  party_nomination_bar: reference('the conditions barring a nomination, per province: read when any county checks a candidate'),

  // Coordinator: global order or no county.
  audit_log: coordinator('one hash chain over every write (chain_seq, row trigger): a single ordered log'),
  security_event: coordinator('security events of accounts (province reads all), append-only, small'),
  user_session: coordinator('sessions, looked up by token hash on every request; references app_user'),
  login_throttle: coordinator('login throttling by name hash and client: no county'),
  bulk_load_index: coordinator('bookkeeping of indexes a bulk load dropped: a catalogue of the coordinator'),
  schema_migration: coordinator('the migrator’s own table'),
  kysely_migration_lock: coordinator('the migrator’s own lock'),
  indicator_rollup: coordinator('command centre: measures by region (village to province), read by every dashboard'),
  indicator_month: coordinator('command centre: which closed months have snapshots'),
  indicator_monthly: coordinator('command centre: monthly snapshots by region'),
  indicator_month_revision: coordinator('command centre: which write revised which closed month (province-wide list)'),
  import_batch: coordinator(STAGING),
  import_row: coordinator(STAGING),
  import_household: coordinator(STAGING),
  import_posting_row: coordinator(STAGING),
  import_party_org_row: coordinator(STAGING),
  import_party_member_row: coordinator(STAGING),
  import_party_ledger_row: coordinator(STAGING),
  import_party_fund_row: coordinator(STAGING),
  comparison_batch: coordinator('a department’s list compared with the whole register: no county until a row is matched'),
  comparison_row: coordinator('rows of a comparison list: no county until matched (a hit is comparison_hit, distributed)'),

  // The one-person-one-household rule: unique on the ID hash, province-wide, so sharded by the hash itself.
  person_identity: { kind: 'distributed', column: 'id_hash', group: 'identity' },

  // Everything of a county, colocated by county_code.
  // The villages waiting to be folded into indicator_rollup: marked by row triggers on the shard of the county's write.
  rollup_dirty: county(),
  // Back-dated changes waiting to be folded (drop the closed months' snapshots, list the revisions): marked like rollup_dirty.
  rollup_dated: county(),
  person: county(),
  household: county(),
  household_member: county(),
  household_income: county(),
  household_status_history: county(),
  household_project: county(),
  helper: county(),
  help_pairing: county(),
  poor_village: county(),
  village_population: county(),
  village_point: county(),
  alert_ack: county(),
  procedure_case: county(),
  procedure_step: county(),
  cadre: county(),
  cadre_posting: county(),
  cadre_leave: county(),
  cadre_device: county(),
  cadre_checkin: county(),
  cadre_spot_check: county(),
  cadre_absence: county(),
  cadre_review: county(),
  cadre_attendance_month: county(),
  cadre_attendance_dirty: county(),
  cadre_flag: county(),
  cadre_work_log: county(),
  cadre_log_photo: county(),
  cadre_visit: county(),
  party_org: county(),
  party_member: county(),
  party_secretary_term: county(),
  party_pairing: county(),
  party_screening_round: county(),
  party_screening: county(),
  party_nomination: county(),
  party_rectification: county(),
  party_rectification_progress: county(),
  party_decision: county(),
  party_decision_step: county(),
  party_fund_payment: county(),
  party_cadre_pay: county(),
  party_collective_income: county(),
  party_commitment: county(),
  party_reserve_cadre: county(),
  party_reserve_training: county(),
  exit_batch: county(),
  exit_household: county(),
  exit_complaint: county(),
  exit_objection: county(),
  exit_village: county(),
  exit_county: county(),
  monitoring_case: county(),
  monitoring_measure: county(),
  comparison_hit: county(),
};

export const tablesOf = (kind: Placement['kind']) =>
  Object.entries(LAYOUT)
    .filter(([, p]) => p.kind === kind)
    .map(([t]) => t);
