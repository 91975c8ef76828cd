/**
 * `npm start` on a fresh clone: the time from starting it (a new DATA_DIR, the embedded PGlite database, the demo
 * data loaded at the first start, the web app built beside it) to the first successful login answer, `--runs` times,
 * with the median:
 *
 *   npx tsx bench/first-start.ts [--runs 3] [--built]
 *
 * Each run checks out HEAD in a new git worktree (no web/dist, as a clone has none) with this checkout's
 * node_modules linked in — what `npm install` leaves —, spawns `npm start` there in its own process group with
 * DATABASE_URL cleared, polls POST /api/auth/login as the demo county user every 250 ms, then stops the group and
 * removes the worktree and the data folder. `--built` runs in this checkout instead, its web app already built.
 * Prints the load average beside each run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, login } from './support.ts';

const runs = Number(arg('runs', '3'));
const built = process.argv.includes('--built');
const root = path.resolve(import.meta.dirname, '..');

/** A checkout of HEAD as a clone has it, with this checkout's installed packages. */
function freshClone() {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'fupin-clone-')), 'fupin');
  execFileSync('git', ['worktree', 'add', '--detach', dir, 'HEAD'], { cwd: root, stdio: 'ignore' });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const cwd = built ? root : freshClone();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fupin-first-start-'));
  const port = 4800 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  // The data folder and the worktree (which would otherwise stay registered in this checkout), whatever the outcome.
  const cleanUp = () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (!built) execFileSync('git', ['worktree', 'remove', '--force', cwd], { cwd: root, stdio: 'ignore' });
  };
  let ms = Number.NaN;
  for (;;) {
    try {
      await login(base, 'beipiao');
      ms = Date.now() - started;
      break;
    } catch {
      if (child.exitCode !== null) {
        cleanUp();
        throw new Error(`npm start exited (${child.exitCode})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-(child.pid as number), 'SIGTERM');
  await exited;
  cleanUp();
  times.push(ms);
  console.log(
    `run ${i + 1}: first login answered after ${(ms / 1000).toFixed(1)} s (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`median of ${runs}: ${((sorted[Math.floor((runs - 1) / 2)] as number) / 1000).toFixed(1)} s`);
