-- A check-in marks its village only when "cadres in their village today" can change (migration 0047's rule, as the
-- row trigger of 0049's one mechanism: no statement trigger, Citus shards included).
-- The measure (src/modules/cadres/attendance/indicators.ts) counts the distinct postings of a village with a check-in
-- on the local day (Asia/Shanghai) of at most 200 m accuracy within 2,000 m of the village point (the defaults of
-- cadres.checkin_max_accuracy_m and cadres.checkin_radius_m; the measure reads no settings). A new check-in changes it
-- only when it counts and no counting check-in of its posting and day comes before it (by time, then id): the first
-- counting row of a day marks, later ones do not. Rows of one statement see each other, so the earliest of a batch
-- marks; two concurrent batches each see none of the other's rows, so at least one of them marks. Marking every batch
-- made each batch wait for the refresh holding its village's mark (issue 11, ingestion speed).
CREATE FUNCTION rollup_mark_checkin_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_shard boolean := TG_TABLE_NAME <> 'cadre_checkin';
  village text;
  plon double precision;
  plat double precision;
  day_start timestamptz;
  earlier boolean;
BEGIN
  IF NEW.accuracy_m > 200 THEN
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
  day_start := ((date_trunc('day', (NEW.device_time AT TIME ZONE 'UTC') + interval '8 hours') - interval '8 hours')
                AT TIME ZONE 'UTC');
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I k WHERE k.county_code = $1 AND k.posting_id = $2
                    AND k.device_time >= $3 AND (k.device_time, k.id) < ($4, $5) AND k.accuracy_m <= 200
                    AND 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(k.lat - $7) / 2), 2)
                        + cos(radians($7)) * cos(radians(k.lat)) * power(sin(radians(k.lon - $6) / 2), 2)))) <= 2000)',
                 TG_TABLE_NAME)
    INTO earlier USING NEW.county_code, NEW.posting_id, day_start, NEW.device_time, NEW.id, plon, plat;
  IF NOT earlier THEN
    PERFORM rollup_put(NEW.county_code, village, on_shard);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER cadre_checkin_rollup_row ON cadre_checkin;
CREATE TRIGGER cadre_checkin_rollup_row AFTER INSERT ON cadre_checkin
  FOR EACH ROW EXECUTE FUNCTION rollup_mark_checkin_row();
