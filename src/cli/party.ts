import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import * as audit from '../modules/audit/service.ts';
import { PARTY_KIND_NAMES, PARTY_KINDS, type PartyKindDef, type PartyKindName } from '../modules/party/kinds.ts';
import { loadOrCreateKeys } from '../modules/pii/crypto.ts';
import { findRegion } from '../modules/regions/queries.ts';
import { discard, problems } from '../modules/registry/import/service.ts';
import { InterchangeError } from '../modules/registry/interchange/errors.ts';
import { writeSheetCsv, writeSheetXlsx } from '../modules/registry/interchange/write.ts';
import { DEFAULT_PROVINCE } from '../server/bootstrap.ts';
import { cliActor, withDatabase } from './context.ts';

/** The kind's definition, or exit 2 with a clear message: unknown, or not available yet (another part brings it). */
function kindOf(name: string | undefined): PartyKindDef {
  if (!name || !(PARTY_KIND_NAMES as readonly string[]).includes(name)) {
    console.error(`fupin: --kind 须为 ${PARTY_KIND_NAMES.join(' | ')} / --kind must be one of ${PARTY_KIND_NAMES.join(', ')}`);
    process.exit(2);
  }
  const def = PARTY_KINDS[name as PartyKindName];
  if (!def) {
    console.error(`fupin: “${name}”类表格的导入导出尚未提供 / import and export of "${name}" spreadsheets are not available yet`);
    process.exit(2);
  }
  return def;
}

/**
 * `fupin party import FILE --kind orgs|members|ledger|funds`: preview, then (unless --dry-run) commit. Exit status 0 when something
 * was committed or nothing had a problem, 1 when rows have problems and nothing was committed, 2 when the file or the
 * kind cannot be used.
 */
export async function partyImportCommand(file: string, opts: { kind?: string; scope?: string; dryRun?: boolean; json?: boolean }) {
  const def = kindOf(opts.kind);
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
    const started = Date.now();
    let staged: Awaited<ReturnType<PartyKindDef['stage']>>;
    try {
      staged = await def.stage(db, keys, { path: path.resolve(file), filename: path.basename(file), scopeCode: scope, actor });
    } catch (e) {
      if (e instanceof InterchangeError) {
        console.error(`fupin: ${e.messageFor('zh-CN')}\n       ${e.messageFor('en')}`);
        process.exit(2);
      }
      throw e;
    }
    const list = await problems<string>(db, staged.batchId, 'zh-CN', { kind: def.batchKind, catalogue: def.catalogue });
    const counts = opts.dryRun ? staged.counts : await def.commit(db, actor, staged.batchId);
    if (opts.dryRun) await discard(db, staged.batchId);
    // The ledger's re-import also updates cases on file (new progress, steps forward).
    const updated = 'updated' in counts.records ? Number(counts.records.updated) : 0;
    const committed = !opts.dryRun && counts.records.new + updated > 0;
    if (counts.rowsWithProblems > 0 && !committed) process.exitCode = 1;
    const summary = {
      file,
      kind: opts.kind,
      scope,
      dryRun: Boolean(opts.dryRun),
      batchId: staged.batchId,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ...counts,
      committed,
      problems: list.map((p) => ({ row: p.row, column: p.column, code: p.code, message: p.message })),
    };
    if (opts.json) {
      console.log(JSON.stringify(summary));
      return;
    }
    const r = counts.records;
    console.log(
      `${opts.dryRun ? '预检（未写入）/ dry run (nothing written)' : '已导入 / imported'}: ${counts.rows} rows in ${summary.seconds} s`,
    );
    console.log(
      `  ${def.label.zh} ${def.label.en}: ${r.new} new, ${updated ? `${updated} updated, ` : ''}${r.unchanged} unchanged, ${r.rejected} rejected; 人员 persons: ${counts.persons.new} new`,
    );
    for (const x of list.slice(0, 20)) console.log(`  第 ${x.row} 行 row ${x.row}${x.column ? ` [${x.column}]` : ''}: ${x.message}`);
    if (list.length > 20) console.log(`  … ${list.length - 20} more problems`);
  });
}

/** `fupin party export --kind orgs|members|ledger|funds [--scope CODE] [--out FILE]`: masked unless --unmask (audited). */
export async function partyExportCommand(opts: { kind?: string; scope?: string; out?: string; unmask?: boolean; lang?: string }) {
  const def = kindOf(opts.kind);
  const config = loadConfig();
  const keys = loadOrCreateKeys({ key: config.key, keyFile: config.keyFile });
  const scope = opts.scope ?? DEFAULT_PROVINCE;
  const out = opts.out ?? `party-${opts.kind}-${scope}.xlsx`;
  const format = out.toLowerCase().endsWith('.csv') ? 'csv' : out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : null;
  if (!format) throw new Error('输出文件须为 .xlsx 或 .csv / the output file must end in .xlsx or .csv');
  await withDatabase(async ({ db }) => {
    const region = await findRegion(db, scope);
    if (!region) throw new Error(`区划代码 ${scope} 不存在 / no region has the code ${scope}`);
    if (opts.unmask) {
      await audit.record(
        db,
        { id: null, username: 'cli' },
        { scopeCode: scope, entity: def.batchKind, entityId: scope, action: 'export_unmasked', after: { file: path.basename(out) } },
      );
    }
    const lang = opts.lang === 'en' ? 'en' : 'zh-CN';
    const title = `${region.name} ${lang === 'en' ? def.label.en : def.label.zh} ${new Date().toISOString().slice(0, 10)}`;
    const rows = def.rows(db, keys, scope, Boolean(opts.unmask), lang);
    const result =
      format === 'csv'
        ? await writeSheetCsv(out, rows, { lang, columnSet: def.columns })
        : await writeSheetXlsx(out, rows, { lang, title, columnSet: def.columns });
    console.log(`${out}: ${JSON.stringify(result)}`);
  });
}
