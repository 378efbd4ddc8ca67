import { useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True until the answer for the current `deps` has arrived; the previous data stays meanwhile. */
  loading: boolean;
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** Runs `load` whenever `deps` change; a stale answer never overwrites a newer one. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ deps: readonly unknown[] | null; data: T | undefined; error: Error | undefined }>({
    deps: null,
    data: undefined,
    error: undefined,
  });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ deps, data, error: undefined }),
      (error: Error) => live && setState({ deps, data: undefined, error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the load depends on
  }, deps);
  return { data: state.data, error: state.error, loading: state.deps === null || !same(state.deps, deps) };
}
