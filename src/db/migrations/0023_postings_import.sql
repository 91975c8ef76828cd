-- Spreadsheet import of postings (docs/decisions/0013-postings-interchange.md): the register's import batches carry
-- what they import, and the rows of a postings file are staged beside the register's, checked in SQL, then written
-- through the procedure mechanism. The batch's life (upload, preview, problems, report, commit, discard, expiry) is
-- the register's.
ALTER TABLE import_batch ADD COLUMN kind text NOT NULL DEFAULT 'register' CHECK (kind IN ('register', 'postings'));
DROP INDEX import_batch_scope_idx;
CREATE INDEX import_batch_scope_idx ON import_batch (kind, scope_code text_pattern_ops, id);

CREATE TABLE import_posting_row (
  batch_id bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  -- The village's county once the village is placed (Citus: the distribution column of what the row becomes).
  county_code text,
  village_code text,
  name text,
  name_initials text,
  name_pinyin text,
  -- The ID number as the register stages it: keyed hash, cipher, mask; a masked cell keeps only the pattern.
  id_hash text,
  id_cipher text,
  id_masked text,
  id_tail_hash text,
  gender char(1),
  birth_date date,
  phone_cipher text,
  phone_masked text,
  phone_hash text,
  unit_name text,
  unit_level text,
  post text,
  party_member boolean,
  role text,
  start_date date,
  end_date date,
  -- The row's own problems (read alone), and those with what the database holds (decided at preview and again at commit).
  row_problems jsonb,
  problems jsonb,
  -- What a commit does with the row: a new posting, nothing (the posting exists as the row says), or nothing (problems).
  outcome text CHECK (outcome IN ('new', 'unchanged', 'rejected')),
  person_id bigint,
  posting_id bigint,
  unit_id bigint,
  PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX import_posting_row_person_idx ON import_posting_row (batch_id, id_hash);
