-- Command centre (指挥中心): rollups of every module's measures by region, monthly snapshots, alert acknowledgements.
--
-- indicator_rollup holds, for every region with data (village, township, county, city, province), the current value of
-- each additive measure. It is maintained incrementally: triggers on the source tables mark the villages they touch in
-- rollup_dirty; the rollup engine (src/modules/command/rollups.ts) recomputes those villages and adds the difference to
-- every ancestor. Readers refresh dirty villages before they read, so a figure never lags its records.
-- indicator_monthly holds the same measures as of the end of a closed month (province to township), computed from dated
-- history; a change dated into a closed month drops the snapshots from that month on.

-- Bumped whenever rollups, snapshots or acknowledgements change: readers key their caches on it.
CREATE SEQUENCE rollup_version;

CREATE TABLE village_population (
  county_code text NOT NULL,
  village_code text NOT NULL REFERENCES region (code),
  rural_population integer NOT NULL CHECK (rural_population >= 0),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  PRIMARY KEY (county_code, village_code),
  CHECK (left(village_code, 6) = county_code)
);

CREATE TABLE indicator_rollup (
  region_code text NOT NULL,
  measure text NOT NULL,
  value numeric NOT NULL,
  PRIMARY KEY (region_code, measure)
);

CREATE TABLE rollup_dirty (
  village_code text PRIMARY KEY
);

CREATE TABLE indicator_month (
  month date PRIMARY KEY,
  computed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE indicator_monthly (
  month date NOT NULL REFERENCES indicator_month (month) ON DELETE CASCADE,
  region_code text NOT NULL,
  measure text NOT NULL,
  value numeric NOT NULL,
  PRIMARY KEY (month, region_code, measure)
);

CREATE TABLE alert_ack (
  county_code text NOT NULL,
  rule text NOT NULL,
  item_key text NOT NULL,
  region_code text NOT NULL,
  acked_by bigint,
  acked_by_name text NOT NULL,
  acked_at timestamptz NOT NULL DEFAULT now(),
  note text CHECK (length(note) <= 200),
  PRIMARY KEY (county_code, rule, item_key)
);
CREATE INDEX alert_ack_region_idx ON alert_ack (region_code text_pattern_ops);

CREATE INDEX household_status_history_changed_idx ON household_status_history (changed_on);

-- A change dated before the current month alters closed months: forget their snapshots.
CREATE FUNCTION rollup_forget_months(since date) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF since IS NOT NULL AND since < date_trunc('month', now())::date THEN
    DELETE FROM indicator_month WHERE month >= date_trunc('month', since)::date;
    -- Answers cached for the old snapshots must go too.
    PERFORM nextval('rollup_version');
  END IF;
END $$;

-- Tables that carry village_code.
CREATE FUNCTION rollup_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code) SELECT DISTINCT village_code FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code) SELECT DISTINCT village_code FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code)
    SELECT village_code FROM new_rows UNION SELECT village_code FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Tables that hang off a household (county_code, household_id).
CREATE FUNCTION rollup_mark_household_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code)
    SELECT DISTINCT h.village_code FROM new_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_mark_household_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code)
    SELECT DISTINCT h.village_code FROM old_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_mark_household_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO rollup_dirty (village_code)
    SELECT h.village_code FROM new_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
    UNION
    SELECT h.village_code FROM old_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Dated facts: also forget closed months they reach into.
CREATE FUNCTION rollup_dates_status_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM rollup_forget_months((SELECT min(changed_on) FROM new_rows)); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM rollup_forget_months((SELECT min(changed_on) FROM old_rows)); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_dates_help_pairing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_forget_months((SELECT least(min(start_date), min(end_date)) FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM rollup_forget_months((SELECT least(min(start_date), min(end_date)) FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_dates_household_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM rollup_forget_months((SELECT make_date(min(year), 1, 1) FROM new_rows)); END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM rollup_forget_months((SELECT make_date(min(year), 1, 1) FROM old_rows)); END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION rollup_dates_poor_village() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rollup_forget_months((SELECT make_date(least(min(year_listed), min(exit_year)), 1, 1) FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM rollup_forget_months((SELECT make_date(least(min(year_listed), min(exit_year)), 1, 1) FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER household_rollup_ins AFTER INSERT ON household REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_new();
CREATE TRIGGER household_rollup_upd AFTER UPDATE ON household REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_both();
CREATE TRIGGER household_rollup_del AFTER DELETE ON household REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_old();

CREATE TRIGGER poor_village_rollup_ins AFTER INSERT ON poor_village REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_new();
CREATE TRIGGER poor_village_rollup_upd AFTER UPDATE ON poor_village REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_both();
CREATE TRIGGER poor_village_rollup_del AFTER DELETE ON poor_village REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_old();
CREATE TRIGGER poor_village_dates_ins AFTER INSERT ON poor_village REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_poor_village();
CREATE TRIGGER poor_village_dates_upd AFTER UPDATE ON poor_village REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_poor_village();
CREATE TRIGGER poor_village_dates_del AFTER DELETE ON poor_village REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_poor_village();

CREATE TRIGGER village_population_rollup_ins AFTER INSERT ON village_population REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_new();
CREATE TRIGGER village_population_rollup_upd AFTER UPDATE ON village_population REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_both();
CREATE TRIGGER village_population_rollup_del AFTER DELETE ON village_population REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_old();

CREATE TRIGGER help_pairing_rollup_ins AFTER INSERT ON help_pairing REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_new();
CREATE TRIGGER help_pairing_rollup_upd AFTER UPDATE ON help_pairing REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_both();
CREATE TRIGGER help_pairing_rollup_del AFTER DELETE ON help_pairing REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_old();
CREATE TRIGGER help_pairing_dates_ins AFTER INSERT ON help_pairing REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_help_pairing();
CREATE TRIGGER help_pairing_dates_upd AFTER UPDATE ON help_pairing REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_help_pairing();
CREATE TRIGGER help_pairing_dates_del AFTER DELETE ON help_pairing REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_help_pairing();

CREATE TRIGGER household_project_rollup_ins AFTER INSERT ON household_project REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_new();
CREATE TRIGGER household_project_rollup_upd AFTER UPDATE ON household_project REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_both();
CREATE TRIGGER household_project_rollup_del AFTER DELETE ON household_project REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_old();
CREATE TRIGGER household_project_dates_ins AFTER INSERT ON household_project REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_household_project();
CREATE TRIGGER household_project_dates_upd AFTER UPDATE ON household_project REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_household_project();
CREATE TRIGGER household_project_dates_del AFTER DELETE ON household_project REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_household_project();

CREATE TRIGGER household_income_rollup_ins AFTER INSERT ON household_income REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_new();
CREATE TRIGGER household_income_rollup_upd AFTER UPDATE ON household_income REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_both();
CREATE TRIGGER household_income_rollup_del AFTER DELETE ON household_income REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_mark_household_old();

CREATE TRIGGER household_status_history_dates_ins AFTER INSERT ON household_status_history REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_status_history();
CREATE TRIGGER household_status_history_dates_upd AFTER UPDATE ON household_status_history
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_status_history();
CREATE TRIGGER household_status_history_dates_del AFTER DELETE ON household_status_history REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_dates_status_history();

-- Registers that exist before this migration: every village with data starts dirty.
INSERT INTO rollup_dirty (village_code)
  SELECT village_code FROM household UNION SELECT village_code FROM poor_village ON CONFLICT DO NOTHING;
