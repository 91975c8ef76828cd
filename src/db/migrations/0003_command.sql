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

-- Tables that carry village_code: mark the villages of the rows written (old and new sides).
-- A statement trigger only sees the transition tables it declares, so each branch runs only for its events.
CREATE FUNCTION rollup_mark_villages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (village_code) SELECT DISTINCT village_code FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (village_code) SELECT DISTINCT village_code FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- Tables that hang off a household (county_code, household_id): mark the household's village.
CREATE FUNCTION rollup_mark_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (village_code)
      SELECT DISTINCT h.village_code FROM new_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
      ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (village_code)
      SELECT DISTINCT h.village_code FROM old_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- Dated facts: forget the closed months the earliest date written (or removed) reaches into.
CREATE FUNCTION rollup_forget_dated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest date;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT min(%s) FROM new_rows', TG_ARGV[0]) INTO earliest;
    PERFORM rollup_forget_months(earliest);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format('SELECT min(%s) FROM old_rows', TG_ARGV[0]) INTO earliest;
    PERFORM rollup_forget_months(earliest);
  END IF;
  RETURN NULL;
END $$;

-- Three statement triggers (insert, update, delete) per table and purpose, named <table>_<purpose>_<ins|upd|del>.
CREATE FUNCTION rollup_create_triggers(tbl text, purpose text, fn text, arg text DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  call text := format('%I(%s)', fn, coalesce(quote_literal(arg), ''));
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %s',
    tbl || '_' || purpose || '_ins', tbl, call);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %s',
    tbl || '_' || purpose || '_upd', tbl, call);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %s',
    tbl || '_' || purpose || '_del', tbl, call);
END $$;

SELECT rollup_create_triggers('household', 'rollup', 'rollup_mark_villages');
SELECT rollup_create_triggers('poor_village', 'rollup', 'rollup_mark_villages');
SELECT rollup_create_triggers('village_population', 'rollup', 'rollup_mark_villages');
SELECT rollup_create_triggers('help_pairing', 'rollup', 'rollup_mark_households');
SELECT rollup_create_triggers('household_project', 'rollup', 'rollup_mark_households');
SELECT rollup_create_triggers('household_income', 'rollup', 'rollup_mark_households');
-- The SQL expression handed to the function is the earliest date a row of that table speaks of.
SELECT rollup_create_triggers('household_status_history', 'dates', 'rollup_forget_dated', 'changed_on');
SELECT rollup_create_triggers('help_pairing', 'dates', 'rollup_forget_dated', 'least(start_date, end_date)');
SELECT rollup_create_triggers('household_project', 'dates', 'rollup_forget_dated', 'make_date(year, 1, 1)');
SELECT rollup_create_triggers('poor_village', 'dates', 'rollup_forget_dated', 'make_date(least(year_listed, exit_year), 1, 1)');

-- Registers that exist before this migration: every village with data starts dirty.
INSERT INTO rollup_dirty (village_code)
  SELECT village_code FROM household UNION SELECT village_code FROM poor_village ON CONFLICT DO NOTHING;
