import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, seededServerDatabase } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { POSTING_HEADER, sheetRows } from '../support/postings-file.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/fupin.mjs');

async function fupin(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 180_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/**
 * `fupin cadres import` and `fupin cadres export` on both engines: a dry run with a bad row (exit 1, nothing written),
 * the import, an unmasked and a masked export that import again unchanged, and a township scope refused.
 */
describe.each(engines())('fupin cadres on %s', (engine) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-cadres-cli-'));
  const env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: '' };
  let dropDb: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (engine === 'citus') {
      // A copy of the distributed template: an empty database on the coordinator would not be distributed.
      const c = await seededServerDatabase(engine);
      env.DATABASE_URL = c.url;
      dropDb = c.drop;
    } else if (engine === 'postgresql') {
      const name = `fupin_cadres_cli_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDb = async () => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    }
    expect((await fupin(env, 'regions', 'import', '--province', '21')).code).toBe(0);
  }, 400_000);
  afterAll(async () => dropDb?.());

  it('imports postings, refuses what is wrong, and exports a file that imports again unchanged', async () => {
    const a = makeId('211302', '1982-02-02', 31, true);
    const b = makeId('211302', '1986-06-06', 32, false);
    const bad = `${a.slice(0, 17)}${a.endsWith('0') ? '1' : '0'}`;
    const csv = [
      POSTING_HEADER.join(','),
      `李书记,${a},男,北票市农业农村局,县级,副局长,是,13900002222,朝阳市,北票市,东官营镇,海丰村,211381109201,第一书记,2024-04-01,`,
      `赵队员,${b},女,朝阳市财政局,市级,科员,否,,朝阳市,北票市,东官营镇,三家村,,工作队员,2024-05-01,2026-05-01`,
      `错号码,${bad},男,北票市农业农村局,县级,科员,是,,,,,,211381109201,工作队员,2024-05-01,`,
    ].join('\r\n');
    const file = path.join(dir, 'postings.csv');
    writeFileSync(file, `\ufeff${csv}`);

    const dry = await fupin(env, 'cadres', 'import', file, '--scope', '211381', '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(1);
    const drySummary = JSON.parse(dry.out);
    expect(drySummary).toMatchObject({
      dryRun: true,
      committed: false,
      rows: 3,
      rowsWithProblems: 1,
      postings: { new: 2, unchanged: 0, rejected: 1 },
      inPost: 2,
      units: { new: 2 },
    });
    expect(drySummary.problems).toEqual([expect.objectContaining({ row: 4, column: 'id_number', code: 'ID_BAD_CHECKSUM' })]);

    const township = await fupin(env, 'cadres', 'import', file, '--scope', '211381109', '--json');
    expect(township.code).not.toBe(0);
    expect(township.err).toContain('县级');

    const real = await fupin(env, 'cadres', 'import', file, '--scope', '211381', '--json', '--report', path.join(dir, 'report.xlsx'));
    expect(real.code, real.err).toBe(0);
    expect(JSON.parse(real.out)).toMatchObject({ committed: true, postings: { new: 2, unchanged: 0, rejected: 1 } });
    const report = await sheetRows(readFileSync(path.join(dir, 'report.xlsx')));
    expect(report.slice(1).map((r) => [r[0], r[1], r[POSTING_HEADER.length + 1] ? 'problem' : 'ok'])).toEqual([
      [2, '李书记', 'ok'],
      [3, '赵队员', 'ok'],
      [4, '错号码', 'problem'],
    ]);

    const out = path.join(dir, 'export.xlsx');
    const exported = await fupin(env, 'cadres', 'export', out, '--scope', '211381', '--unmask');
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('exported 2 postings');
    const sheet = await sheetRows(readFileSync(out));
    expect(sheet[1]).toEqual([...POSTING_HEADER]);
    expect(sheet.slice(2).map((r) => [r[0], r[1], r[12], r[13]])).toEqual([
      ['李书记', a, '211381109201', '第一书记'],
      ['赵队员', b, '211381109202', '工作队员'],
    ]);
    const again = await fupin(env, 'cadres', 'import', out, '--scope', '211381', '--json');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ rowsWithProblems: 0, committed: false, postings: { new: 0, unchanged: 2, rejected: 0 } });

    const masked = path.join(dir, 'masked.csv');
    expect((await fupin(env, 'cadres', 'export', masked, '--scope', '211381')).code).toBe(0);
    expect(readFileSync(masked, 'utf8')).not.toContain(a);
    const maskedAgain = JSON.parse((await fupin(env, 'cadres', 'import', masked, '--scope', '211381', '--json')).out);
    expect(maskedAgain).toMatchObject({ rowsWithProblems: 0, postings: { new: 0, unchanged: 2, rejected: 0 } });
  }, 600_000);
});
