import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/AuthContext';

/** The current region ("scope" of the views), held in the URL as ?region=CODE; defaults to the user's scope. */
export function useCurrentRegion(): { code: string; explicit: boolean; setCode: (code: string) => void } {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const raw = params.get('region');
  const setCode = useCallback(
    (next: string) => {
      setParams((prev) => {
        const p = new URLSearchParams(prev);
        p.set('region', next);
        return p;
      });
    },
    [setParams],
  );
  return { code: raw || me.scope.code, explicit: raw !== null, setCode };
}

/** A link target that keeps the current ?region=. */
export function useRegionLink(): (path: string) => string {
  const [params] = useSearchParams();
  const region = params.get('region');
  return useCallback((path: string) => (region ? `${path}?region=${encodeURIComponent(region)}` : path), [region]);
}
