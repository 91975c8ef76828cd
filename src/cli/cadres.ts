import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import * as audit from '../modules/audit/service.ts';
import { exportPostingRows, postingsExportNaming } from '../modules/cadres/export.ts';
import { commitPostings } from '../modules/cadres/import/commit.ts';
import { POSTING_CATALOGUE } from '../modules/cadres/import/problems.ts';
import { stagePostingsFile } from '../modules/cadres/import/service.ts';
import { POSTINGS } from '../modules/cadres/interchange.ts';
import { POSTING } from '../modules/cadres/procedures.ts';
import { loadOrCreateKeys } from '../modules/pii/crypto.ts';
import { assertMayOpen } from '../modules/procedures/service.ts';
import { findRegion } from '../modules/regions/queries.ts';
import { type FileProgress, openReport } from '../modules/registry/import/file.ts';
import { discard, problems } from '../modules/registry/import/service.ts';
import { InterchangeError } from '../modules/registry/interchange/errors.ts';
import { writeSheetCsv, writeSheetXlsx } from '../modules/registry/interchange/write.ts';
import { DEFAULT_PROVINCE } from '../server/bootstrap.ts';
import { cliActor, withDatabase } from './context.ts';

/**
 * The command line acts as an operator of the scope it is given (a county operator for a county code): the procedure's
 * rules then judge it as they judge that user (a township scope may not open postings).
 */

function progressLine(p: FileProgress) {
  const total = p.totalRows ? ` / ${p.totalRows.toLocaleString('en')}` : '';
  process.stderr.write(`\r${p.phase}: ${p.rows.toLocaleString('en')}${total} rows, ${p.rate.toLocaleString('en')} rows/s    `);
}

/**
 * `fupin cadres import FILE`: preview, then (unless --dry-run) commit the new postings. Exit status 0 when something
 * was committed or nothing had a problem, 1 when rows have problems and nothing was committed, 2 when the file cannot
 * be read.
 */
export async function cadresImportCommand(file: string, opts: { scope?: string; dryRun?: boolean; report?: string; json?: boolean }) {
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  if (!existsSync(file)) {
    console.error(`fupin: 文件不存在 / no such file: ${file}`);
    process.exit(2);
  }
  await withDatabase(async ({ db }) => {
    if (!(await findRegion(db, scope))) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const actor = cliActor(scope);
    assertMayOpen(POSTING, actor);
    const started = Date.now();
    let staged: Awaited<ReturnType<typeof stagePostingsFile>>;
    try {
      staged = await stagePostingsFile(
        db,
        keys,
        { path: path.resolve(file), filename: path.basename(file), scopeCode: scope, actor },
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
    const batchId = staged.batchId;
    // The problems and the report come from the staged rows, which a commit removes.
    const list = await problems<string>(db, batchId, 'zh-CN', { kind: 'postings', catalogue: POSTING_CATALOGUE });
    if (opts.report) {
      const write = await openReport(db, batchId, path.resolve(file), 'zh-CN', { kind: 'postings', catalogue: POSTING_CATALOGUE });
      await write(path.resolve(opts.report));
    }
    const counts = opts.dryRun ? staged.counts : await commitPostings(db, keys, actor, batchId);
    if (opts.dryRun) await discard(db, batchId);
    const committed = !opts.dryRun && counts.postings.new > 0;
    if (counts.rowsWithProblems > 0 && !committed) process.exitCode = 1;
    const summary = {
      file,
      scope,
      dryRun: Boolean(opts.dryRun),
      batchId,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      rows: counts.rows,
      rowsWithProblems: counts.rowsWithProblems,
      postings: counts.postings,
      inPost: counts.inPost,
      proposed: counts.proposed,
      persons: counts.persons,
      units: { new: counts.units.new, list: counts.unitsToCreate },
      committed,
      problems: list.map((p) => ({ row: p.row, column: p.column, code: p.code, message: p.message })),
    };
    if (opts.json) {
      console.log(JSON.stringify(summary));
      return;
    }
    const p = counts.postings;
    console.log(
      `${opts.dryRun ? '预检（未写入）/ dry run (nothing written)' : '已导入 / imported'}: ${counts.rows} rows in ${summary.seconds} s`,
    );
    console.log(
      `  任职 postings: ${p.new} new (${counts.inPost} in post, ${counts.proposed} proposed), ${p.unchanged} unchanged, ${p.rejected} rejected`,
    );
    console.log(`  人员 persons: ${counts.persons.new} new; 派出单位 units: ${counts.units.new} new`);
    for (const u of counts.unitsToCreate) console.log(`    + ${u.regionName} ${u.name} (${u.level})`);
    for (const x of list.slice(0, 20)) console.log(`  第 ${x.row} 行 row ${x.row}${x.column ? ` [${x.column}]` : ''}: ${x.message}`);
    if (list.length > 20)
      console.log(`  … ${list.length - 20} more problems${opts.report ? `, see ${opts.report}` : ' (use --report OUT.xlsx)'}`);
  });
}

/** `fupin cadres export OUT`: the postings of a scope in the import format; masked unless --unmask (audited). */
export async function cadresExportCommand(
  out: string,
  opts: { scope?: string; unmask?: boolean; state?: string; role?: string; lang?: string },
) {
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  const format = out.toLowerCase().endsWith('.csv') ? 'csv' : out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
  if (!format) throw new Error('输出文件须为 .xlsx 或 .csv / the output file must end in .xlsx or .csv');
  await withDatabase(async ({ db }) => {
    const region = await findRegion(db, scope);
    if (!region) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    const filter = { region: scope, state: opts.state, role: opts.role };
    if (opts.unmask) {
      await audit.record(
        db,
        { id: null, username: 'cli' },
        {
          scopeCode: scope,
          entity: 'cadre_postings',
          entityId: scope,
          action: 'export_unmasked',
          after: { file: path.basename(out), filter },
        },
      );
    }
    const lang = opts.lang === 'en' ? 'en' : 'zh-CN';
    const { title } = postingsExportNaming({ scopeName: region.name, filter, date: new Date().toISOString().slice(0, 10), format, lang });
    const rows = exportPostingRows(db, keys, filter, Boolean(opts.unmask));
    // A path, not a stream: the writer closes the file and reports a failed write instead of leaving it open.
    const result =
      format === 'csv'
        ? await writeSheetCsv(out, rows, { lang, columnSet: POSTINGS })
        : await writeSheetXlsx(out, rows, { lang, title, columnSet: POSTINGS });
    console.log(
      `exported ${result.rows} postings of ${region.name} to ${out}${opts.unmask ? ' (ID numbers and phones unmasked, audited)' : ''}`,
    );
  });
}
