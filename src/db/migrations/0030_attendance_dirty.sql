-- Months of attendance that new records made stale (docs/decisions/0016-attendance.md, "When it runs"): a check-in
-- batch, a foreign check-in import, a leave step or a spot check marks its county's months; the server's attendance
-- worker recomputes a marked month shortly after (it deletes the mark first, so a record arriving meanwhile marks
-- the month again). Marked by the application, not by a trigger: no statement trigger on distributed tables (Citus).
CREATE TABLE cadre_attendance_dirty (
  county_code text NOT NULL,
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, month)
);

-- Secondary indexes a bulk load dropped to build after (src/db/bulk-load.ts): kept here until rebuilt, so a load
-- killed half-way has them rebuilt at the next start instead of leaving a table without them.
CREATE TABLE bulk_load_index (
  name text PRIMARY KEY,
  definition text NOT NULL,
  dropped_at timestamptz NOT NULL DEFAULT now()
);

-- What a confirmed flag became (issue 11: "it becomes an unexcused absence or a replacement reason"): an absence
-- (cadre_absence, capping the rating) or a ground for replacing the cadre (撤换), shown on the posting's page and
-- cited by the replacement step.
ALTER TABLE cadre_flag ADD COLUMN outcome text CHECK (outcome IN ('absence', 'replacement'));
UPDATE cadre_flag SET outcome = 'absence' WHERE state = 'confirmed';
ALTER TABLE cadre_flag ADD CONSTRAINT cadre_flag_outcome_check2 CHECK ((state = 'confirmed') = (outcome IS NOT NULL));
