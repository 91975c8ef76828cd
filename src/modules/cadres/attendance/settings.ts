import type { Tx } from '../../../db/types.ts';
import { getSetting } from '../../settings.ts';

/**
 * The attendance rules' numbers (settings, per region): radius and accuracy of an in-village check-in (the same keys
 * and defaults the village points use), the monthly standard, the night hours, and the thresholds of each flag.
 */
export const ATTENDANCE_DEFAULTS = {
  'cadres.checkin_radius_m': 2000,
  'cadres.checkin_max_accuracy_m': 200,
  'cadres.monthly_days_min': 20,
  /** Local hours (Asia/Shanghai) of a night: from `night_start` to `night_end` the next morning. */
  'cadres.night_start_hour': 20,
  'cadres.night_end_hour': 6,
  /** 挂名: fewer days in village than this share (%) of the prorated standard. */
  'cadres.flag_name_only_pct': 50,
  /** 走读 without nights: flagged only from this many days present (a cadre seldom there is 挂名, not 走读). */
  'cadres.flag_commuting_min_days': 8,
  /** 走读 by pattern: first and last check-in each inside a window this wide (minutes) on most days, from one bearing. */
  'cadres.flag_pattern_window_min': 60,
  'cadres.flag_pattern_min_days': 8,
  /** One exact position on at least this many days. */
  'cadres.flag_repeat_days': 3,
  /** Impossible travel between consecutive check-ins (km/h). */
  'cadres.flag_max_speed_kmh': 150,
  /** Clock skew between device and receipt time of a record sent online (minutes). */
  'cadres.flag_clock_skew_min': 30,
  /** An open flag not verified within this many days is overdue (alert). */
  'cadres.flag_verify_days': 7,
} as const;

export type AttendanceSettings = { -readonly [K in keyof typeof ATTENDANCE_DEFAULTS]: number };

export async function attendanceSettings(tx: Tx, scopeCode: string): Promise<AttendanceSettings> {
  const out = {} as AttendanceSettings;
  for (const [k, v] of Object.entries(ATTENDANCE_DEFAULTS) as [keyof AttendanceSettings, number][])
    out[k] = Number(await getSetting(tx, k, v, { scopeCode }));
  return out;
}

export const defaultSettings = (): AttendanceSettings => ({ ...ATTENDANCE_DEFAULTS });
