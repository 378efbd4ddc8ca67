import { useCallback, useEffect, useState } from 'react';
import type { Method, MethodInput, ShortlistDetailT } from '../../../../db/contract';
import { call } from '../../api';

type Write = 'shortlist.update' | 'shortlist.addFirm' | 'shortlist.removeFirm' | 'shortlist.move' | 'shortlist.annotate';

export interface ShortlistState {
  detail: ShortlistDetailT | undefined;
  error: Error | undefined;
  busy: boolean;
  /** Runs a write, shows its answer at once and tells the app (which reloads everything, this list included). */
  write<M extends Write & Method>(method: M, input: MethodInput<M>): Promise<boolean>;
}

/** One shortlist, reloaded when `refresh` changes; writes answer with the whole shortlist, shown as it arrives. */
export function useShortlist(id: number | null, refresh: number, onChanged: () => void): ShortlistState {
  const [state, setState] = useState<{ id: number | null; detail?: ShortlistDetailT; error?: Error }>({ id: null });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (id == null) return;
    let live = true;
    call('shortlist.get', { id }).then(
      (detail) => live && setState({ id, detail }),
      (error: Error) => live && setState({ id, error }),
    );
    return () => {
      live = false;
    };
  }, [id, refresh]);

  const write = useCallback(
    async <M extends Write & Method>(method: M, input: MethodInput<M>) => {
      setBusy(true);
      try {
        const detail = (await call(method, input)) as ShortlistDetailT;
        setState({ id: detail.id, detail });
        onChanged();
        return true;
      } catch (error) {
        setState((s) => ({ ...s, error: error as Error }));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [onChanged],
  );

  const current = state.id === id ? state : { detail: undefined, error: undefined };
  return { detail: current.detail, error: current.error, busy, write };
}
