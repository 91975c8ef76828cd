import { STILL_POOR } from '../api/registry';

/** The planned exit year has passed (it is before the register year) and the household is still poor. */
export function deadlinePassed(h: { plannedExitYear: number | null; status: string }, registerYear: number | undefined): boolean {
  return !!registerYear && h.plannedExitYear !== null && h.plannedExitYear < registerYear && STILL_POOR.has(h.status);
}
