import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentRegion } from '../../lib/useRegion';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The dashboard's view in the URL (?region=&indicator=&month=), so it can be shared and reloaded. */
export function useCommandParams() {
  const { code: region, explicit } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const rawMonth = params.get('month');
  const month = rawMonth && MONTH.test(rawMonth) ? rawMonth : undefined;
  const indicator = params.get('indicator') ?? undefined;
  const set = useCallback(
    (patch: Record<string, string | undefined>, replace = false) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace },
      ),
    [setParams],
  );
  return { region, explicit, month, indicator, set };
}
