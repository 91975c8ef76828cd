-- The register year follows the clock (docs/decisions/0007-time-model.md): the seeded 2017 goes, so the year is the
-- current one unless an administrator sets registry.register_year. A value someone set differently stays.
DELETE FROM setting WHERE key = 'registry.register_year' AND scope_code = '' AND year = 0 AND value = '2017'::jsonb;
