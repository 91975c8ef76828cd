-- Security events (等保 2.0): lockouts, failed logins, out-of-scope conflicts, unmasking volume, failed CSRF.
-- Separate from the audit trail: the audit trail records writes to records; this records what a security
-- officer looks for. Append-only like the audit trail.
CREATE TABLE security_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  actor_id bigint,
  actor_name text NOT NULL DEFAULT '',
  -- The region the event concerns (the actor's scope); the province reads all of them.
  scope_code text NOT NULL DEFAULT '',
  ip text,
  details jsonb
);
CREATE INDEX security_event_at_idx ON security_event (at DESC, id DESC);
CREATE INDEX security_event_kind_idx ON security_event (kind, at);
CREATE INDEX security_event_actor_idx ON security_event (actor_id, kind, at);

CREATE FUNCTION security_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'security_event is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER security_event_no_update_delete BEFORE UPDATE OR DELETE ON security_event
  FOR EACH ROW EXECUTE FUNCTION security_event_append_only();
