/**
 * Spreadsheet read throughput of the register interchange reader: time, rows/s, CPU and peak RSS for a
 * province-size file (810,000 person rows) as CSV, as xlsx with inline strings (what write.ts writes) and as
 * xlsx with shared strings stored after the sheet (how Excel lays a workbook out).
 *
 *   npx tsx bench/interchange-read.ts [--rows 810000] [--dir /tmp/fupin-bench-interchange] [--formats csv,xlsx,xlsx-shared] [--keep]
 *
 * Files are generated once (synthetic rows, fixtures.ts) and kept with --keep for later runs. Each read runs in
 * a fresh child process, so its peak RSS (getrusage maxrss) is the reader's alone. Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticRows } from '../src/modules/registry/interchange/fixtures.ts';
import { readRows } from '../src/modules/registry/interchange/read.ts';
import { writeRegisterCsv, writeRegisterXlsx } from '../src/modules/registry/interchange/write.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '810000' },
    dir: { type: 'string', default: path.join(os.tmpdir(), 'fupin-bench-interchange') },
    formats: { type: 'string', default: 'csv,xlsx,xlsx-shared' },
    keep: { type: 'boolean', default: false },
    read: { type: 'string' }, // internal: a child's job
    generate: { type: 'string' }, // internal: a child's job (format:file)
  },
});
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

interface Result {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  baselineRssMb: number;
  headerSeconds: number;
  estimateAtHeader: number | null;
  progressReports: number;
}

/**
 * Peak RSS of this process. Not getrusage's maxrss: after fork+exec Linux carries the parent's high-water
 * mark into it. /proc/self/status VmHWM belongs to this address space alone; sampling is the fallback.
 */
let sampledPeak = 0;
function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return sampledPeak;
}

async function child(file: string): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let reports = 0;
  // The limit is raised: a realistic 810,000-row CSV is right at the 200 MB default.
  const reader = readRows({ path: file }, { maxBytes: 1024 * 1024 * 1024, onProgress: () => reports++ });
  const header = await reader.header();
  const headerSeconds = (performance.now() - started) / 1000;
  let rows = 0;
  for await (const _ of reader) rows++;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  const result: Result = {
    rows,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: peakRss() / 1024 / 1024,
    baselineRssMb: baseline / 1024 / 1024,
    headerSeconds,
    estimateAtHeader: header.totalRowsEstimate,
    progressReports: reports,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A fixed piece of plain JavaScript, to compare this machine's speed with another's. */
function calibrate(): number {
  const t = performance.now();
  let s = 0;
  for (let i = 0; i < 30_000_000; i++) s += i % 7;
  if (s < 0) console.log(s);
  return (performance.now() - t) / 1000;
}

async function main() {
  const count = Number(values.rows);
  mkdirSync(values.dir, { recursive: true });
  const formats = values.formats.split(',');
  const files: Record<string, string> = {
    csv: path.join(values.dir, `register-${count}.csv`),
    xlsx: path.join(values.dir, `register-${count}.xlsx`),
    'xlsx-shared': path.join(values.dir, `register-${count}-shared.xlsx`),
  };
  console.log(`node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`calibration: 30M-iteration JS loop in ${calibrate().toFixed(2)} s`);

  for (const f of formats) {
    const file = files[f];
    if (!file) throw new Error(`unknown format ${f}`);
    if (existsSync(file)) continue;
    const t = performance.now();
    const tmp = `${file}.part`;
    if (f === 'csv') await writeRegisterCsv(tmp, syntheticRows(count), { lang: 'zh-CN' });
    else
      await writeRegisterXlsx(tmp, syntheticRows(count), {
        lang: 'zh-CN',
        title: '建档立卡贫困人口花名册',
        useSharedStrings: f === 'xlsx-shared',
      });
    renameSync(tmp, file);
    const s = (performance.now() - t) / 1000;
    console.log(`generated ${f}: ${mb(statSync(file).size)} MB in ${s.toFixed(1)} s (${Math.round(count / s)} rows/s written)`);
  }

  const self = fileURLToPath(import.meta.url);
  console.log('\nformat        size MB   rows      time s   rows/s   CPU s   peak RSS MB (at start)   header after s   estimate at header');
  for (const f of formats) {
    const file = files[f];
    const run = spawnSync(process.execPath, [...process.execArgv, self, '--read', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) {
      console.log(`${f}: failed\n${run.stderr}`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Result;
    console.log(
      [
        f.padEnd(13),
        mb(statSync(file).size).padStart(7),
        String(r.rows).padStart(8),
        r.seconds.toFixed(1).padStart(9),
        String(Math.round(r.rows / r.seconds)).padStart(8),
        r.cpuSeconds.toFixed(1).padStart(7),
        `${r.peakRssMb.toFixed(0)} (${r.baselineRssMb.toFixed(0)})`.padStart(25),
        r.headerSeconds.toFixed(1).padStart(16),
        String(r.estimateAtHeader ?? '-').padStart(20),
      ].join(' '),
    );
  }
  if (!values.keep) rmSync(values.dir, { recursive: true, force: true });
}

async function generate(job: string): Promise<void> {
  const [format, file] = [job.slice(0, job.indexOf(':')), job.slice(job.indexOf(':') + 1)];
  const count = Number(values.rows);
  const tmp = `${file}.part`;
  if (format === 'csv') await writeRegisterCsv(tmp, syntheticRows(count), { lang: 'zh-CN' });
  else
    await writeRegisterXlsx(tmp, syntheticRows(count), {
      lang: 'zh-CN',
      title: '建档立卡贫困人口花名册',
      useSharedStrings: format === 'xlsx-shared',
    });
  renameSync(tmp, file);
}

if (values.read) await child(values.read);
else if (values.generate) await generate(values.generate);
else await main();
