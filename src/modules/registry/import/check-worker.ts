import { parentPort } from 'node:worker_threads';
import type { PiiKeys } from '../../pii/crypto.ts';
import type { InputRow } from './service.ts';
import { copyLine } from './staged.ts';
import { validateRow } from './validate-row.ts';
import { VillageIndex, type VillageRef } from './villages.ts';

/** Messages between the import and its checking threads (see check-pool.ts). */
export type ToWorker =
  | { type: 'job'; job: number; batchId: number; scopeCode: string; villages: VillageRef[]; keys: { enc: Uint8Array; mac: Uint8Array } }
  | { type: 'rows'; job: number; seq: number; rows: InputRow[] }
  | { type: 'end'; job: number };
export type FromWorker =
  | { type: 'done'; job: number; seq: number; lines: string; rows: number }
  | { type: 'error'; job: number; seq: number; message: string; stack?: string };

interface Job {
  batchId: number;
  villages: VillageIndex;
  keys: PiiKeys;
}

/** Checks rows exactly as the main thread would (validateRow) and returns them as COPY lines. */
export function serveChecks() {
  const port = parentPort;
  if (!port) throw new Error('check-worker runs in a worker thread');
  const jobs = new Map<number, Job>();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'job') {
      jobs.set(m.job, {
        batchId: m.batchId,
        villages: new VillageIndex(m.scopeCode, m.villages),
        keys: { enc: Buffer.from(m.keys.enc), mac: Buffer.from(m.keys.mac) },
      });
    } else if (m.type === 'end') {
      jobs.delete(m.job);
    } else {
      try {
        const job = jobs.get(m.job);
        if (!job) throw new Error(`unknown check job ${m.job}`);
        let lines = '';
        for (const row of m.rows) {
          const { staged, problems } = validateRow(row.rowNumber, row.cells, { villages: job.villages, keys: job.keys });
          lines += copyLine(job.batchId, { ...staged, problems: problems.length ? JSON.stringify(problems) : null });
        }
        port.postMessage({ type: 'done', job: m.job, seq: m.seq, lines, rows: m.rows.length } satisfies FromWorker);
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        port.postMessage({ type: 'error', job: m.job, seq: m.seq, message: err.message, stack: err.stack } satisfies FromWorker);
      }
    }
  });
}

serveChecks();
