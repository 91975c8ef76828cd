-- Household list, second pass (src/modules/registry/queries.ts): the page's keys are found first and only from
-- indexes; these let the probes that decide a key stay inside the index once the table is vacuumed.

-- no_helper gap: the anti-join walks a household's pairings and needs only whether each has ended.
DROP INDEX help_pairing_household_idx;
CREATE INDEX help_pairing_household_idx ON help_pairing (county_code, household_id) INCLUDE (end_date);

-- Search by pinyin initials or name prefix inside a county: the person's id comes from the index, not the table.
DROP INDEX person_initials_idx;
CREATE INDEX person_initials_idx ON person (county_code, name_initials text_pattern_ops) INCLUDE (id);
DROP INDEX person_name_idx;
CREATE INDEX person_name_idx ON person (county_code, name text_pattern_ops) INCLUDE (id);

-- Search above county level (a city, the province): by name (0004's index, now with the keys) and by initials.
DROP INDEX person_name_prefix_idx;
CREATE INDEX person_name_prefix_idx ON person (name text_pattern_ops) INCLUDE (county_code, id);
CREATE INDEX person_initials_prefix_idx ON person (name_initials text_pattern_ops) INCLUDE (county_code, id);

-- The gaps no_deadline and deadline_passed decide from the planned exit year: with it in the still-poor index
-- (0004) they no longer visit the table for every household they skip.
DROP INDEX household_still_poor_idx;
CREATE INDEX household_still_poor_idx ON household (county_code, id) INCLUDE (planned_exit_year) WHERE status IN ('poor', 'returned');

-- Filters by status, cause and category, and a township's or village's scope, walk households in page order; with
-- the codes and the village beside the keys they read only this narrow index (a township's poor households: 40 ms
-- from the table, 0.7 ms from here).
CREATE INDEX household_filter_idx ON household (county_code, id) INCLUDE (status, cause, category, village_code);
