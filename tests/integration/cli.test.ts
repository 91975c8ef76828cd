import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/db.ts';
import { makeId } from '../support/ids.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/fupin.mjs');

async function fupin(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('fupin --help', () => {
  it('lists the commands, and serve --help lists the environment', async () => {
    const top = await fupin({}, '--help');
    for (const c of ['serve', 'migrate', 'regions', 'user']) expect(top.out).toContain(c);
    const serve = await fupin({}, 'serve', '--help');
    for (const v of ['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'FUPIN_KEY_FILE']) expect(serve.out).toContain(v);
    expect((await fupin({}, 'user', 'add', '--help')).out).toContain('--scope');
    expect((await fupin({}, 'regions', 'import', '--help')).out).toContain('--province');
  });
});

describe('fupin demo', () => {
  it('refuses to load a demo register before the regions are loaded, and says what to run', async () => {
    const r = await fupin(
      { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'fupin-cli-demo-')), DATABASE_URL: '' },
      'demo',
      '--scale',
      '0.001',
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('fupin regions import --province 21');
  });
});

// Migrates an empty database from nothing: on Citus it would be a plain database on the coordinator, so not there.
describe.each(engines().filter((e) => e !== 'citus'))('fupin CLI on %s', (engine) => {
  const env: Record<string, string> = { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'fupin-cli-')), DATABASE_URL: '' };
  let dropDb: (() => Promise<void>) | null = null;
  let client: pg.Client | null = null;

  beforeAll(async () => {
    if (engine === 'postgresql') {
      const name = `fupin_cli_${randomBytes(4).toString('hex')}`;
      client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      dropDb = async () => {
        await client?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client?.end();
      };
    }
  });
  afterAll(async () => dropDb?.());

  it('migrates, imports a province, and manages users', async () => {
    const m = await fupin(env, 'migrate');
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/migrations applied/);

    const bad = await fupin(env, 'regions', 'import', '--province', '99');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/99/);
    const malformed = await fupin(env, 'regions', 'import', '--province', 'liaoning');
    expect(malformed.code).not.toBe(0);

    const imp = await fupin(env, 'regions', 'import', '--province', '21');
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('14 cities, 100 counties, 1406 townships, 16727 villages');
    // A second import changes nothing and still succeeds.
    expect((await fupin(env, 'regions', 'import', '--province', '21')).out).toContain('16727 villages');

    const add = await fupin(
      env,
      'user',
      'add',
      '--username',
      'clerk1',
      '--name',
      '县办文员',
      '--role',
      'county_operator',
      '--scope',
      '211381',
    );
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/initial password: \S{16}/);
    const dup = await fupin(env, 'user', 'add', '--username', 'clerk1', '--name', 'x', '--role', 'leader', '--scope', '21');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toContain('clerk1');
    const wrongLevel = await fupin(
      env,
      'user',
      'add',
      '--username',
      'clerk2',
      '--name',
      'x',
      '--role',
      'county_operator',
      '--scope',
      '2113',
    );
    expect(wrongLevel.code).not.toBe(0);
    const unknownScope = await fupin(env, 'user', 'add', '--username', 'clerk3', '--name', 'x', '--role', 'leader', '--scope', '219999');
    expect(unknownScope.err).toMatch(/219999/);

    expect((await fupin(env, 'user', 'reset-password', 'clerk1', '--password', 'Reset#2024')).code).toBe(0);
    expect((await fupin(env, 'user', 'disable', 'clerk1')).out).toContain('disabled');
    expect((await fupin(env, 'user', 'disable', 'ghost')).code).not.toBe(0);

    // The register: a GBK-encoded CSV as an old county system writes it, one good household and one bad row.
    const id = (birth: string, seq: number, male: boolean) => makeId('211381', birth, seq, male);
    const csv = [
      '市,县(市、区),乡(镇),行政村,户编号,姓名,证件号码,与户主关系,性别,贫困户属性,主要致贫原因,识别年度,户状态,人均纯收入(元)',
      `朝阳市,北票市,东官营镇,海丰村,CLI01,陈志强,${id('1971-04-04', 11, true)},户主,男,低保贫困户,因残,2016,未脱贫,2600`,
      `朝阳市,北票市,东官营镇,海丰村,CLI01,陈小梅,${id('1999-08-08', 12, false)},之女,女,低保贫困户,因残,2016,未脱贫,2600`,
      `朝阳市,北票市,东官营镇,海丰村,CLI02,林海,2.11381E+17,户主,男,一般贫困户,因病,2016,未脱贫,2600`,
    ].join('\r\n');
    const file = path.join(env.DATA_DIR as string, 'register.csv');
    writeFileSync(file, iconv.encode(csv, 'gbk'));
    const dry = await fupin(env, 'import', file, '--scope', '211381', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const drySummary = JSON.parse(dry.out);
    expect(drySummary.households).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(drySummary.problems).toEqual([expect.objectContaining({ row: 4, column: 'id_number', code: 'ID_SCIENTIFIC_NOTATION' })]);
    const report = path.join(env.DATA_DIR as string, 'report.xlsx');
    const real = await fupin(env, 'import', file, '--scope', '211381', '--json', '--report', report);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.out).households.imported).toBe(1);
    expect(existsSync(report)).toBe(true);
    // Out of scope: the same file for 义县 rejects every row and writes nothing.
    const outside = JSON.parse((await fupin(env, 'import', file, '--scope', '210727', '--json')).out);
    expect(outside.households.imported + outside.households.updated).toBe(0);
    expect(outside.problems.every((p: { code: string }) => p.code === 'VILLAGE_NOT_FOUND' || p.code.startsWith('ID_'))).toBe(true);
    // A file that cannot be read at all: a clear message and a non-zero exit.
    const junk = path.join(env.DATA_DIR as string, 'junk.xlsx');
    writeFileSync(junk, 'not a workbook');
    const unreadable = await fupin(env, 'import', junk, '--json');
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/\S{6,}/);
    // Export (unmasked) and import again: nothing changes.
    const out = path.join(env.DATA_DIR as string, 'export.csv');
    expect((await fupin(env, 'export', out, '--scope', '211381', '--unmask')).code).toBe(0);
    const again = JSON.parse((await fupin(env, 'import', out, '--scope', '211381', '--json')).out);
    expect(again.households).toEqual({ imported: 0, updated: 0, unchanged: 1, rejected: 0 });
  }, 400_000);
});
