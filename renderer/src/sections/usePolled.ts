// Asking the service again and again how far a long piece of work has got, for the screens that wait on it.
import { useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../db/contract';
import { call } from '../api';

/** How often a waiting screen asks how far the work under way has got. */
export const POLL_MS = 400;

type ProgressMethod = 'evaluate.progress' | 'import.progress';

/** The latest answer of a progress method, asked every POLL_MS while the caller is shown; an answer that did not
 * come is asked again (the waiting screen keeps its plain message meanwhile). */
export function usePolled<M extends ProgressMethod>(method: M): MethodOutput<M> | null {
  const [p, setP] = useState<MethodOutput<M> | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      call(method, {} as MethodInput<M>).then(
        (r) => {
          if (!live) return;
          setP(r as MethodOutput<M>);
          timer = setTimeout(ask, POLL_MS);
        },
        () => live && (timer = setTimeout(ask, POLL_MS)),
      );
    void ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [method]);
  return p;
}
