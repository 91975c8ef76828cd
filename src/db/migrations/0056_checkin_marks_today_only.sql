-- The check-in row trigger of migration 0051, cheaper for the same marks (issue 11, ingestion; the first start's demo).
-- 1. A check-in whose local day (Asia/Shanghai) is already over when it is written marks nothing: the only figure it
--    could move is "cadres in their village today", which counts the present's local day. A phone sending a week of
--    check-ins kept offline, or the demo's twelve months, no longer runs the lookups below for each row.
-- 2. On one PostgreSQL (and PGlite) the two lookups are static SQL, planned once per session; EXECUTE planned them
--    again for every row. Only a Citus shard, whose table names are its own, still builds them with format().
-- Measured on PGlite (demo 0.05, 144,542 check-ins inserted again in one statement): 29.6 s with 0051's trigger,
-- 9.2 s with static SQL alone, 3.9 s with the trigger disabled.
CREATE OR REPLACE FUNCTION rollup_mark_checkin_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_shard boolean := TG_TABLE_NAME <> 'cadre_checkin';
  village text;
  plon double precision;
  plat double precision;
  day_start timestamptz;
  earlier boolean;
BEGIN
  day_start := ((date_trunc('day', (NEW.device_time AT TIME ZONE 'UTC') + interval '8 hours') - interval '8 hours')
                AT TIME ZONE 'UTC');
  -- A check-in of a local day already past counts in no figure the live rollup shows ("today" is the present's day).
  IF NEW.accuracy_m > 200 OR day_start + interval '1 day' <= now() THEN
    RETURN NULL;
  END IF;
  IF on_shard THEN
    EXECUTE format('SELECT p.village_code, vp.lon, vp.lat FROM %I p JOIN %I vp ON vp.county_code = p.county_code AND vp.village_code = p.village_code
                    WHERE p.county_code = $1 AND p.id = $2',
                   'cadre_posting_' || get_shard_id_for_distribution_column('cadre_posting', NEW.county_code),
                   'village_point_' || get_shard_id_for_distribution_column('village_point', NEW.county_code))
      INTO village, plon, plat USING NEW.county_code, NEW.posting_id;
  ELSE
    SELECT p.village_code, vp.lon, vp.lat INTO village, plon, plat
    FROM cadre_posting p JOIN village_point vp ON vp.county_code = p.county_code AND vp.village_code = p.village_code
    WHERE p.county_code = NEW.county_code AND p.id = NEW.posting_id;
  END IF;
  IF village IS NULL OR 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(NEW.lat - plat) / 2), 2)
       + cos(radians(plat)) * cos(radians(NEW.lat)) * power(sin(radians(NEW.lon - plon) / 2), 2)))) > 2000 THEN
    RETURN NULL;
  END IF;
  IF on_shard THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I k WHERE k.county_code = $1 AND k.posting_id = $2
                      AND k.device_time >= $3 AND (k.device_time, k.id) < ($4, $5) AND k.accuracy_m <= 200
                      AND 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(k.lat - $7) / 2), 2)
                          + cos(radians($7)) * cos(radians(k.lat)) * power(sin(radians(k.lon - $6) / 2), 2)))) <= 2000)',
                   TG_TABLE_NAME)
      INTO earlier USING NEW.county_code, NEW.posting_id, day_start, NEW.device_time, NEW.id, plon, plat;
  ELSE
    SELECT EXISTS (SELECT 1 FROM cadre_checkin k WHERE k.county_code = NEW.county_code AND k.posting_id = NEW.posting_id
                    AND k.device_time >= day_start AND (k.device_time, k.id) < (NEW.device_time, NEW.id) AND k.accuracy_m <= 200
                    AND 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(k.lat - plat) / 2), 2)
                        + cos(radians(plat)) * cos(radians(k.lat)) * power(sin(radians(k.lon - plon) / 2), 2)))) <= 2000)
      INTO earlier;
  END IF;
  IF NOT earlier THEN
    PERFORM rollup_put(NEW.county_code, village, on_shard);
  END IF;
  RETURN NULL;
END $$;
