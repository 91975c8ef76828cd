-- The public village board (docs/decisions/0023-exit.md) is served from each server's memory; any write to what the
-- board shows tells every server to forget what it holds. Statement triggers without transition tables (one notice per
-- statement, folded into one per transaction by PostgreSQL, delivered on commit): an import of a county costs one
-- notice, not one per row. The payload names the table; servers forget every village (writes are rare next to reads).
CREATE FUNCTION board_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fupin_board', TG_TABLE_NAME);
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  -- What the board reads: the exit and monitoring notices (their procedures, steps, households and heads' names), the
  -- party's disclosed decisions, the village's names and the settings (names in full or masked, notice days).
  FOREACH t IN ARRAY ARRAY['exit_household', 'monitoring_case', 'procedure_case', 'procedure_step', 'household', 'person',
                           'party_decision', 'party_decision_step', 'region', 'setting'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION board_notify()',
      t || '_board_notify', t);
  END LOOP;
END $$;
