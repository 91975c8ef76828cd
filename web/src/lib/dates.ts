// Calendar days as the API writes them (YYYY-MM-DD), counted in UTC so a day is always 24 hours.
const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Today in the browser's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const addDays = (day: string, n: number) => new Date(ms(day) + n * DAY_MS).toISOString().slice(0, 10);

/** Days from the first to the last, both counted (a leave of 3 to 4 March is 2 days). */
export const daysInclusive = (first: string, last: string) => Math.round((ms(last) - ms(first)) / DAY_MS) + 1;
