import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PiiKeys } from '../../pii/crypto.ts';
import type { FromWorker, ToWorker } from './check-worker.ts';
import type { InputRow } from './service.ts';
import type { VillageRef } from './villages.ts';

/**
 * Threads that check rows (validateRow: parsing, code lists, AES-GCM, HMAC, pinyin) while the main thread reads the
 * file and writes to the database. Opt-in (FUPIN_IMPORT_WORKERS=N): on the two shared cores measured so far they
 * gained nothing and each costs ~100 MB. Started by a large import, stopped when no import needs them.
 */
export interface CheckJob {
  /** Checks rows in some thread; resolves to their COPY lines. */
  check(rows: InputRow[]): Promise<{ lines: string; rows: number }>;
  end(): void;
}

interface Slot {
  worker: Worker;
  pending: number;
}

/** FUPIN_IMPORT_WORKERS=N threads (at most one per core); none by default. */
export function checkThreads(): number {
  const n = Math.floor(Number(process.env.FUPIN_IMPORT_WORKERS ?? 0)) || 0;
  return Math.max(0, Math.min(n, os.availableParallelism()));
}

let slots: Slot[] = [];
let nextJob = 1;
let openJobs = 0;
const waiting = new Map<string, { resolve: (v: { lines: string; rows: number }) => void; reject: (e: Error) => void }>();

function failAll(err: Error) {
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
}

function startSlots(n: number) {
  slots = Array.from({ length: n }, () => {
    const worker = new Worker(new URL('./check-worker.mjs', import.meta.url));
    const slot: Slot = { worker, pending: 0 };
    worker.unref();
    worker.on('message', (m: FromWorker) => {
      slot.pending--;
      const key = `${m.job}:${m.seq}`;
      const w = waiting.get(key);
      waiting.delete(key);
      if (!w) return;
      if (m.type === 'done') w.resolve({ lines: m.lines, rows: m.rows });
      else w.reject(Object.assign(new Error(m.message), { stack: m.stack }));
    });
    const broken = (err: Error) => {
      slots = slots.filter((s) => s !== slot);
      failAll(err);
    };
    worker.on('error', broken);
    worker.on('exit', (code) => {
      if (slots.includes(slot)) broken(new Error(`import check thread exited (${code})`));
    });
    return slot;
  });
}

function stopSlots() {
  const old = slots;
  slots = [];
  for (const s of old) void s.worker.terminate();
}

/** A checking job for one batch, or null when threads are switched off (FUPIN_IMPORT_WORKERS=0). */
export function startCheckJob(opts: { batchId: number; scopeCode: string; villages: VillageRef[]; keys: PiiKeys }): CheckJob | null {
  const n = checkThreads();
  if (n === 0) return null;
  if (slots.length === 0) startSlots(n);
  const job = nextJob++;
  openJobs++;
  const init: ToWorker = {
    type: 'job',
    job,
    batchId: opts.batchId,
    scopeCode: opts.scopeCode,
    villages: opts.villages,
    keys: { enc: new Uint8Array(opts.keys.enc), mac: new Uint8Array(opts.keys.mac) },
  };
  for (const s of slots) s.worker.postMessage(init);
  let seq = 0;
  let ended = false;
  return {
    check(rows) {
      const slot = slots.reduce<Slot | undefined>((best, s) => (!best || s.pending < best.pending ? s : best), undefined);
      if (!slot) return Promise.reject(new Error('no import check thread'));
      const key = `${job}:${++seq}`;
      const result = new Promise<{ lines: string; rows: number }>((resolve, reject) => waiting.set(key, { resolve, reject }));
      slot.pending++;
      slot.worker.postMessage({ type: 'rows', job, seq, rows } satisfies ToWorker);
      return result;
    },
    end() {
      if (ended) return;
      ended = true;
      for (const s of slots) s.worker.postMessage({ type: 'end', job } satisfies ToWorker);
      for (const key of [...waiting.keys()]) if (key.startsWith(`${job}:`)) waiting.delete(key);
      if (--openJobs === 0) stopSlots();
    },
  };
}
