/**
 * Many callers, few runs: `run` is never running twice at once, and every caller gets the result of a run that
 * started after it called — never an answer read before its own call (a reader who has just saved a form must not be
 * told the figures are current by a probe that began before the save). Callers arriving while a run is under way
 * share the next one, which starts when that run ends. Under load the runs go back to back, one at a time, and a
 * caller waits at most two runs; alone, a caller waits one.
 */
export function coalesced<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    const p = run().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      const after = running;
      next = after
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = null;
          return start();
        });
    }
    return next;
  };
}
