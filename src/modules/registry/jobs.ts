import type { Bilingual } from '../../server/i18n.ts';
import type { FileProgress } from './import/file.ts';

/**
 * Progress of the previews running in this process, by batch id. The batch row in the database holds the
 * outcome; this holds only the moving figures a progress bar needs while it runs.
 */
const running = new Map<number, FileProgress & { error?: string; errors?: Bilingual }>();

export const jobs = {
  set(batchId: number, p: FileProgress) {
    running.set(batchId, p);
  },
  fail(batchId: number, reason: Bilingual) {
    const p = running.get(batchId);
    running.set(batchId, {
      ...(p ?? { phase: 'done', rows: 0, totalRows: null, bytesRead: 0, totalBytes: null, rate: 0, secondsLeft: null }),
      error: reason.en,
      errors: reason,
    });
  },
  get(batchId: number) {
    return running.get(batchId) ?? null;
  },
  done(batchId: number) {
    // Keep the last figures a little while for a client polling after the end.
    setTimeout(() => running.delete(batchId), 60_000).unref();
  },
};
