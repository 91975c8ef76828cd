-- A department list's staged rows (decision 0023) are written only by the list's own import, right after its header,
-- and go when the list is matched or discarded; a list's header is never deleted. The foreign key to comparison_batch
-- guarded nothing that path can do, yet cost a look-up per row: COPY of 100,000 staged rows took 2.5–2.8 s with it
-- and 1.2–1.5 s without (a million-row list: about 12 s of its 60 s target on the shared machine).
ALTER TABLE comparison_row DROP CONSTRAINT comparison_row_batch_id_fkey;
