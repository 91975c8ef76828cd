import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';

/**
 * One process at a time on an embedded database folder: PGlite has no lock of its own, and two processes writing
 * the same folder (a server and `fupin import`, or `fupin restore`) corrupt it.
 *
 * The lock is a file holding the owner's pid, boot id and process start time. A lock whose process is gone (kill -9,
 * a power cut) is stale and taken over, so a crashed server restarts without a hand-cleaning step; the start time
 * tells a reused pid (pid 1 of a restarted container) from the owner. (proper-lockfile's mtime heartbeat would make a
 * restart after a crash wait out the stale period.)
 */
export interface LockOwner {
  pid: number;
  host: string;
  boot: string | null;
  start: string | null;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(
      `数据目录正被另一个进程使用（pid ${owner.pid}，${owner.command}，自 ${owner.since}），请先停止它 / ` +
        `the data folder is in use by another process (pid ${owner.pid}: ${owner.command}, since ${owner.since}); stop it first (lock ${lockFile})`,
    );
  }
}

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

const bootId = () => read('/proc/sys/kernel/random/boot_id');
/** Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot (after the command in parentheses). */
const startTime = (pid: number) => read(`/proc/${pid}/stat`)?.split(') ').at(-1)?.split(' ')[19] ?? null;

function alive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true; // a folder shared over the network: cannot tell, so respect it
  if (owner.boot && bootId() && owner.boot !== bootId()) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = startTime(owner.pid);
  return !(owner.start && now && owner.start !== now);
}

export function acquireDataDirLock(lockFile: string, command = process.argv.slice(2, 4).join(' ') || 'node'): () => void {
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    boot: bootId(),
    start: startTime(process.pid),
    command,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock: never remove one a later owner took over.
        if (read(lockFile)?.includes(`"pid":${me.pid},`)) rmSync(lockFile, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner: LockOwner | null = null;
    try {
      owner = JSON.parse(read(lockFile) ?? '') as LockOwner;
    } catch {
      // Empty or torn (the owner died while writing it): stale.
    }
    if (owner && alive(owner)) throw new DataDirLockedError(lockFile, owner);
    rmSync(lockFile, { force: true });
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

/** The owner of a live lock, or null when the folder is free (a stale lock counts as free). */
export function dataDirLockOwner(lockFile: string): LockOwner | null {
  try {
    const owner = JSON.parse(read(lockFile) ?? '') as LockOwner;
    return alive(owner) ? owner : null;
  } catch {
    return null;
  }
}
