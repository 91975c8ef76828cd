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

const run = promisify(execFile);
const BIN = path.resolve('bin/fupin.mjs');

async function fupin(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 600_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/**
 * `fupin party import|export` on both engines: organisations then members from CSV (a dry run writes nothing, a bad
 * row exits 1), an unmasked export of the members that imports again unchanged, the rectification ledger imported
 * (its cases through the procedure), exported and imported again unchanged, and an unknown kind refused with exit 2.
 */
describe.each(engines())('fupin party on %s', (engine) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-party-cli-'));
  const env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: '' };
  let dropDb: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    if (engine === 'citus') {
      // A copy of the distributed template: an empty database on the coordinator would not be distributed.
      const c = await seededServerDatabase(engine);
      env.DATABASE_URL = c.url;
      dropDb = c.drop;
    } else if (engine === 'postgresql') {
      const name = `fupin_party_cli_${randomBytes(4).toString('hex')}`;
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

  it('imports organisations and members, exports them, and imports the export again unchanged', async () => {
    const orgs = path.join(dir, 'orgs.csv');
    writeFileSync(
      orgs,
      [
        '村代码,行政村,组织名称,组织类型,成立日期,书记姓名,书记证件号码,是否一肩挑,书记任职日期',
        `211381109201,海丰村,中共海丰村支部委员会,党支部,1998-07-01,韩书记,${makeId('211381', '1966-03-03', 71, true)},是,2021-01-01`,
      ].join('\n'),
    );
    const dry = await fupin(env, 'party', 'import', orgs, '--kind', 'orgs', '--scope', '211381', '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({ dryRun: true, records: { new: 1 }, committed: false });
    const o = await fupin(env, 'party', 'import', orgs, '--kind', 'orgs', '--scope', '211381', '--json');
    expect(JSON.parse(o.out)).toMatchObject({ records: { new: 1 }, committed: true, secretaries: 1 });

    const members = path.join(dir, 'members.csv');
    const rows = [
      '姓名,证件号码,性别,村代码,入党日期,岗位,是否致富带头人,致富产业',
      `冯党员,${makeId('211381', '1979-04-04', 81, true)},男,211381109201,2003-07-01,产业发展岗,是,食用菌`,
      `陈党员,${makeId('211381', '1983-08-08', 82, false)},女,211381109201,2009-07-01,,否,`,
      `错党员,211381198301011234,男,211381109201,2009-07-01,,否,`,
    ];
    writeFileSync(members, rows.join('\n'));
    const bad = await fupin(env, 'party', 'import', members, '--kind', 'members', '--scope', '211381', '--dry-run', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ rows: 3, rowsWithProblems: 1, records: { new: 2, rejected: 1 } });
    const m = await fupin(env, 'party', 'import', members, '--kind', 'members', '--scope', '211381', '--json');
    expect(JSON.parse(m.out)).toMatchObject({ records: { new: 2 }, committed: true });

    const out = path.join(dir, 'export.csv');
    const e = await fupin(env, 'party', 'export', '--kind', 'members', '--scope', '211381', '--out', out, '--unmask');
    expect(e.code, e.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('冯党员');
    const again = await fupin(env, 'party', 'import', out, '--kind', 'members', '--scope', '211381', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ rows: 2, rowsWithProblems: 0, records: { new: 0, unchanged: 2 } });
  }, 600_000);

  it('imports the rectification ledger, exports it, and imports the export again unchanged', async () => {
    const ledger = path.join(dir, 'ledger.csv');
    writeFileSync(
      ledger,
      [
        '序号,乡(镇),行政村,村代码,整顿年度,软弱涣散类型,整顿措施(一村一策),县级联系领导,乡镇包村干部,整顿时限,整顿进展,状态,销号日期',
        '1,东官营镇,海丰村,211381109201,2021,无活动场所,新建活动场所,王县长,李委员,2021-12-31,"2021-05-01 选定场所\n2021-08-01 开工",已销号,2021-11-20',
        '2,东官营镇,海丰村,211381109201,2022,组织生活流于形式,,,,,,已认定,',
        '3,东官营镇,海丰村,211381109201,2023,不在清单中的类型,,,,,,已认定,',
      ].join('\n'),
    );
    const dry = await fupin(env, 'party', 'import', ledger, '--kind', 'ledger', '--scope', '211381', '--dry-run', '--json');
    expect(dry.code, dry.err).toBe(1);
    const preview = JSON.parse(dry.out);
    expect(preview).toMatchObject({ dryRun: true, rows: 3, rowsWithProblems: 1, records: { new: 2, rejected: 1 }, committed: false });
    expect(preview.problems).toMatchObject([{ row: 4, code: 'PARTY_LEDGER_CAUSE_UNKNOWN' }]);
    const done = await fupin(env, 'party', 'import', ledger, '--kind', 'ledger', '--scope', '211381', '--json');
    expect(done.code, done.err).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ records: { new: 2 }, committed: true });

    const out = path.join(dir, 'ledger-export.csv');
    const e = await fupin(env, 'party', 'export', '--kind', 'ledger', '--scope', '211381', '--out', out);
    expect(e.code, e.err).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('软弱涣散类型');
    expect(lines.join('\n')).toContain('已销号');
    const again = await fupin(env, 'party', 'import', out, '--kind', 'ledger', '--scope', '211381', '--json');
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ rows: 2, rowsWithProblems: 0, records: { new: 0, unchanged: 2 }, committed: false });
  }, 600_000);

  it('refuses an unknown kind with exit 2', async () => {
    const r = await fupin(env, 'party', 'export', '--kind', 'nonsense');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--kind');
  });
});
