import { useState } from 'react';

/** One write to the service from a card: busy while it runs, the error if it fails, the message if it succeeds. */
export function useWrite(onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (write: () => Promise<string>, after?: () => void) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await write());
      after?.();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, clear: () => setDone(null) };
}
