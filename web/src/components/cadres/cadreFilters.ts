import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LEAVE_STATES, type LeaveState, POSTING_STATES, type PostingRole, type PostingState, ROLES } from '../../api/cadres';

export interface PostingFilters {
  state?: PostingState;
  role?: PostingRole;
  q?: string;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list.includes(v as T) ? (v as T) : undefined);

/** Writes some keys of the query string, keeping the others (?region=); an empty value removes its key. */
function useParamWriter() {
  const [params, setParams] = useSearchParams();
  const write = useCallback(
    (values: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(values)) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params, write] as const;
}

/**
 * The postings list's filters live in the URL (?state=&role=&q=), so a figure of the command centre
 * (/cadres/postings?state=in_post&role=first_secretary) opens the list it counts, and "back" keeps them.
 */
export function usePostingFilters(): [PostingFilters, (next: PostingFilters) => void] {
  const [params, write] = useParamWriter();
  const filters = useMemo<PostingFilters>(
    () => ({
      state: oneOf(POSTING_STATES, params.get('state')),
      role: oneOf(ROLES, params.get('role')),
      q: params.get('q') || undefined,
    }),
    [params],
  );
  const set = useCallback((next: PostingFilters) => write({ state: next.state, role: next.role, q: next.q }), [write]);
  return [filters, set];
}

/** The leave list's state (?state=): awaiting approval unless the URL says otherwise; `all` for every state. */
export function useLeaveState(): [LeaveState | 'all', (next: LeaveState | 'all') => void] {
  const [params, write] = useParamWriter();
  const raw = params.get('state');
  const state = raw === 'all' ? 'all' : (oneOf(LEAVE_STATES, raw) ?? 'requested');
  const set = useCallback((next: LeaveState | 'all') => write({ state: next === 'requested' ? undefined : next }), [write]);
  return [state, set];
}
