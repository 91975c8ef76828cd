-- Household search (src/modules/registry/search/): by full pinyin beside the initials, by the last four characters
-- of the ID number (users who may unmask only), by household number and by village name.

-- Written by the import path (the form goes through it too) with pinyin-pro; NULL until the start-up backfill
-- (search/backfill.ts) has computed it for persons written before this migration. SQL cannot compute pinyin.
ALTER TABLE person ADD COLUMN name_pinyin text;
-- Keyed hash (HMAC, like id_hash) of the ID number's last four characters: a partial ID search without decrypting.
ALTER TABLE person ADD COLUMN id_tail_hash text;
ALTER TABLE import_row ADD COLUMN name_pinyin text;
ALTER TABLE import_row ADD COLUMN id_tail_hash text;

-- What the backfill still has to do: empty once it has run, so the check at every start costs nothing.
CREATE INDEX person_search_backfill_idx ON person (county_code, id) WHERE name_pinyin IS NULL;

-- Full pinyin prefix, as 0005 does for the initials: inside a county, and above it.
CREATE INDEX person_pinyin_idx ON person (county_code, name_pinyin text_pattern_ops) INCLUDE (id);
CREATE INDEX person_pinyin_prefix_idx ON person (name_pinyin text_pattern_ops) INCLUDE (county_code, id);
CREATE INDEX person_id_tail_idx ON person (id_tail_hash) INCLUDE (county_code, id);

-- Household number prefix at any scope (the unique key's collation cannot bound a LIKE).
CREATE INDEX household_no_prefix_idx ON household (household_no text_pattern_ops) INCLUDE (county_code, id);
