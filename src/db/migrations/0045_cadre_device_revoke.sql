-- Revoking a field device from the admin pages (issue 11, decision 0014 addendum): the county retires a phone's key
-- with a reason; the row keeps who did it and why, so the posting page and the refusal of a later check-in can say so.
-- Records the key signed before stay as they were judged.

ALTER TABLE cadre_device
  ADD COLUMN revoke_reason text,
  ADD COLUMN revoked_by_name text;
