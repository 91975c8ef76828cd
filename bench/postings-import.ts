/**
 * Postings import benchmark: N synthetic postings (default 5,000) over the villages of one county, written as the
 * postings .xlsx, previewed and committed through the real path (read → check → stage → SQL checks → commit through the
 * procedure mechanism), imported again (all unchanged), and exported.
 *
 *   npx tsx bench/postings-import.ts --rows 5000                                                     # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/postings-import.ts --rows 5000  # PostgreSQL
 *
 * Prints the seconds of each phase and peak RSS.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase, openMemoryDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { exportPostingRows } from '../src/modules/cadres/export.ts';
import { commitPostings } from '../src/modules/cadres/import/commit.ts';
import { stagePostingsFile } from '../src/modules/cadres/import/service.ts';
import { POSTINGS, type PostingColumnId } from '../src/modules/cadres/interchange.ts';
import { parseKey } from '../src/modules/pii/crypto.ts';
import { importProvince } from '../src/modules/regions/service.ts';
import { checkDigit } from '../src/modules/registry/idcard.ts';
import { VillageIndex } from '../src/modules/registry/import/villages.ts';
import { prng } from '../src/modules/registry/interchange/fixtures.ts';
import { type SheetValues, writeSheetXlsx } from '../src/modules/registry/interchange/write.ts';
import { printTimings } from '../src/server/timing.ts';
import { arg } from './support.ts';

const N = Number(arg('rows', '5000'));
const COUNTY = arg('county', '211381');
const keys = parseKey(randomBytes(64).toString('base64'));
const actor = {
  id: null,
  username: 'bench',
  role: 'county_operator',
  scope: COUNTY,
  permissions: ['data.read', 'data.write'] as const,
};

let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
sample.unref();

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await openMemoryDatabase(), drop: async () => {} };
  const name = `fupin_bench_postings_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ url: target.toString(), dataDir: os.tmpdir() });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

function* postings(villages: string[]): Generator<SheetValues<PostingColumnId>> {
  const rnd = prng(2016);
  const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
  const given = [...'志强建国海燕红梅晓东春华秀英立新明亮文静'];
  const units = [
    ...Array.from({ length: 20 }, (_, i) => ({ unit: `北票市第${i + 1}局`, level: '县级' })),
    ...Array.from({ length: 5 }, (_, i) => ({ unit: `朝阳市第${i + 1}委`, level: '市级' })),
  ];
  const roles = ['第一书记', '工作队队长', '工作队员', '工作队员'];
  const today = Date.now();
  for (let i = 0; i < N; i++) {
    // Unique for up to 40,000 rows: the birth year counts thousands, the sequence the rest.
    const id = `211302${1960 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`;
    const u = units[i % units.length] as { unit: string; level: string };
    const start = new Date(today + (rnd() < 0.1 ? 30 : -Math.floor(rnd() * 900)) * 86_400_000);
    yield {
      name: `${surnames[Math.floor(rnd() * surnames.length)]}${given[Math.floor(rnd() * given.length)]}${i}`,
      id_number: id + checkDigit(id),
      unit: u.unit,
      unit_level: u.level,
      post: '科员',
      party_member: rnd() < 0.8 ? '是' : '否',
      phone: rnd() < 0.5 ? `139${String(10_000_000 + i).slice(-8)}` : null,
      village_code: villages[i % villages.length],
      role: roles[i % roles.length],
      start_date: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())),
    };
  }
}

const { database, drop } = await open();
const { db } = database;
try {
  await migrateToLatest(db);
  await db.transaction().execute((tx) => importProvince(tx, '21'));
  const villages = (await VillageIndex.load(db, COUNTY)).villages.map((v) => v.code);
  const file = path.join(os.tmpdir(), `postings-${N}-${process.pid}.xlsx`);
  let t = Date.now();
  await writeSheetXlsx(file, postings(villages), { lang: 'zh-CN', title: '驻村干部花名册（基准）', columnSet: POSTINGS });
  const writeS = (Date.now() - t) / 1000;
  const opts = { path: file, filename: path.basename(file), scopeCode: COUNTY, actor };

  t = Date.now();
  const first = await stagePostingsFile(db, keys, opts);
  const previewS = (Date.now() - t) / 1000;
  t = Date.now();
  const committed = await commitPostings(db, keys, { ...actor, permissions: [...actor.permissions] }, first.batchId);
  const commitS = (Date.now() - t) / 1000;

  t = Date.now();
  const second = await stagePostingsFile(db, keys, opts);
  const again = await commitPostings(db, keys, { ...actor, permissions: [...actor.permissions] }, second.batchId);
  const againS = (Date.now() - t) / 1000;

  t = Date.now();
  const out = path.join(os.tmpdir(), `postings-export-${process.pid}.xlsx`);
  const exported = await writeSheetXlsx(out, exportPostingRows(db, keys, { region: COUNTY }, true), { lang: 'zh-CN', columnSet: POSTINGS });
  const exportS = (Date.now() - t) / 1000;

  console.log(`engine: ${process.env.DATABASE_URL ? 'postgresql' : 'pglite'}, ${N} rows over ${villages.length} villages of ${COUNTY}`);
  console.log(`write xlsx      ${writeS.toFixed(1)} s`);
  console.log(`preview         ${previewS.toFixed(1)} s  (${Math.round(N / previewS)} rows/s)  ${JSON.stringify(first.counts.postings)}`);
  console.log(
    `commit          ${commitS.toFixed(1)} s  in post ${committed.inPost}, proposed ${committed.proposed}, units ${committed.units.new}`,
  );
  console.log(`again (p+c)     ${againS.toFixed(1)} s  ${JSON.stringify(again.postings)}`);
  console.log(`export          ${exportS.toFixed(1)} s  (${exported.rows} rows)`);
  console.log(`peak RSS        ${Math.round(peak / 1024 / 1024)} MB`);
  printTimings();
} finally {
  await drop();
  if (!process.env.DATABASE_URL) await database.close();
}
