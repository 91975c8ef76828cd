/**
 * Page weight of the front page: which JavaScript the dashboard at `/` loads for a signed-in user, and how much
 * that is gzipped.
 *
 *   npx tsx bench/page-weight.ts [--build] [--url http://127.0.0.1:3000] [--path /] [--user sheng] [--budget 700]
 *
 * Builds web/dist when missing (or always with --build), starts a server on a fresh embedded database with the demo
 * users and no demo register (unless --url names a running one), signs in with Debian's chromium (/usr/bin/chromium,
 * or CHROMIUM_PATH; nothing is downloaded), opens the page in a fresh tab, waits until the dashboard has drawn,
 * and lists every JavaScript file the tab fetched with its size raw and gzipped (zlib level 9, as a server or CDN
 * would send it) from web/dist. Exits 1 when the gzipped total is above the budget (KB, default 700).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'web/dist');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const pagePath = arg('path', '/') as string;
const user = arg('user', 'sheng') as string;
const budgetKb = Number(arg('budget', '700'));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (flag('build') || !fs.existsSync(path.join(DIST, 'index.html'))) {
  console.log('building web/dist …');
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build:web failed');
}

async function startServer(): Promise<{ base: string; stop: () => void }> {
  const given = arg('url');
  if (given) return { base: given.replace(/\/$/, ''), stop: () => undefined };
  const port = 3950 + Math.floor(Math.random() * 40);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-weight-'));
  const child = spawn(process.execPath, ['bin/fupin.mjs', 'serve', '--no-build', '--demo-scale', '0'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill('SIGTERM');
    setTimeout(() => fs.rmSync(dataDir, { recursive: true, force: true }), 2000).unref();
  };
  process.on('exit', stop);
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    if (Date.now() - t0 > 180_000) throw new Error('server did not start within 180 s');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop };
}

const gz = (buf: Buffer) => zlib.gzipSync(buf, { level: 9 }).length;
const kb = (n: number) => (n / 1024).toFixed(1);

const server = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const login = await context.newPage();
  await login.goto(`${server.base}/login`);
  await login.locator('[data-testid="login-username"]').fill(user);
  await login.locator('[data-testid="login-password"]').fill('Fupin@2017');
  await login.locator('[data-testid="login-submit"]').click();
  await login.waitForURL((u) => !u.pathname.startsWith('/login'));
  await login.close();

  // A fresh tab with the HTTP cache off: what a signed-in user's first load of the page fetches.
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Set<string>();
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js')) scripts.add(u.pathname);
  });
  await page.goto(`${server.base}${pagePath}`);
  await page.locator('[data-testid="command-dashboard"][data-region]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="command-figures"]').waitFor();
  await page.waitForLoadState('networkidle');

  const rows = [...scripts].map((p) => {
    const file = path.join(DIST, p);
    const buf = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    return { file: p.replace(/^\/assets\//, ''), raw: buf.length, gzip: gz(buf) };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((s, r) => ({ raw: s.raw + r.raw, gzip: s.gzip + r.gzip }), { raw: 0, gzip: 0 });
  console.log(`JavaScript loaded by ${pagePath} (signed in as ${user}, first view): ${rows.length} files`);
  for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kb(r.raw).padStart(8)} KB  ${kb(r.gzip).padStart(7)} KB gz`);
  console.log(`  ${'total'.padEnd(44)} ${kb(total.raw).padStart(8)} KB  ${kb(total.gzip).padStart(7)} KB gz`);
  const ok = total.gzip / 1024 <= budgetKb;
  console.log(`budget ${budgetKb} KB gz: ${ok ? 'within' : 'OVER'} (${kb(total.gzip)} KB)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  server.stop();
}
