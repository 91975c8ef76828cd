-- One register write path for a single household (issue 13 follow-up, docs/decisions/0023-exit.md): the household
-- carries a version that every write of the register raises (the form, an import's merge, an exit's close, a death
-- confirmed, …). An edit sends the version it was read with; a stale one is refused (409) before anything is written.
ALTER TABLE household ADD COLUMN version integer NOT NULL DEFAULT 0;
