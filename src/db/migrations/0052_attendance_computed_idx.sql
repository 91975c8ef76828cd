-- The attendance list shows when its region's month was computed: the oldest computed_at of the region's month rows
-- (src/modules/cadres/attendance/view.queries.ts, computedAt). For the province that read all 5,700 rows of the month
-- at scale 1 on every page (2–5 ms, more than the page itself); in this order the oldest row in the region is among
-- the first entries of the month.
CREATE INDEX cadre_attendance_month_computed_idx ON cadre_attendance_month (month, computed_at);
