-- The rectification ledger's spreadsheet import (软弱涣散村党组织整顿台账, issue 12; decision 0019 § Ledger import).
-- The batch kind 'party_ledger' exists since 0029; this adds its staging table and the ledger's 备注 column.

-- 备注: a remark the county keeps on the case (written by the import and shown in the ledger and its export).
ALTER TABLE party_rectification ADD COLUMN note text CHECK (length(note) <= 1000);

-- The ledger file's rows while their batch is open (decision 0013's mechanism, one staging table per kind). Like the
-- other staging tables it is keyed by its batch (import_batch has no county: both stay on the coordinator under Citus)
-- and carries the row's county_code, which every check and the commit join on.
CREATE TABLE import_party_ledger_row (
  batch_id bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  county_code text,
  village_code text,
  year integer,
  -- Cause codes of the settings' list, comma-separated (the file names them in words).
  causes text,
  problems_text text,
  plan text,
  county_leader text,
  township_member text,
  first_secretary text,
  deadline date,
  -- [{date, content}] from the 整顿进展 cell, one entry per dated line.
  progress jsonb,
  -- identified | planned | rectifying | closed | consolidated
  state text,
  identified_on date,
  closed_on date,
  consolidated_on date,
  note text,
  -- The day each step the state implies takes effect (decision 0019 § Ledger import): open, plan and start.
  opened_on date,
  planned_on date,
  row_problems jsonb,
  problems jsonb,
  -- What a commit does: a new case, nothing (the case on file says the same), nothing (problems).
  outcome text CHECK (outcome IN ('new', 'unchanged', 'rejected')),
  PRIMARY KEY (batch_id, row_number)
);
