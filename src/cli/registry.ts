import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Actor } from '../modules/audit/service.ts';
import * as audit from '../modules/audit/service.ts';
import { loadOrCreateKeys } from '../modules/pii/crypto.ts';
import { findRegion } from '../modules/regions/queries.ts';
import { exportRows } from '../modules/registry/export.ts';
import { exportNaming } from '../modules/registry/export-name.ts';
import { type FileProgress, stageFile, writeReport } from '../modules/registry/import/file.ts';
import { commit, discard, problems, registerYear } from '../modules/registry/import/service.ts';
import { dropStagedRows } from '../modules/registry/import/staging.ts';
import { InterchangeError } from '../modules/registry/interchange/errors.ts';
import { writeRegisterCsv, writeRegisterXlsx } from '../modules/registry/interchange/write.ts';
import { filterOf } from '../modules/registry/service.ts';
import { DEFAULT_PROVINCE } from '../server/bootstrap.ts';
import { loadModuleDemos } from '../server/module-demos.ts';
import { printTimings } from '../server/timing.ts';
import { withDatabase } from './context.ts';

const CLI_ACTOR: Actor = { id: null, username: 'cli' };

function progressLine(p: FileProgress) {
  const total = p.totalRows ? ` / ${p.totalRows.toLocaleString('en')}` : '';
  const left = p.secondsLeft !== null ? `, ~${p.secondsLeft} s left` : '';
  process.stderr.write(`\r${p.phase}: ${p.rows.toLocaleString('en')}${total} rows, ${p.rate.toLocaleString('en')} rows/s${left}    `);
}

export async function importCommand(file: string, opts: { scope?: string; dryRun?: boolean; report?: string; json?: boolean }) {
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  if (!existsSync(file)) {
    console.error(`fupin: 文件不存在 / no such file: ${file}`);
    process.exit(2);
  }
  await withDatabase(async ({ db }) => {
    if (!(await findRegion(db, scope))) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const started = Date.now();
    let staged: Awaited<ReturnType<typeof stageFile>>;
    try {
      staged = await stageFile(
        db,
        keys,
        { path: path.resolve(file), filename: path.basename(file), scopeCode: scope, actor: CLI_ACTOR },
        opts.json ? undefined : progressLine,
      );
    } catch (e) {
      if (e instanceof InterchangeError) {
        console.error(`\nfupin: ${e.messageFor('zh-CN')}\n       ${e.messageFor('en')}`);
        process.exit(2);
      }
      throw e;
    }
    if (!opts.json) process.stderr.write('\n');
    const counts = opts.dryRun ? staged.counts : await commit(db, staged.batchId, CLI_ACTOR);
    const list = await problems(db, staged.batchId, 'zh-CN');
    if (opts.report) await writeReport(db, staged.batchId, path.resolve(file), path.resolve(opts.report), 'zh-CN');
    if (opts.dryRun) await discard(db, staged.batchId);
    else await dropStagedRows(db, staged.batchId);
    const summary = {
      file,
      scope,
      dryRun: Boolean(opts.dryRun),
      batchId: staged.batchId,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      rows: counts.rows,
      households: {
        imported: counts.households.new,
        updated: counts.households.updated,
        unchanged: counts.households.unchanged,
        rejected: counts.households.rejected,
      },
      persons: {
        imported: counts.persons.new,
        updated: counts.persons.updated,
        unchanged: counts.persons.unchanged,
        rejected: counts.persons.rejected,
      },
      problems: list.map((p) => ({ row: p.row, column: p.column, code: p.code, message: p.message })),
    };
    if (opts.json) {
      console.log(JSON.stringify(summary));
      return;
    }
    const h = summary.households;
    const pp = summary.persons;
    console.log(
      `${opts.dryRun ? '预检（未写入）/ dry run (nothing written)' : '已导入 / imported'}: ${summary.rows} rows in ${summary.seconds} s`,
    );
    console.log(`  户 households: ${h.imported} new, ${h.updated} updated, ${h.unchanged} unchanged, ${h.rejected} rejected`);
    console.log(`  人 persons:    ${pp.imported} new, ${pp.updated} updated, ${pp.unchanged} unchanged, ${pp.rejected} rejected`);
    for (const p of list.slice(0, 20)) console.log(`  第 ${p.row} 行 row ${p.row}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
    if (list.length > 20)
      console.log(`  … ${list.length - 20} more problems${opts.report ? `, see ${opts.report}` : ' (use --report OUT.xlsx)'}`);
  });
}

export async function exportCommand(out: string, opts: { scope?: string; unmask?: boolean; status?: string; lang?: string }) {
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  const format = out.toLowerCase().endsWith('.csv') ? 'csv' : out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
  if (!format) throw new Error('输出文件须为 .xlsx 或 .csv / the output file must end in .xlsx or .csv');
  await withDatabase(async ({ db }) => {
    const region = await findRegion(db, scope);
    if (!region) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const filter = await filterOf(db, keys, { region: scope, status: opts.status });
    if (opts.unmask) {
      await audit.record(db, CLI_ACTOR, {
        scopeCode: scope,
        entity: 'register',
        entityId: scope,
        action: 'export_unmasked',
        after: { file: path.basename(out) },
      });
    }
    const lang = opts.lang === 'en' ? 'en' : 'zh-CN';
    const rows = exportRows(db, keys, filter, Boolean(opts.unmask));
    const { title } = exportNaming({
      scopeName: region.name,
      filter: { status: opts.status },
      date: new Date().toISOString().slice(0, 10),
      registerYear: await registerYear(db),
      format,
      lang,
    });
    // A path, not a stream: the writer closes the file and reports a failed write (disk full) instead of leaving it open.
    const result = format === 'csv' ? await writeRegisterCsv(out, rows, { lang }) : await writeRegisterXlsx(out, rows, { lang, title });
    console.log(`exported ${result.rows} person rows of ${region.name} to ${out}${opts.unmask ? ' (ID numbers unmasked, audited)' : ''}`);
  });
}

export async function demoCommand(opts: { scale: string; seed?: string }) {
  const scale = Number(opts.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2)
    throw new Error(`--scale 取 0 到 2 之间的数 / --scale takes a number from 0 to 2, got "${opts.scale}"`);
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const { loadDemo } = await import('../modules/registry/demo/load.ts');
  await withDatabase(async ({ db }) => {
    const started = Date.now();
    const r = await loadDemo(db, keys, { scale, seed: opts.seed ? Number(opts.seed) : undefined }, (p) => {
      const s = (Date.now() - started) / 1000;
      process.stderr.write(
        `\r${p.persons.toLocaleString('en')} / ${p.totalPersons.toLocaleString('en')} persons, ${Math.round(p.persons / s).toLocaleString('en')} persons/s   `,
      );
    });
    process.stderr.write('\n');
    console.log(
      `demo register loaded: ${r.households} households, ${r.persons} persons, ${r.poorVillages} poor villages in ${Math.round((Date.now() - started) / 100) / 10} s`,
    );
    printTimings();
    await loadModuleDemos(db, keys, { scale, seed: opts.seed ? Number(opts.seed) : undefined }, (m) => console.log(m));
  });
}
