-- Figures that follow writes within a second, on every server (docs/decisions/0008-snapshot-freshness.md).
--
-- rollup_dirty remembers when a village was first marked, so a reader served while the rollup engine catches up is
-- told how old its figures are (the oldest mark: every change committed before it is in the figures).
ALTER TABLE rollup_dirty ADD COLUMN marked_at timestamptz NOT NULL DEFAULT now();

-- Every server listens on 'fupin_figures' and folds changes in at once instead of at its next poll: villages marked
-- by any writer (a server, the CLI, psql), or monthly snapshots dropped by a back-dated change. PostgreSQL delivers the
-- notice on commit, once per transaction.
CREATE FUNCTION rollup_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fupin_figures', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER rollup_dirty_notify AFTER INSERT ON rollup_dirty FOR EACH STATEMENT EXECUTE FUNCTION rollup_notify();
CREATE TRIGGER indicator_month_notify AFTER DELETE ON indicator_month FOR EACH STATEMENT EXECUTE FUNCTION rollup_notify();
