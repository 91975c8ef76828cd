#!/usr/bin/env node
// Browser tests: build the web app when needed, start the server on a free port with a fresh data
// directory (PGlite + demo data), drive Debian's chromium with playwright-core, print a summary line
// and exit non-zero on any failure.   Usage: npm run test:e2e [-- --filter 'TEXT|OTHER TEXT'] [--headed]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'test-results');
const SHOTS = path.join(RESULTS, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUITES = [
  'tests/e2e/foundation.e2e.ts',
  'tests/e2e/registry.e2e.ts',
  'tests/e2e/household-file.e2e.ts',
  'tests/e2e/command.e2e.ts',
  'tests/e2e/auth.e2e.ts',
  'tests/e2e/audit.e2e.ts',
  'tests/e2e/uploads.e2e.ts',
  'tests/e2e/search.e2e.ts',
  'tests/e2e/phone.e2e.ts',
  'tests/e2e/cadres.e2e.ts',
  'tests/e2e/attendance.e2e.ts',
  'tests/e2e/field.e2e.ts',
  'tests/e2e/helpers.e2e.ts',
  'tests/e2e/points.e2e.ts',
  'tests/e2e/party-core.e2e.ts',
  'tests/e2e/party-ledger.e2e.ts',
  'tests/e2e/party-decisions.e2e.ts',
  'tests/e2e/party-funds.e2e.ts',
  'tests/e2e/monitoring.e2e.ts',
  'tests/e2e/exit.e2e.ts',
  'tests/e2e/party-gaps.e2e.ts',
];
const STEP_TIMEOUT_MS = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 60_000);
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 180_000);
// A small demo register keeps the first start quick; the registry suite imports its own households anyway.
const DEMO_SCALE = process.env.E2E_DEMO_SCALE ?? '0.01';

const args = process.argv.slice(2);
// Steps whose name contains one of the '|'-separated texts.
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1]?.split('|') : undefined;
const headed = args.includes('--headed');

const log = (...a) => console.log('[e2e]', ...a);

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

function buildWebIfStale() {
  const built = path.join(ROOT, 'web/dist/index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourceAt = Math.max(
    ...['web/src', 'web/field', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json'].map((p) =>
      newestMtime(path.join(ROOT, p)),
    ),
  );
  if (builtAt && builtAt >= sourceAt) {
    log('web/dist is up to date');
    return;
  }
  log(builtAt ? 'web/dist is stale: npm run build:web' : 'web/dist is missing: npm run build:web');
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build:web failed (${r.status})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-'));
  const logFile = path.join(RESULTS, 'e2e-server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--demo-scale', DEMO_SCALE], {
    cwd: ROOT,
    // Always the embedded PGlite in a fresh folder, whatever DATABASE_URL the shell has.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', out, out],
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  log(`starting server on ${baseUrl} (DATA_DIR=${dataDir}, log: ${path.relative(ROOT, logFile)})`);
  for (;;) {
    if (exited) throw new Error(`server exited early (${JSON.stringify(exited)}); see ${logFile}\n${tail(logFile)}`);
    if (Date.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /api/health within ${START_TIMEOUT_MS} ms\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) {
        const h = await res.json();
        log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(h)}`);
        break;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const t0 = Date.now();
      while (!exited && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 100));
      if (!exited) child.kill('SIGKILL');
    }
    fs.closeSync(out);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop, logFile, dataDir };
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The requests of the server's log answered with 4xx/5xx or after more than 3 s, and warnings/errors. */
function unusual(file) {
  const urls = new Map();
  const out = [];
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let j;
    try {
      j = JSON.parse(line);
    } catch {
      continue;
    }
    if (j.req) urls.set(j.reqId, `${j.req.method} ${j.req.url}`);
    const time = new Date(j.time).toISOString().slice(11, 23);
    if (j.res && (j.res.statusCode >= 400 || j.responseTime > 3000)) {
      out.push(`  ${time} ${j.res.statusCode} ${Math.round(j.responseTime)} ms ${urls.get(j.reqId) ?? j.reqId}`);
    } else if (j.level >= 40) out.push(`  ${time} level ${j.level}: ${j.msg}${j.err ? ` ${j.err.message ?? ''}` : ''}`);
  }
  return out.slice(-60).join('\n');
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const slug = (s) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

async function main() {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  buildWebIfStale();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium)`);

  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !headed,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  // The failed steps with their first error line, printed last, so that the tail of a CI log names them.
  const failures = [];
  const t0 = Date.now();
  try {
    for (const suiteFile of SUITES) {
      const suite = await tsImport(pathToFileURL(path.join(ROOT, suiteFile)).href, import.meta.url);
      log(`suite ${suiteFile}`);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const ctx = {
        baseUrl: server.baseUrl,
        // The server's data folder (PGlite under db/), for suites that check figures against the database.
        dataDir: server.dataDir,
        page,
        context,
        pageErrors,
        shot: async (name) => {
          const file = path.join(SHOTS, `${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          return file;
        },
      };
      let broken = false;
      for (const step of suite.steps) {
        if (filter && !filter.some((f) => step.name.includes(f))) continue;
        if (broken && !step.independent) {
          skipped++;
          console.log(`  - ${step.name} (skipped: an earlier step failed)`);
          continue;
        }
        const s0 = Date.now();
        try {
          await withTimeout(step.run(ctx), step.timeout ?? STEP_TIMEOUT_MS, step.name);
          passed++;
          console.log(`  ✓ ${step.name} (${Date.now() - s0} ms)`);
        } catch (e) {
          failed++;
          broken = true;
          failures.push(
            `${suiteFile} › ${step.name}: ${String(e?.message ?? e)
              .split('\n')[0]
              .slice(0, 300)}`,
          );
          console.log(
            `  ✗ ${step.name} (${Date.now() - s0} ms)\n    ${String(e?.stack ?? e)
              .split('\n')
              .join('\n    ')}`,
          );
          const notices = await page
            .locator('.ant-message-notice, .ant-notification-notice, .ant-alert, .ant-result-subtitle, [data-testid$="-error"]')
            .allTextContents()
            .catch(() => []);
          if (notices.length)
            console.log(
              `    on the page: ${notices
                .map((x) => x.trim())
                .filter(Boolean)
                .join(' | ')}`,
            );
          const file = path.join(SHOTS, `FAILED-${slug(step.name)}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          console.log(`    screenshot: ${path.relative(ROOT, file)}`);
        }
      }
      if (pageErrors.length) console.log(`  page errors:\n    ${pageErrors.join('\n    ')}`);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (failed) {
      console.log(`[e2e] server answers that were errors or slow (over 3 s):\n${unusual(server.logFile)}`);
      console.log(`[e2e] server log tail:\n${tail(server.logFile, 40)}`);
    }
  }
  console.log(`[e2e] screenshots in ${path.relative(ROOT, SHOTS)}/ (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (failures.length) console.log(`[e2e] failed steps:\n  ${failures.join('\n  ')}`);
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('[e2e] setup failed:', e?.stack ?? e);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
