/** What the format readers (CSV, xlsx) hand the reader core, and the progress and byte counting they share. */
import { Transform, type TransformCallback } from 'node:stream';
import { fileTooLarge } from './errors.ts';
import type { ReadOptions, ReadProgress } from './read.ts';

export type Item = { kind: 'sheet'; name: string } | { kind: 'row'; rowNumber: number; values: unknown[] };

export interface Control {
  /** Set by the core: stop reading the current sheet (its header was not found). */
  skipSheet: boolean;
  /** Set by the core: the header was found, no later sheet is wanted. */
  lastSheet: boolean;
}

export class Progress {
  bytesRead = 0;
  rows = 0;
  lastRowNumber = 0;
  headerRowNumber = 0;
  /** Row count implied by the format (xlsx <dimension>), or a sampler giving an estimate. */
  knownRows: number | null = null;
  estimator: (() => number | null) | null = null;
  private last = 0;

  constructor(
    readonly totalBytes: number | null,
    private readonly cb: ReadOptions['onProgress'],
    private readonly interval: number,
  ) {}

  estimate(): number | null {
    if (this.knownRows !== null) return Math.max(this.rows, this.knownRows - this.headerRowNumber);
    const e = this.estimator?.() ?? null;
    return e === null ? null : Math.max(this.rows, Math.round(e));
  }

  tick(phase: ReadProgress['phase'], force = false) {
    if (!this.cb) return;
    const now = Date.now();
    if (!force && now - this.last < this.interval) return;
    this.last = now;
    this.cb({ rows: this.rows, bytesRead: this.bytesRead, totalBytes: this.totalBytes, totalRowsEstimate: this.estimate(), phase });
  }
}

/** Counts bytes (progress) and refuses a file over the size limit even when its size was not known. */
export class ByteCounter extends Transform {
  constructor(
    private readonly maxBytes: number,
    private readonly totalBytes: number | null,
    private readonly progress: Progress,
  ) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.progress.bytesRead += chunk.length;
    if (this.progress.bytesRead > this.maxBytes) {
      cb(fileTooLarge(this.maxBytes, this.totalBytes));
      return;
    }
    if (this.progress.rows === 0) this.progress.tick('file');
    cb(null, chunk);
  }
}
