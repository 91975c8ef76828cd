-- A dated mark carries its writing transaction's time (marked_at), which is how the revision list names who made a
-- back-dated change: the audit row written in the same transaction carries the same time (command/revisions.ts). On
-- a Citus shard, now() is the worker's own transaction's time, not the coordinator's, so the lookup missed and "by"
-- was empty there. A Fupin transaction on Citus sets fupin.tx_time to its coordinator's now() at BEGIN, which Citus
-- passes on to every worker the transaction reaches (SET LOCAL with citus.propagate_set_commands = 'local',
-- src/db/citus-dialect.ts). Where it is not set (one PostgreSQL, PGlite, a statement outside a transaction) the time
-- is now(), as before.
CREATE FUNCTION rollup_tx_time() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('fupin.tx_time', true), '')::timestamptz, now())
$$;

CREATE OR REPLACE FUNCTION rollup_put_dated(c text, v text, d date, src text, hh bigint, on_shard boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d IS NULL OR d >= date_trunc('month', now())::date THEN
    RETURN;
  END IF;
  IF on_shard THEN
    EXECUTE format('INSERT INTO %I AS q (county_code, village_code, month, source, dated, household_id, marked_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (county_code, village_code, month, source, marked_at)
                    DO UPDATE SET dated = excluded.dated, household_id = excluded.household_id WHERE excluded.dated < q.dated',
                   'rollup_dated_' || get_shard_id_for_distribution_column('rollup_dated', c))
      USING c, coalesce(v, ''), date_trunc('month', d)::date, src, d, hh, rollup_tx_time();
  ELSE
    INSERT INTO rollup_dated AS q (county_code, village_code, month, source, dated, household_id, marked_at)
    VALUES (c, coalesce(v, ''), date_trunc('month', d)::date, src, d, hh, rollup_tx_time())
    ON CONFLICT (county_code, village_code, month, source, marked_at)
    DO UPDATE SET dated = excluded.dated, household_id = excluded.household_id WHERE excluded.dated < q.dated;
  END IF;
END $$;
