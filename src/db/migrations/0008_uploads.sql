-- Uploads (issue 9): how long a preview and its file are kept, how many previews run at once (per user and in
-- all), and how much a user may keep in upload files. Rule numbers are data: an administrator may change them.
INSERT INTO setting (key, value) VALUES
  ('import.preview_keep_hours', '24'),
  ('import.max_running_per_user', '1'),
  ('import.max_running', '2'),
  ('import.user_quota_mb', '1024')
ON CONFLICT DO NOTHING;
