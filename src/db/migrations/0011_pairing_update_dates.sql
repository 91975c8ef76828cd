-- An UPDATE of a pairing changes the months from the earliest date that changed, not from the earliest date the
-- row speaks of: ending today a pairing that began in 2017 is a present-day write and must not forget every
-- snapshot since 2017 (seen in bench/soak.ts: each helper change made the next dashboards recompute twelve months).
CREATE FUNCTION rollup_forget_pairing_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest date;
BEGIN
  SELECT min(least(
           CASE WHEN o.start_date IS DISTINCT FROM n.start_date THEN least(o.start_date, n.start_date) END,
           CASE WHEN o.end_date IS DISTINCT FROM n.end_date THEN least(o.end_date, n.end_date) END,
           -- moved to another household: both households' months from the start change
           CASE WHEN o.household_id IS DISTINCT FROM n.household_id THEN least(o.start_date, n.start_date) END))
    INTO earliest
    FROM old_rows o JOIN new_rows n ON n.county_code = o.county_code AND n.id = o.id;
  PERFORM rollup_forget_months(earliest);
  RETURN NULL;
END $$;

DROP TRIGGER help_pairing_dates_upd ON help_pairing;
CREATE TRIGGER help_pairing_dates_upd AFTER UPDATE ON help_pairing REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_forget_pairing_update();
