// Rows of the pool table come a page at a time from SQL; only the pages around the visible window are
// fetched and kept, so 100,000 firms never cross the bridge at once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MethodInput, PoolRowT } from '../../../db/contract';
import { ApiError, call } from '../api';

export const PAGE_SIZE = 100;
const MAX_PAGES = 30;

export type PoolQuery = Omit<MethodInput<'pool.list'>, 'offset' | 'limit'>;

interface Pages {
  key: string;
  total: number | null;
  dataYear: number | null;
  pages: Map<number, PoolRowT[]>;
}

export interface PoolPages {
  total: number | null;
  dataYear: number | null;
  /** True while the rows shown still belong to the previous query (kept to avoid a blank flash). */
  stale: boolean;
  error: Error | null;
  row(index: number): PoolRowT | undefined;
  ensure(first: number, last: number): void;
}

export function usePoolPages(query: PoolQuery, refresh: number): PoolPages {
  const queryKey = JSON.stringify(query);
  const key = queryKey + '#' + refresh;
  // The query by value: a new object with the same content is the same query.
  const stableQuery = useMemo(() => JSON.parse(queryKey) as PoolQuery, [queryKey]);
  const [state, setState] = useState<Pages>({ key: '', total: null, dataYear: null, pages: new Map() });
  const [error, setError] = useState<Error | null>(null);
  const inflight = useRef(new Set<string>());

  const load = useCallback(
    (page: number) => {
      const id = `${key}:${page}`;
      if (inflight.current.has(id)) return;
      inflight.current.add(id);
      call('pool.list', { ...stableQuery, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (r) => {
          inflight.current.delete(id);
          setError(null);
          setState((s) => {
            // A new query replaces the old rows only when its first answer arrives.
            const pages = s.key === key ? new Map(s.pages) : new Map<number, PoolRowT[]>();
            pages.set(page, r.rows);
            while (pages.size > MAX_PAGES) {
              const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page))[0];
              pages.delete(far);
            }
            return { key, total: r.total, dataYear: r.dataYear, pages };
          });
        },
        (e: Error) => {
          inflight.current.delete(id);
          // A verdict sort superseded by a newer request (the service cancelled it) is no error to show.
          if (e instanceof ApiError && (e.details as { superseded?: boolean } | undefined)?.superseded) return;
          setError(e);
        },
      );
    },
    [key, stableQuery],
  );

  useEffect(() => load(0), [load]);

  const current = state.key === key;
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!current || !state.pages.has(p)) load(p);
      }
    },
    [current, state.pages, load],
  );

  return {
    total: state.total,
    dataYear: state.dataYear,
    stale: !current,
    error,
    row: (i) => state.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    ensure,
  };
}
