-- Check-ins exported from another attendance app (另一考勤应用的打卡记录), imported from a spreadsheet so that a
-- province that used another app keeps its history and has it judged by the same attendance rules. Such a record has
-- no device registered here and no signature: both become nullable, and a CHECK keeps them required for the field
-- app's own records. The other app's device number is kept as it was given (foreign_device), so "one device used by
-- several cadres" can still be judged on imported records. county_code still leads every key (Citus).
ALTER TABLE cadre_checkin ALTER COLUMN device_id DROP NOT NULL;
ALTER TABLE cadre_checkin ALTER COLUMN signature DROP NOT NULL;
ALTER TABLE cadre_checkin ADD COLUMN foreign_device text CHECK (length(foreign_device) <= 100);
ALTER TABLE cadre_checkin ADD CONSTRAINT cadre_checkin_source_fields CHECK (
  CASE source
    WHEN 'app' THEN device_id IS NOT NULL AND signature IS NOT NULL AND foreign_device IS NULL
    ELSE device_id IS NULL AND signature IS NULL
  END
);
