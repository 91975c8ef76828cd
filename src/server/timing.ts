/**
 * Where time goes, for benchmarks: with FUPIN_PROFILE=1, `timed` adds up the milliseconds per label and
 * `printTimings` writes them to stderr. Without it, `timed` only runs the function.
 */
const enabled = process.env.FUPIN_PROFILE === '1';
const totals = new Map<string, { ms: number; calls: number }>();

/** Adds time measured elsewhere (e.g. the sum over a loop's iterations). */
export function addTiming(label: string, ms: number, calls = 1) {
  if (!enabled) return;
  const t = totals.get(label) ?? { ms: 0, calls: 0 };
  t.ms += ms;
  t.calls += calls;
  totals.set(label, t);
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const started = performance.now();
  try {
    return await fn();
  } finally {
    addTiming(label, performance.now() - started);
  }
}

export function printTimings() {
  if (!enabled) return;
  for (const [label, t] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) {
    process.stderr.write(`${label.padEnd(36)} ${Math.round(t.ms).toString().padStart(8)} ms  ${t.calls} calls\n`);
  }
}
