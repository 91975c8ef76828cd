-- Rollup marks that Citus accepts (docs/decisions/0024-scale-out.md, docs/scale-out.md).
--
-- Citus refuses statement triggers with transition tables on distributed tables. The marks move, table by table, to
-- row-level AFTER triggers that write the village into rollup_dirty, which now carries county_code so that it is
-- distributed with the county's tables: on a Citus shard the trigger writes the colocated shard of rollup_dirty (on
-- the same node; a write through the distributed table from a shard is refused or ~5x slower), on one PostgreSQL or
-- PGlite rollup_dirty itself. One mechanism on every engine; figures are unchanged (the same villages are marked).
--
-- Converted here: household, village_population (marks only, no dated facts). Still on statement triggers: the
-- tables listed with 'transition-triggers' in src/db/layout.ts.

ALTER TABLE rollup_dirty ADD COLUMN county_code text;
UPDATE rollup_dirty SET county_code = left(village_code, 6);
ALTER TABLE rollup_dirty ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE rollup_dirty DROP CONSTRAINT rollup_dirty_pkey;
ALTER TABLE rollup_dirty ADD PRIMARY KEY (county_code, village_code);
CREATE INDEX rollup_dirty_marked_idx ON rollup_dirty (marked_at);

-- The statement-trigger functions still in use write county_code too.
CREATE OR REPLACE FUNCTION rollup_mark_villages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code) SELECT DISTINCT left(village_code, 6), village_code FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code) SELECT DISTINCT left(village_code, 6), village_code FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_households() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT h.county_code, h.village_code FROM new_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
      ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT h.county_code, h.village_code FROM old_rows n JOIN household h ON h.county_code = n.county_code AND h.id = n.household_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_case_villages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT left(region_code, 6), region_code FROM new_rows WHERE length(region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT left(region_code, 6), region_code FROM old_rows WHERE length(region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_checkin_villages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT p.county_code, p.village_code FROM new_rows n JOIN cadre_posting p ON p.county_code = n.county_code AND p.id = n.posting_id
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_party_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT left(region_code, 6), region_code FROM new_rows WHERE length(region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT left(region_code, 6), region_code FROM old_rows WHERE length(region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_party_org_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT o.county_code, o.region_code FROM new_rows n JOIN party_org o ON o.county_code = n.county_code AND o.id = n.org_id
      WHERE length(o.region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO rollup_dirty (county_code, village_code)
      SELECT DISTINCT o.county_code, o.region_code FROM old_rows n JOIN party_org o ON o.county_code = n.county_code AND o.id = n.org_id
      WHERE length(o.region_code) = 12 ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- On a Citus shard the trigger fires under the shard's name, not the table's (TG_ARGV[0]): the mark then goes to the
-- shard of rollup_dirty that holds the same county (colocated, so on the same node). get_shard_id_for_distribution_column
-- exists only with Citus and is reached only there.
-- Row trigger for tables with county_code and village_code: the new row's village, and the old one's when it moved.
CREATE FUNCTION rollup_mark_village_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  shard text := CASE WHEN TG_TABLE_NAME = TG_ARGV[0] THEN NULL ELSE TG_TABLE_NAME END;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF shard IS NULL THEN
      INSERT INTO rollup_dirty (county_code, village_code) VALUES (NEW.county_code, NEW.village_code) ON CONFLICT DO NOTHING;
    ELSE
      EXECUTE format('INSERT INTO %I (county_code, village_code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
                     'rollup_dirty_' || get_shard_id_for_distribution_column('rollup_dirty', NEW.county_code))
        USING NEW.county_code, NEW.village_code;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.county_code, OLD.village_code) IS DISTINCT FROM (NEW.county_code, NEW.village_code)) THEN
    IF shard IS NULL THEN
      INSERT INTO rollup_dirty (county_code, village_code) VALUES (OLD.county_code, OLD.village_code) ON CONFLICT DO NOTHING;
    ELSE
      EXECUTE format('INSERT INTO %I (county_code, village_code) VALUES ($1, $2) ON CONFLICT DO NOTHING',
                     'rollup_dirty_' || get_shard_id_for_distribution_column('rollup_dirty', OLD.county_code))
        USING OLD.county_code, OLD.village_code;
    END IF;
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER household_rollup_ins ON household;
DROP TRIGGER household_rollup_upd ON household;
DROP TRIGGER household_rollup_del ON household;
CREATE TRIGGER household_rollup_row AFTER INSERT OR UPDATE OR DELETE ON household
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_village_row('household');

DROP TRIGGER village_population_rollup_ins ON village_population;
DROP TRIGGER village_population_rollup_upd ON village_population;
DROP TRIGGER village_population_rollup_del ON village_population;
CREATE TRIGGER village_population_rollup_row AFTER INSERT OR UPDATE OR DELETE ON village_population
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_village_row('village_population');
