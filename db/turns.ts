// Long work on the service's thread cut into steps: a generator yields between them, and `inTurns` lets other
// calls be answered at each yield; `drain` runs the steps in one go where nothing else waits (the CLI, tests).

/** Resolves after the event loop has come round once: calls waiting meanwhile are answered first. */
export const nextTurn = () => new Promise<void>((ok) => setImmediate(ok));

/** Work done in steps; it yields between steps and returns its result. */
export type Steps<T> = Generator<void, T, void>;

export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

export async function inTurns<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await pause();
  }
}
