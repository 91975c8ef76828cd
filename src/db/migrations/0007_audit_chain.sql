-- Tamper-evident audit trail: every audit_log row carries chain_seq (its place in the chain, 1, 2, 3 … without
-- gaps) and hash = sha256(hash of the row before it || the row's canonical text). Editing a row breaks its own
-- link; deleting one leaves a gap in chain_seq. A trigger computes both, so every insert path chains (the
-- services' insertAudit and the import's INSERT … SELECT alike).

ALTER TABLE audit_log ADD COLUMN chain_seq bigint, ADD COLUMN hash bytea;

-- The row's fields as one text. jsonb's text form is deterministic (keys sorted, one spacing), and the time goes
-- in as microseconds since 1970 so that the session's time zone cannot change it.
CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(r.chain_seq, r.id, (extract(epoch FROM r.at) * 1000000)::bigint, r.actor_id, r.actor_name,
                           r.scope_code, r.entity, r.entity_id, r.action, r.before, r.after, r.ip)::text
$$;

-- Chain the rows written before this migration, in the order they were written.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
DO $$
DECLARE
  r audit_log;
  prev bytea := '\x';
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    r.chain_seq := n;
    prev := sha256(prev || convert_to(audit_log_canonical(r), 'UTF8'));
    UPDATE audit_log SET chain_seq = n, hash = prev WHERE id = r.id;
  END LOOP;
END
$$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;

ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN hash SET NOT NULL;
-- Two appends that both took the same predecessor (a fork) cannot both commit.
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain_seq) INCLUDE (hash);

-- Appends are serialised by a transaction-level advisory lock taken at a transaction's first audit row and held
-- to its commit (READ COMMITTED: the head is read after the lock is granted, so it sees the previous holder's
-- rows). The head is then kept in a transaction-local setting, so a bulk insert of many rows reads the table
-- once; a rolled-back savepoint rolls the setting back with its rows.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head text := current_setting('fupin.audit_head', true);
  prev_seq bigint;
  prev_hash bytea;
BEGIN
  IF head IS NULL OR head = '' THEN
    PERFORM pg_advisory_xact_lock(7301190907);
    SELECT a.chain_seq, a.hash INTO prev_seq, prev_hash FROM audit_log a ORDER BY a.chain_seq DESC LIMIT 1;
  ELSE
    prev_seq := split_part(head, ':', 1)::bigint;
    prev_hash := decode(split_part(head, ':', 2), 'hex');
  END IF;
  NEW.chain_seq := coalesce(prev_seq, 0) + 1;
  NEW.hash := sha256(coalesce(prev_hash, '\x'::bytea) || convert_to(audit_log_canonical(NEW), 'UTF8'));
  PERFORM set_config('fupin.audit_head', NEW.chain_seq || ':' || encode(NEW.hash, 'hex'), true);
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
