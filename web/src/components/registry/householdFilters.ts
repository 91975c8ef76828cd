import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { GAPS, type Gap, type HouseholdFilters } from '../../api/registry';

export const FILTER_KEYS = ['status', 'cause', 'category', 'gap', 'plannedExit', 'incomeBand', 'q'] as const;

/**
 * The list's filters live in the URL (?status=&cause=&category=&gap=&plannedExit=&incomeBand=&q=), so a filtered view
 * can be shared, survives "back", and a figure of the command centre can open it.
 */
export function useFilters(): [HouseholdFilters, (next: HouseholdFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<HouseholdFilters>(() => {
    const gap = params.get('gap');
    return {
      status: params.get('status') || undefined,
      cause: params.get('cause') || undefined,
      category: params.get('category') || undefined,
      gap: GAPS.includes(gap as Gap) ? (gap as Gap) : undefined,
      plannedExit: params.get('plannedExit') || undefined,
      incomeBand: params.get('incomeBand') || undefined,
      q: params.get('q') || undefined,
    };
  }, [params]);
  const set = useCallback(
    (next: HouseholdFilters) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const k of FILTER_KEYS) {
            const v = next[k];
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, set];
}
