-- Notices are not raised from a Citus shard (measured on the cluster after 0049: `create_reference_table('setting')`
-- was refused with "cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY": a write that Citus
-- commits in two phases — a reference table's, or one that spans workers — fails when a trigger on a shard raised a
-- notice). A shard is named after its table with the shard id appended (`setting_102008`); no table of the schema
-- ends in digits. The coordinator's servers do not hear a worker's notice anyway: on Citus they rely on their poll
-- (figures) and on the board cache's 30 s age.
CREATE OR REPLACE FUNCTION board_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME !~ '_[0-9]+$' THEN
    PERFORM pg_notify('fupin_board', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME !~ '_[0-9]+$' THEN
    PERFORM pg_notify('fupin_figures', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;
