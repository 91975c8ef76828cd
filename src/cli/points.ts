import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Db } from '../db/types.ts';
import { importCheckins } from '../modules/cadres/points/checkins-import.ts';
import { importPoints } from '../modules/cadres/points/points.ts';
import type { WordedProblem } from '../modules/cadres/points/sheet.ts';
import { loadOrCreateKeys } from '../modules/pii/crypto.ts';
import { findRegion } from '../modules/regions/queries.ts';
import { InterchangeError } from '../modules/registry/interchange/errors.ts';
import { DEFAULT_PROVINCE } from '../server/bootstrap.ts';
import { AppError } from '../server/errors.ts';
import { t } from '../server/i18n.ts';
import { withDatabase } from './context.ts';

type Opts = { scope?: string; dryRun?: boolean; json?: boolean };
type Outcome = { rows: number; rowsWithProblems: number; counts: Record<string, number>; problems: WordedProblem[]; committed: boolean };

/**
 * The two small imports from the command line, as an operator of the scope (default the province): preview, then
 * (unless --dry-run) commit all or nothing. Exit status as `fupin cadres import`: 0 when committed or no row has a
 * problem, 1 when rows have problems and nothing was written, 2 when the file cannot be read.
 */
async function run(file: string, opts: Opts, what: string, go: (ctx: { db: Db; scope: string; commit: boolean }) => Promise<Outcome>) {
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  if (!existsSync(file)) {
    console.error(`fupin: 文件不存在 / no such file: ${file}`);
    process.exit(2);
  }
  await withDatabase(async ({ db }) => {
    if (!(await findRegion(db, scope))) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const started = Date.now();
    let out: Outcome;
    try {
      out = await go({ db, scope, commit: !opts.dryRun });
    } catch (e) {
      if (e instanceof InterchangeError) {
        console.error(`fupin: ${e.messageFor('zh-CN')}\n       ${e.messageFor('en')}`);
        process.exitCode = 2;
        return;
      }
      if (e instanceof AppError) {
        console.error(`fupin: ${t('zh-CN', e.code, e.params)}\n       ${t('en', e.code, e.params)}`);
        process.exitCode = 1;
        return;
      }
      throw e;
    }
    if (out.rowsWithProblems > 0 && !out.committed) process.exitCode = 1;
    const summary = {
      file,
      scope,
      dryRun: Boolean(opts.dryRun),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      rows: out.rows,
      rowsWithProblems: out.rowsWithProblems,
      counts: out.counts,
      committed: out.committed,
      problems: out.problems.map((p) => ({ row: p.row, column: p.column, code: p.code, message: p.message })),
    };
    if (opts.json) {
      console.log(JSON.stringify(summary));
      return;
    }
    const head = opts.dryRun
      ? '预检（未写入）/ dry run (nothing written)'
      : out.committed
        ? '已导入 / imported'
        : '未导入 / nothing written';
    console.log(`${head}: ${out.rows} rows in ${summary.seconds} s`);
    console.log(
      `  ${what}: ${Object.entries(out.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    for (const x of out.problems.slice(0, 20))
      console.log(`  第 ${x.row} 行 row ${x.row}${x.column ? ` [${x.column}]` : ''}: ${x.message}`);
    if (out.problems.length > 20) console.log(`  … ${out.problems.length - 20} more problems (use --json for all)`);
  });
}

const cliActor = { id: null, username: 'cli' };

/** `fupin village-points import FILE`: 村代码 · 经度 · 纬度 · 坐标系. */
export async function villagePointsImportCommand(file: string, opts: Opts) {
  const input = { path: path.resolve(file), filename: path.basename(file) };
  await run(file, opts, '村点位 points', ({ db, scope, commit }) => importPoints(db, cliActor, scope, input, { commit, lang: 'zh-CN' }));
}

/** `fupin checkins import FILE`: another app's check-ins (姓名 · 证件号码 · 打卡时间 · 经度 · 纬度 · 精度(米) · 设备号 · 坐标系). */
export async function checkinsImportCommand(file: string, opts: Opts) {
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const input = { path: path.resolve(file), filename: path.basename(file) };
  await run(file, opts, '打卡记录 check-ins', ({ db, scope, commit }) =>
    importCheckins(db, keys, cliActor, scope, input, { commit, lang: 'zh-CN' }),
  );
}
