-- A provincial poverty county's own exit figures (issue 13: counties meeting the threshold, in procedure, exited) are
-- kept on the county's row in the command centre's rollup, a code under the county that no township or village has
-- (countyRow in src/modules/command/rollups.ts): the engine adds it to the county and above, never to a township.
-- Nothing in a village marks that row; the county exit's steps and the poverty-county list do. Mark the rows of the
-- counties already listed, so their figures are computed at the next refresh.
INSERT INTO rollup_dirty (village_code)
  SELECT code || '000000' FROM region WHERE level = 3 AND is_poverty_county ON CONFLICT DO NOTHING;
