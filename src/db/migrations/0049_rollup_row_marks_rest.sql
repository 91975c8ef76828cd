-- The rest of the rollup marks as row triggers (docs/decisions/0024-scale-out.md; 0044 converted household and
-- village_population). After this migration no table of a county has a statement-level trigger: Citus refuses those
-- with transition tables, and a statement trigger on a distributed table fires on the workers' shards anyway.
--
-- One mechanism on every engine (PGlite, PostgreSQL, Citus): an AFTER … FOR EACH ROW trigger writes the row's village
-- into rollup_dirty and, when the row is dated before the current month, a dated mark into rollup_dated. On a Citus
-- shard (the trigger fires under the shard's name, not TG_ARGV[0]) both go to the colocated shard that holds the
-- county, found with get_shard_id_for_distribution_column (it exists only with Citus and is reached only there); the
-- village of a household, a party organisation or a posting is read from the colocated shard of that table too.
--
-- Back-dated writes used to drop the monthly snapshots in the writer's transaction (rollup_revise_months). The
-- snapshots and the revision list are region-keyed tables on the coordinator, which a shard cannot write, so the
-- trigger queues a dated mark instead and the rollup engine folds the queue (drop the snapshots from the earliest
-- month on, list the revisions, bump the version) before it folds the villages, in the same transaction
-- (src/modules/command/rollups.ts, foldDated). A reader still never reads a snapshot older than a committed write:
-- the figures count as not current while either queue holds a mark.

-- Back-dated changes waiting to be folded: one row per county, village ('' when the change names none), month,
-- table and writing transaction (marked_at is the transaction's time, the same as its audit rows'), the earliest date
-- written and, for household facts, the household.
CREATE TABLE rollup_dated (
  county_code text NOT NULL,
  village_code text NOT NULL,
  month date NOT NULL,
  source text NOT NULL,
  dated date NOT NULL,
  household_id bigint,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, village_code, month, source, marked_at)
);
CREATE INDEX rollup_dated_marked_idx ON rollup_dated (marked_at);

-- A village mark, into rollup_dirty or (on a shard) its colocated shard.
CREATE FUNCTION rollup_put(county text, village text, on_shard boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF village IS NULL THEN
    RETURN;
  END IF;
  IF on_shard THEN
    EXECUTE format('INSERT INTO %I (county_code, village_code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
                   'rollup_dirty_' || get_shard_id_for_distribution_column('rollup_dirty', county))
      USING county, village;
  ELSE
    INSERT INTO rollup_dirty (county_code, village_code) VALUES (county, village) ON CONFLICT DO NOTHING;
  END IF;
END $$;

-- A dated mark, only for a date before the current month (a present-day write changes no closed month).
CREATE FUNCTION rollup_put_dated(c text, v text, d date, src text, hh bigint, on_shard boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR d >= date_trunc('month', now())::date THEN
    RETURN;
  END IF;
  IF on_shard THEN
    EXECUTE format('INSERT INTO %I AS q (county_code, village_code, month, source, dated, household_id) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (county_code, village_code, month, source, marked_at)
                    DO UPDATE SET dated = excluded.dated, household_id = excluded.household_id WHERE excluded.dated < q.dated',
                   'rollup_dated_' || get_shard_id_for_distribution_column('rollup_dated', c))
      USING c, coalesce(v, ''), date_trunc('month', d)::date, src, d, hh;
  ELSE
    INSERT INTO rollup_dated AS q (county_code, village_code, month, source, dated, household_id)
    VALUES (c, coalesce(v, ''), date_trunc('month', d)::date, src, d, hh)
    ON CONFLICT (county_code, village_code, month, source, marked_at)
    DO UPDATE SET dated = excluded.dated, household_id = excluded.household_id WHERE excluded.dated < q.dated;
  END IF;
END $$;

-- The village of a household, a party organisation (when it sits in a village) or a posting, from the same county.
CREATE FUNCTION rollup_village_of(kind text, county text, key bigint, on_shard boolean) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v text;
  rel text := CASE kind WHEN 'household' THEN 'household' WHEN 'org' THEN 'party_org' ELSE 'cadre_posting' END;
  col text := CASE kind WHEN 'org' THEN 'region_code' ELSE 'village_code' END;
BEGIN
  IF key IS NULL THEN
    RETURN NULL;
  ELSIF on_shard THEN
    EXECUTE format('SELECT %I FROM %I WHERE county_code = $1 AND id = $2', col,
                   rel || '_' || get_shard_id_for_distribution_column(rel, county))
      INTO v USING county, key;
  ELSIF kind = 'household' THEN
    SELECT village_code INTO v FROM household WHERE county_code = county AND id = key;
  ELSIF kind = 'org' THEN
    SELECT region_code INTO v FROM party_org WHERE county_code = county AND id = key;
  ELSE
    SELECT village_code INTO v FROM cadre_posting WHERE county_code = county AND id = key;
  END IF;
  RETURN CASE WHEN length(v) = 12 THEN v END;
END $$;

-- The date a row of a dated table is about (what the statement triggers of 0017, 0019, 0026, 0031–0034 read).
CREATE FUNCTION rollup_row_date(tbl text, r anyelement) RETURNS date LANGUAGE plpgsql AS $$
BEGIN
  CASE tbl
    WHEN 'cadre_attendance_month', 'cadre_flag', 'party_cadre_pay' THEN RETURN r.month;
    WHEN 'cadre_posting' THEN RETURN least(r.start_date, r.confirmed_on, r.end_date);
    WHEN 'help_pairing', 'party_secretary_term' THEN RETURN least(r.start_date, r.end_date);
    WHEN 'household_project', 'party_collective_income' THEN RETURN make_date(r.year, 1, 1);
    WHEN 'household_status_history' THEN RETURN r.changed_on;
    WHEN 'party_fund_payment' THEN RETURN r.paid_on;
    WHEN 'party_member' THEN RETURN least(r.joined_on, r.left_on);
    WHEN 'party_org' THEN RETURN least(r.established_on, r.dissolved_on);
    WHEN 'party_decision_step' THEN RETURN r.held_on;
    WHEN 'party_reserve_cadre' THEN RETURN r.since;
    WHEN 'poor_village' THEN RETURN make_date(least(r.year_listed, r.exit_year), 1, 1);
    ELSE RETURN NULL;
  END CASE;
END $$;

-- The village a row is about, found as TG_ARGV[1] of the row trigger says (a field is read only in its branch).
CREATE FUNCTION rollup_row_village(how text, r anyelement, on_shard boolean) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  IF how = 'village' THEN
    RETURN r.village_code;
  ELSIF how = 'region' THEN
    RETURN CASE WHEN length(r.region_code) = 12 THEN r.region_code END;
  ELSIF how = 'household' THEN
    RETURN rollup_village_of('household', r.county_code, r.household_id, on_shard);
  ELSIF how = 'org' THEN
    RETURN rollup_village_of('org', r.county_code, r.org_id, on_shard);
  ELSE
    RETURN rollup_village_of('posting', r.county_code, r.posting_id, on_shard);
  END IF;
END $$;

-- The row trigger. TG_ARGV: [0] the table, [1] how its village is found ('village': village_code; 'region':
-- region_code when it is a village; 'household', 'org', 'posting': through household_id, org_id, posting_id),
-- [2] 'mark' to mark the village, 'dated' for a table that only queues dated marks (household_status_history: the
-- household row it changes marks the village), [3] 'dated' when the table's rows are dated.
CREATE FUNCTION rollup_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tbl text := TG_ARGV[0];
  how text := TG_ARGV[1];
  marks boolean := TG_ARGV[2] = 'mark';
  dated boolean := TG_NARGS > 3 AND TG_ARGV[3] = 'dated';
  on_shard boolean := TG_TABLE_NAME <> TG_ARGV[0];
  new_village text;
  old_village text;
  household bigint;
  since date;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_village := rollup_row_village(how, NEW, on_shard);
    IF marks THEN
      PERFORM rollup_put(NEW.county_code, new_village, on_shard);
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    old_village := rollup_row_village(how, OLD, on_shard);
    IF marks AND (TG_OP = 'DELETE' OR old_village IS DISTINCT FROM new_village) THEN
      PERFORM rollup_put(OLD.county_code, old_village, on_shard);
    END IF;
  END IF;
  IF dated THEN
    IF TG_OP = 'INSERT' THEN
      since := rollup_row_date(tbl, NEW);
    ELSIF TG_OP = 'DELETE' THEN
      since := rollup_row_date(tbl, OLD);
    ELSIF tbl = 'help_pairing' THEN
      -- A pairing's other fields change no month: only its dates, or its move to another household (both
      -- households' months from the start), as migration 0011 has it.
      since := least(
        CASE WHEN OLD.start_date IS DISTINCT FROM NEW.start_date THEN least(OLD.start_date, NEW.start_date) END,
        CASE WHEN OLD.end_date IS DISTINCT FROM NEW.end_date THEN least(OLD.end_date, NEW.end_date) END,
        CASE WHEN OLD.household_id IS DISTINCT FROM NEW.household_id THEN least(OLD.start_date, NEW.start_date) END);
    ELSE
      since := least(rollup_row_date(tbl, NEW), rollup_row_date(tbl, OLD));
    END IF;
    IF since IS NOT NULL AND since < date_trunc('month', now())::date THEN
      -- (A field is read only where the table has it: NEW.household_id in an expression of another table fails.)
      IF how = 'household' THEN
        household := CASE WHEN TG_OP = 'DELETE' THEN OLD.household_id ELSE NEW.household_id END;
      END IF;
      IF TG_OP = 'DELETE' THEN
        PERFORM rollup_put_dated(OLD.county_code, old_village, since, tbl, household, on_shard);
      ELSE
        PERFORM rollup_put_dated(NEW.county_code, coalesce(new_village, old_village), since, tbl, household, on_shard);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- Replace every statement trigger of the rollup marks and the dated forgets.
DO $$
DECLARE
  spec text[];
  t text;
  op text;
BEGIN
  FOREACH spec SLICE 1 IN ARRAY ARRAY[
    -- table, how the village is found, mark or dated-only, dated or not
    ['cadre_attendance_month', 'village', 'mark', 'dated'],
    ['cadre_checkin', 'posting', 'mark', 'undated'],
    ['cadre_flag', 'village', 'mark', 'dated'],
    ['cadre_posting', 'village', 'mark', 'dated'],
    ['comparison_hit', 'village', 'mark', 'undated'],
    ['help_pairing', 'household', 'mark', 'dated'],
    ['household_income', 'household', 'mark', 'undated'],
    ['household_project', 'household', 'mark', 'dated'],
    ['household_status_history', 'household', 'dated', 'dated'],
    ['party_cadre_pay', 'village', 'mark', 'dated'],
    ['party_collective_income', 'village', 'mark', 'dated'],
    ['party_decision_step', 'village', 'mark', 'dated'],
    ['party_fund_payment', 'village', 'mark', 'dated'],
    ['party_member', 'org', 'mark', 'dated'],
    ['party_org', 'region', 'mark', 'dated'],
    ['party_pairing', 'household', 'mark', 'undated'],
    ['party_rectification', 'village', 'mark', 'undated'],
    ['party_reserve_cadre', 'village', 'mark', 'dated'],
    ['party_screening', 'village', 'mark', 'undated'],
    ['party_secretary_term', 'org', 'mark', 'dated'],
    ['poor_village', 'village', 'mark', 'dated'],
    ['procedure_case', 'region', 'mark', 'undated']
  ] LOOP
    t := spec[1];
    FOREACH op IN ARRAY ARRAY['ins', 'upd', 'del'] LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_rollup_' || op, t);
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_dates_' || op, t);
    END LOOP;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION rollup_mark_row(%L, %L, %L, %L)',
      t || '_rollup_row', t, t, spec[2], spec[3], spec[4]);
  END LOOP;
END $$;

-- cadre_checkin was marked on insert only (a check-in is never edited; a deleted one leaves its figures until the
-- next write of the village, as before).
DROP TRIGGER cadre_checkin_rollup_row ON cadre_checkin;
CREATE TRIGGER cadre_checkin_rollup_row AFTER INSERT ON cadre_checkin
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_row('cadre_checkin', 'posting', 'mark', 'undated');

DROP FUNCTION rollup_mark_villages();
DROP FUNCTION rollup_mark_households();
DROP FUNCTION rollup_mark_case_villages();
DROP FUNCTION rollup_mark_checkin_villages();
DROP FUNCTION rollup_mark_party_orgs();
DROP FUNCTION rollup_mark_party_org_rows();
DROP FUNCTION rollup_forget_dated();
DROP FUNCTION rollup_forget_pairing_update();
DROP FUNCTION rollup_revise_months(date, text, jsonb);

-- The figures notice: a row trigger on the queues (a mark that was already there raises none; PostgreSQL folds the
-- notices of a transaction into one per payload).
DROP TRIGGER rollup_dirty_notify ON rollup_dirty;
CREATE TRIGGER rollup_dirty_notify AFTER INSERT ON rollup_dirty FOR EACH ROW EXECUTE FUNCTION rollup_notify();
CREATE TRIGGER rollup_dated_notify AFTER INSERT ON rollup_dated FOR EACH ROW EXECUTE FUNCTION rollup_notify();

-- The board notice (0042) on the tables of a county: row triggers, one notice per table and transaction all the same
-- (PostgreSQL drops a notice equal to one the transaction already raised). region and setting keep their statement
-- triggers: they are reference tables, whose writes run on the coordinator's placement too.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['exit_household', 'monitoring_case', 'procedure_case', 'procedure_step', 'household', 'person',
                           'party_decision', 'party_decision_step'] LOOP
    EXECUTE format('DROP TRIGGER %I ON %I', t || '_board_notify', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION board_notify()',
      t || '_board_notify', t);
  END LOOP;
END $$;

-- exit_complaint → exit_household and exit_objection → exit_complaint were ON DELETE SET NULL (column): Citus refuses
-- SET NULL on a key that includes the distribution column. The keys stay (NO ACTION, checked at the end of the
-- statement) and a BEFORE DELETE row trigger on the referenced table clears the reference first, on the colocated
-- shard when it runs on one: the same outcome on every engine.
ALTER TABLE exit_complaint DROP CONSTRAINT exit_complaint_county_code_exit_household_id_fkey;
ALTER TABLE exit_complaint ADD CONSTRAINT exit_complaint_county_code_exit_household_id_fkey
  FOREIGN KEY (county_code, exit_household_id) REFERENCES exit_household (county_code, id);
ALTER TABLE exit_objection DROP CONSTRAINT exit_objection_county_code_complaint_id_fkey;
ALTER TABLE exit_objection ADD CONSTRAINT exit_objection_county_code_complaint_id_fkey
  FOREIGN KEY (county_code, complaint_id) REFERENCES exit_complaint (county_code, id);

-- TG_ARGV: [0] the table, [1] the referencing table, [2] its column.
CREATE FUNCTION clear_reference_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rel text := CASE WHEN TG_TABLE_NAME = TG_ARGV[0] THEN TG_ARGV[1]
                   ELSE TG_ARGV[1] || '_' || get_shard_id_for_distribution_column(TG_ARGV[1], OLD.county_code) END;
BEGIN
  EXECUTE format('UPDATE %I SET %I = NULL WHERE county_code = $1 AND %I = $2', rel, TG_ARGV[2], TG_ARGV[2])
    USING OLD.county_code, OLD.id;
  RETURN OLD;
END $$;
CREATE INDEX exit_complaint_household_idx ON exit_complaint (county_code, exit_household_id);
CREATE INDEX exit_objection_complaint_idx ON exit_objection (county_code, complaint_id);
CREATE TRIGGER exit_household_clear_complaints BEFORE DELETE ON exit_household
  FOR EACH ROW EXECUTE FUNCTION clear_reference_row('exit_household', 'exit_complaint', 'exit_household_id');
CREATE TRIGGER exit_complaint_clear_objections BEFORE DELETE ON exit_complaint
  FOR EACH ROW EXECUTE FUNCTION clear_reference_row('exit_complaint', 'exit_objection', 'complaint_id');
