-- Masking judged per response (docs/decisions/0005-masking-per-response.md).
-- Masked ID numbers show the first four characters only: the last four (sequence and check digit), beside the county
-- and the birth year, left a few dozen candidates. Existing masks are cut the same way; audit rows keep what they
-- recorded (the audit trail is append-only) and are masked again when read.
UPDATE person SET id_masked = left(id_masked, 4) || repeat('*', length(id_masked) - 4)
WHERE length(id_masked) > 8 AND id_masked <> left(id_masked, 4) || repeat('*', length(id_masked) - 4);
UPDATE import_row SET id_masked = left(id_masked, 4) || repeat('*', length(id_masked) - 4)
WHERE length(id_masked) > 8 AND id_masked <> left(id_masked, 4) || repeat('*', length(id_masked) - 4);

-- Unmasking per user per day, and the size of an unmasked export that is alerted to the province.
INSERT INTO setting (key, value) VALUES
  ('pii.unmask_daily_limit', '200'),
  ('pii.unmask_bulk_threshold', '500')
ON CONFLICT DO NOTHING;
