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
