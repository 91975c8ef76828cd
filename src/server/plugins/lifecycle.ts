import fp from 'fastify-plugin';

/** The reason background work is aborted with at shutdown, so that its failure can say so. */
export class ShuttingDown extends Error {
  override readonly name = 'ShuttingDown';

  constructor() {
    super('the server is shutting down');
  }
}

/**
 * Work that outlives the request that started it (an import preview). Tracked so that a shutdown can signal it,
 * wait a bounded time, and then run its `abandon` step (e.g. mark the batch failed) while the database is open.
 */
export class Background {
  private readonly controller = new AbortController();
  private readonly tasks = new Map<Promise<unknown>, (() => Promise<void>) | undefined>();

  /** Aborted when the server begins to shut down. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Tracks `task` until it settles; its failure is the caller's to report, never an unhandled rejection. */
  track(task: Promise<unknown>, abandon?: () => Promise<void>): void {
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.tasks.set(settled, abandon);
    void settled.then(() => this.tasks.delete(settled));
  }

  abort(): void {
    this.controller.abort(new ShuttingDown());
  }

  /** Waits up to `ms` for the tracked work; what is still running then is abandoned. Returns how many were. */
  async drain(ms: number): Promise<number> {
    this.abort();
    await within(Promise.all(this.tasks.keys()), ms);
    const left = [...this.tasks.values()];
    this.tasks.clear();
    await within(Promise.allSettled(left.map((a) => a?.())), 1_000);
    return left.length;
  }
}

/** Resolves true when `p` settles within `ms`, false when the time ran out first. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([
      p.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    background: Background;
  }
}

export const lifecyclePlugin = fp(async (app) => {
  app.decorate('background', new Background());
});

export interface ShutdownOptions {
  /** How long requests in flight may run before their connections are closed. */
  graceMs?: number;
  stopWorkers?: (() => Promise<void>)[];
  /** Cancels the statements background work is still running (db/cancel.ts); returns how many. */
  cancelRunning?: () => Promise<number>;
  closeDatabase: () => Promise<void>;
  log?: (msg: string) => void;
}

/**
 * Stops a running server within a bounded time: no new connections; requests in flight get `graceMs` to finish,
 * then their connections are closed (a long export is cut off, which its client sees as a failed download);
 * background work is signalled, waited for, and abandoned; workers stop, and the statements of a worker that has not
 * stopped by then are cancelled (once requests are done: a request's statement is not cut before its grace ends);
 * the database closes.
 * Returns whether everything closed in time (false: something still held the database).
 */
export async function shutdownServer(app: import('fastify').FastifyInstance, opts: ShutdownOptions): Promise<boolean> {
  const log = opts.log ?? (() => {});
  const graceMs = opts.graceMs ?? 4_000;
  const started = Date.now();
  app.background.abort();
  const workers = Promise.allSettled((opts.stopWorkers ?? []).map((stop) => stop()));
  const closing = app.close();
  if (!(await within(closing, graceMs))) {
    log('closing the connections of requests still running');
    app.server.closeAllConnections();
    await within(closing, 1_000);
  }
  const abandoned = await app.background.drain(graceMs + 500 - (Date.now() - started));
  if (abandoned) log(`${abandoned} background job(s) abandoned`);
  // Workers began stopping with the signal; whatever of the first 1.5 s is left is theirs.
  let clean = await within(workers, Math.max(200, 1_500 - (Date.now() - started)));
  if (!clean && opts.cancelRunning) {
    const cancelled = await opts.cancelRunning().catch((e: Error) => {
      log(`cancelling running statements failed: ${e.message}`);
      return 0;
    });
    log(`${cancelled} running statement(s) of background work cancelled`);
    clean = await within(workers, 1_500);
  }
  if (!clean) log('a background worker did not stop in time');
  if (!(await within(opts.closeDatabase(), 2_000))) {
    log('the database did not close in time');
    clean = false;
  }
  return clean;
}
