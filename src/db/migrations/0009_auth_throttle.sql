-- Login throttling (decision 0006): failed password attempts per (account name, client), for known and unknown
-- names alike. The name is kept only as an HMAC (a password typed into the name box is never stored in clear);
-- the client is a device cookie's id ('d:…') or the address ('ip:…').
CREATE TABLE login_throttle (
  name_hash text NOT NULL,
  client text NOT NULL,
  -- The account, when the name is one: lets an administrator's password reset clear its throttling.
  user_id bigint REFERENCES app_user (id) ON DELETE CASCADE,
  -- Attempts not proven right within the window: counted before the password is checked, so parallel guesses
  -- cannot all pass the limit; a right password deletes the row.
  failures integer NOT NULL,
  last_at timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (name_hash, client)
);
CREATE INDEX login_throttle_user_idx ON login_throttle (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX login_throttle_last_idx ON login_throttle (last_at);

INSERT INTO setting (key, value) VALUES
  ('auth.account_guard_attempts', '20'),
  ('auth.throttle_base_ms', '250'),
  ('auth.throttle_max_ms', '8000'),
  ('auth.password_min_length', '10'),
  ('auth.password_min_classes', '3'),
  ('auth.password_max_age_days', '0')
ON CONFLICT DO NOTHING;
