-- Closed months are kept; a back-dated write revises them and says so (docs/decisions/0007-time-model.md).
--
-- A write dated before the current month drops the snapshots from the month of its earliest date on (as before) and
-- records, for each month it drops, which change revised it: when (the writing transaction's time, which is also the
-- time of the audit rows it writes), the table, the date written and the record. A month an earlier revision dropped
-- and nobody has recomputed yet is revised again by the next back-dated write, so every change after a print is listed.
CREATE TABLE indicator_month_revision (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month date NOT NULL,
  revised_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL,
  dated date NOT NULL,
  county_code text,
  village_code text,
  household_id bigint
);
CREATE INDEX indicator_month_revision_month_idx ON indicator_month_revision (month, revised_at);

CREATE FUNCTION rollup_revise_months(since date, source text, rec jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  village text := rec ->> 'village_code';
BEGIN
  IF since IS NULL OR since >= date_trunc('month', now())::date THEN
    RETURN;
  END IF;
  IF village IS NULL AND rec ? 'household_id' THEN
    SELECT h.village_code INTO village FROM household h
      WHERE h.county_code = rec ->> 'county_code' AND h.id = (rec ->> 'household_id')::bigint;
  END IF;
  WITH dropped AS (
    DELETE FROM indicator_month WHERE month >= date_trunc('month', since)::date RETURNING month
  ), pending AS (
    SELECT DISTINCT r.month FROM indicator_month_revision r
    WHERE r.month >= date_trunc('month', since)::date AND NOT EXISTS (SELECT 1 FROM indicator_month m WHERE m.month = r.month)
  )
  INSERT INTO indicator_month_revision (month, source, dated, county_code, village_code, household_id)
  SELECT month, source, since, rec ->> 'county_code', village, (rec ->> 'household_id')::bigint
  FROM (SELECT month FROM dropped UNION SELECT month FROM pending) m;
  PERFORM nextval('rollup_version');
END $$;

-- The dated tables' statement triggers: the row with the earliest date names the change.
CREATE OR REPLACE FUNCTION rollup_forget_dated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest date;
  rec jsonb;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT d, j FROM (SELECT %s AS d, to_jsonb(r) AS j FROM new_rows r) x WHERE d IS NOT NULL ORDER BY d LIMIT 1', TG_ARGV[0])
      INTO earliest, rec;
    PERFORM rollup_revise_months(earliest, TG_TABLE_NAME, rec);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format('SELECT d, j FROM (SELECT %s AS d, to_jsonb(r) AS j FROM old_rows r) x WHERE d IS NOT NULL ORDER BY d LIMIT 1', TG_ARGV[0])
      INTO earliest, rec;
    PERFORM rollup_revise_months(earliest, TG_TABLE_NAME, rec);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_forget_pairing_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  earliest date;
  rec jsonb;
BEGIN
  SELECT d, to_jsonb(n) INTO earliest, rec FROM (
    SELECT least(
             CASE WHEN o.start_date IS DISTINCT FROM n.start_date THEN least(o.start_date, n.start_date) END,
             CASE WHEN o.end_date IS DISTINCT FROM n.end_date THEN least(o.end_date, n.end_date) END,
             -- moved to another household: both households' months from the start change
             CASE WHEN o.household_id IS DISTINCT FROM n.household_id THEN least(o.start_date, n.start_date) END) AS d, n
    FROM old_rows o JOIN new_rows n ON n.county_code = o.county_code AND n.id = o.id) x
  WHERE d IS NOT NULL ORDER BY d LIMIT 1;
  PERFORM rollup_revise_months(earliest, 'help_pairing', rec);
  RETURN NULL;
END $$;
