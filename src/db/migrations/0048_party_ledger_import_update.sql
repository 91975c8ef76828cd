-- The rectification ledger's import updates the cases on file (issue 12, decision 0019 § Ledger import, re-import):
-- a row of a village and year already on file appends its new dated progress lines and moves the case forward to the
-- file's state through the procedure's steps. The staging row says so ('update') and keeps what would change, which
-- the preview shows per row.
ALTER TABLE import_party_ledger_row DROP CONSTRAINT import_party_ledger_row_outcome_check;
ALTER TABLE import_party_ledger_row
  ADD CONSTRAINT import_party_ledger_row_outcome_check CHECK (outcome IN ('new', 'update', 'unchanged', 'rejected'));
-- For an 'update': {"from": state, "to": state, "steps": [...], "progress": [{date, content}], "fields": [...]}.
ALTER TABLE import_party_ledger_row ADD COLUMN changes jsonb;
