/**
 * The present, in one place. Dates are real dates and the present is today (docs/decisions/0007-time-model.md):
 * the register year, the command centre's current month and the demo's last month all follow this clock.
 * Months are 'YYYY-MM', days 'YYYY-MM-DD', both in UTC like the database's dates.
 */
export const today = (): Date => new Date();
export const thisDay = (now: Date = today()): string => now.toISOString().slice(0, 10);
export const thisMonth = (now: Date = today()): string => now.toISOString().slice(0, 7);
export const thisYear = (now: Date = today()): number => now.getUTCFullYear();

/** A day 'YYYY-MM-DD' plus n days (UTC). */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Calendar days from one day to another (0 for the same day). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
