-- Household list (GET /api/registry/households, src/modules/registry/queries.ts): what its columns and filters read.

-- The active pairing of a household, newest first, with the helper's name: the list's helper column and the
-- no_helper gap read only this index (index-only once vacuumed).
CREATE INDEX help_pairing_active_idx ON help_pairing (county_code, household_id, start_date DESC, id DESC)
  INCLUDE (helper_name) WHERE end_date IS NULL;

-- Projects that count (has_project column, no_project gap).
CREATE INDEX household_project_live_idx ON household_project (county_code, household_id) WHERE state <> 'cancelled';

-- Households still poor, in keyset order: the four gap filters walk these instead of every household.
CREATE INDEX household_still_poor_idx ON household (county_code, id) WHERE status IN ('poor', 'returned');

-- Name search above county level (a city or the province): person_name_idx leads with the county and served only
-- a county's search; without this a province-wide name prefix read the whole index.
CREATE INDEX person_name_prefix_idx ON person (name text_pattern_ops);
