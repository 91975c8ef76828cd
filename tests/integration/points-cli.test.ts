import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, seededServerDatabase } from '../support/db.ts';
import { makeId } from '../support/ids.ts';
import { POSTING_HEADER } from '../support/postings-file.ts';

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
 * `fupin village-points import` and `fupin checkins import` on both engines: a bad file exits 1 and writes nothing, a
 * good one commits (exit 0) and again is all unchanged, an unreadable file exits 2, a township scope is refused.
 */
describe.each(engines())('fupin village-points and checkins on %s', (engine) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-points-cli-'));
  const env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: '' };
  let dropDb: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (engine === 'citus') {
      // A copy of the distributed template: an empty database on the coordinator would not be distributed.
      const c = await seededServerDatabase(engine);
      env.DATABASE_URL = c.url;
      dropDb = c.drop;
    } else if (engine === 'postgresql') {
      const name = `fupin_points_cli_${randomBytes(4).toString('hex')}`;
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

  it('imports village points from an xlsx: problems exit 1 with nothing written, then commit, then unchanged', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('村点位');
    sheet.addRow(['北票市村点位']);
    sheet.addRow(['村代码', '经度', '纬度', '坐标系']);
    sheet.addRow(['211381109201', 120.7734, 41.8012, 'WGS84']);
    sheet.addRow(['211381109202', 120.789, 41.7921, 'GCJ-02']);
    const good = path.join(dir, 'points.xlsx');
    await book.xlsx.writeFile(good);
    sheet.addRow(['211381109203', 'abc', 41.8, '']);
    const bad = path.join(dir, 'points-bad.xlsx');
    await book.xlsx.writeFile(bad);

    const refused = await fupin(env, 'village-points', 'import', bad, '--scope', '211381', '--json');
    expect(refused.code, refused.err).toBe(1);
    const r = JSON.parse(refused.out);
    expect(r).toMatchObject({ committed: false, rows: 3, rowsWithProblems: 1, counts: { new: 2, rejected: 1 } });
    expect(r.problems).toEqual([expect.objectContaining({ row: 5, column: 'lon', code: 'BAD_COORDINATE' })]);

    const township = await fupin(env, 'village-points', 'import', good, '--scope', '211381109', '--json');
    expect(township.code).toBe(1);
    expect(township.err).toContain('县级');

    const ok = await fupin(env, 'village-points', 'import', good, '--scope', '211381', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ committed: true, counts: { new: 2, updated: 0, unchanged: 0, rejected: 0 } });
    const again = await fupin(env, 'village-points', 'import', good, '--scope', '211381', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ committed: true, counts: { new: 0, unchanged: 2 } });

    const text = await fupin(env, 'village-points', 'import', good, '--scope', '211381');
    expect(text.out).toContain('2 unchanged');

    const broken = path.join(dir, 'broken.xlsx');
    writeFileSync(broken, 'PK\u0003\u0004 not really a zip');
    expect((await fupin(env, 'village-points', 'import', broken, '--scope', '211381')).code).toBe(2);
  }, 600_000);

  it('imports another app’s check-ins for a posting imported by `fupin cadres import`', async () => {
    const id = makeId('211302', '1982-02-02', 51, true);
    const postings = path.join(dir, 'postings.csv');
    writeFileSync(
      postings,
      `\ufeff${POSTING_HEADER.join(',')}\r\n李书记,${id},男,北票市农业农村局,县级,副局长,是,,朝阳市,北票市,东官营镇,海丰村,211381109201,第一书记,2024-04-01,`,
    );
    expect((await fupin(env, 'cadres', 'import', postings, '--scope', '211381', '--json')).code).toBe(0);

    const header = '姓名,证件号码,打卡时间,经度,纬度,精度(米),设备号,坐标系';
    const file = path.join(dir, 'kaoqin.csv');
    writeFileSync(
      file,
      `\ufeff${header}\r\n李书记,${id},2024-05-06 07:58:00,120.7734,41.8012,20,A-1,\r\n李书记,${id},2024-05-06 20:31:10,120.7791,41.8033,35,A-1,火星坐标\r\n`,
    );
    const early = path.join(dir, 'kaoqin-early.csv');
    writeFileSync(early, `\ufeff${header}\r\n李书记,${id},2024-03-06 07:58:00,120.7734,41.8012,20,A-1,\r\n`);

    const none = await fupin(env, 'checkins', 'import', early, '--scope', '211381', '--json');
    expect(none.code, none.err).toBe(1);
    expect(JSON.parse(none.out).problems).toEqual([expect.objectContaining({ row: 2, code: 'NO_POSTING_ON_DATE' })]);

    const ok = await fupin(env, 'checkins', 'import', file, '--scope', '211381', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ committed: true, counts: { new: 2, unchanged: 0 } });
    const again = await fupin(env, 'checkins', 'import', file, '--scope', '211381', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ committed: true, counts: { new: 0, unchanged: 2 } });
    expect((await fupin(env, 'checkins', 'import', path.join(dir, 'missing.csv'))).code).toBe(2);
  }, 600_000);
});
