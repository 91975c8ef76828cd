import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import { useToast } from './useToast';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page (keyset: each page names the cursor of the next). The first page loads whenever `deps`
 * change (an older answer is dropped); `more` appends the next one. Rows are told apart by their `id`.
 */
export function useKeysetList<T extends { id: number | string }>(
  load: (cursor: string | undefined, signal?: AbortSignal) => Promise<Page<T>>,
  deps: DependencyList,
) {
  const message = useToast();
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the dependencies; tick reloads
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    load(undefined, ctl.signal).then(
      (p) => {
        setRows(p.items);
        setCursor(p.nextCursor);
        setLoading(false);
      },
      (e) => {
        if (ctl.signal.aborted) return;
        setError(e);
        setRows([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [...deps, tick]);

  const more = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const p = await load(cursor);
      setRows((r) => [...r, ...p.items.filter((x) => !r.some((y) => y.id === x.id))]);
      setCursor(p.nextCursor);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, load, message]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { rows, hasMore: Boolean(cursor), loading, loadingMore, error, more, reload };
}
