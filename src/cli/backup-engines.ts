import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { dataDirLockFile, openDatabase, rawDriver } from '../db/connection.ts';
import { acquireDataDirLock, DataDirLockedError } from '../db/datadir-lock.ts';
import type { PhotoRef } from './backup-photos.ts';

/** What a backup says about its database, and what a restore checks the restored copy against. */
export interface Figures {
  households: number;
  persons: number;
  members: number;
  auditRows: number;
  /** The audit chain's last hash (hex): equal after a restore means the whole trail came back. */
  auditHead: string | null;
  migration: string | null;
  /** One stored ID number cipher, to tell whether a key opens this database (never printed). */
  sampleCipher: string | null;
}

export type Query = (text: string) => Promise<Record<string, unknown>[]>;

const FIGURES_SQL = `
  SELECT (SELECT count(*) FROM household) AS households, (SELECT count(*) FROM person) AS persons,
         (SELECT count(*) FROM household_member) AS members, (SELECT count(*) FROM audit_log) AS audit_rows,
         (SELECT encode(hash, 'hex') FROM audit_log ORDER BY chain_seq DESC LIMIT 1) AS audit_head,
         (SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1) AS migration,
         (SELECT id_cipher FROM person LIMIT 1) AS sample_cipher`;

export async function figuresOf(query: Query): Promise<Figures> {
  const r = (await query(FIGURES_SQL))[0] ?? {};
  return {
    households: Number(r.households),
    persons: Number(r.persons),
    members: Number(r.members),
    auditRows: Number(r.audit_rows),
    auditHead: (r.audit_head as string | null) ?? null,
    migration: (r.migration as string | null) ?? null,
    sampleCipher: (r.sample_cipher as string | null) ?? null,
  };
}

/** The work-log photo files the database names, read in the dump's snapshot (none before migration 0028). */
export async function photoRefsOf(query: Query): Promise<PhotoRef[]> {
  const [has] = await query(`SELECT to_regclass('public.cadre_log_photo') IS NOT NULL AS has`);
  if (!has?.has) return [];
  const rows = await query('SELECT DISTINCT sha256, mime FROM cadre_log_photo ORDER BY sha256');
  return rows.map((r) => ({ sha256: String(r.sha256), mime: String(r.mime) }));
}

export interface Dumped {
  figures: Figures;
  photos: PhotoRef[];
}

const lockedMessage = (e: DataDirLockedError) =>
  `${e.message}\n  嵌入式数据库只能由一个进程打开：请先停止服务（如 systemctl stop fupin），完成后再启动 / ` +
  'the embedded database can be open in one process only: stop the server first (e.g. systemctl stop fupin), start it again afterwards';

// ---------------------------------------------------------------------------------------------- PGlite

/** The embedded database folder holds a database (not just an empty folder made by a failed start). */
export const pgliteHasDatabase = (dataDir: string) => existsSync(path.join(dataDir, 'db', 'PG_VERSION'));

export async function dumpPglite(dataDir: string, payload: string): Promise<Dumped> {
  if (!pgliteHasDatabase(dataDir)) {
    throw new Error(`${path.join(dataDir, 'db')} 中没有数据库，无可备份 / there is no database in ${path.join(dataDir, 'db')} to back up`);
  }
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({ dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new Error(lockedMessage(e));
    throw e;
  }
  try {
    const driver = rawDriver(database.db);
    if (driver?.kind !== 'pglite') throw new Error('not an embedded database');
    const query: Query = async (text) => (await driver.lite.query<Record<string, unknown>>(text)).rows;
    const figures = await figuresOf(query);
    const photos = await photoRefsOf(query);
    const blob = await driver.lite.dumpDataDir('gzip');
    writeFileSync(payload, Buffer.from(await blob.arrayBuffer()));
    return { figures, photos };
  } finally {
    await database.close();
  }
}

/**
 * Loads the dump into a new folder beside the database, checks that it opens, and only then puts it in place; the
 * database it replaces is kept (renamed), never deleted. Nothing changes when anything before the swap fails.
 */
export async function restorePglite(dataDir: string, payload: string, opts: { force: boolean }): Promise<{ replaced: string | null }> {
  mkdirSync(dataDir, { recursive: true });
  let unlock: () => void;
  try {
    unlock = acquireDataDirLock(dataDirLockFile(dataDir), 'fupin restore');
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new Error(lockedMessage(e));
    throw e;
  }
  try {
    const target = path.join(dataDir, 'db');
    const occupied = existsSync(target) && readdirSync(target).length > 0;
    if (occupied && !opts.force) {
      throw new Error(
        `目标 ${target} 中已有数据库；确认要替换它请加 --force（原数据库会被改名保留） / ` +
          `${target} already holds a database; add --force to replace it (the current one is kept under a new name)`,
      );
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const fresh = path.join(dataDir, `db.restoring-${stamp}`);
    try {
      const lite = await PGlite.create(fresh, { loadDataDir: new Blob([readFileSync(payload)]) });
      try {
        await lite.query('SELECT count(*) FROM schema_migration');
      } finally {
        await lite.close();
      }
    } catch (e) {
      rmSync(fresh, { recursive: true, force: true });
      throw e;
    }
    let replaced: string | null = null;
    if (occupied) {
      replaced = path.join(dataDir, `db.replaced-${stamp}`);
      renameSync(target, replaced);
    } else if (existsSync(target)) rmdirSync(target);
    renameSync(fresh, target);
    return { replaced };
  } finally {
    unlock();
  }
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

/** The URL without its password (which goes in PGPASSWORD, so that it does not show in the process list). */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(toolMissing(cmd, e)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`))));
  });
}

function toolMissing(cmd: string, e: Error): Error {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return e;
  return new Error(
    `找不到 ${cmd}：请安装与数据库服务器相同或更新主版本的 PostgreSQL 客户端（Debian：apt-get install postgresql-client） / ` +
      `${cmd} not found: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client)`,
  );
}

/** pg_dump refuses a newer server; say so before it does, with the versions. */
async function checkToolVersion(client: pg.ClientBase, tool: string, env: NodeJS.ProcessEnv) {
  const server = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
  const out = await run(tool, ['--version'], env);
  const major = Number(/(\d+)(?:\.\d+)?/.exec(out)?.[1]);
  if (major < Math.floor(server / 10000)) {
    throw new Error(
      `${tool} ${major} 比服务器（${Math.floor(server / 10000)}）旧，请安装新版客户端 / ${tool} ${major} is older than the server (${Math.floor(server / 10000)}): install newer client tools`,
    );
  }
}

export async function dumpPostgres(url: string, payload: string): Promise<Dumped> {
  const conn = connection(url);
  const database = await openDatabase({ url, dataDir: '.' });
  try {
    const driver = rawDriver(database.db);
    if (driver?.kind !== 'postgresql') throw new Error('not a PostgreSQL database');
    const client = await driver.pool.connect();
    try {
      await checkToolVersion(client, 'pg_dump', conn.env);
      // The figures and the dump read the same snapshot, so that the manifest describes exactly what was dumped.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s as string;
      const query: Query = async (text) => (await client.query(text)).rows;
      const figures = await figuresOf(query);
      const photos = await photoRefsOf(query);
      await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${payload}`, `--dbname=${conn.url}`], conn.env);
      await client.query('COMMIT');
      return { figures, photos };
    } finally {
      client.release();
    }
  } finally {
    await database.close();
  }
}

/**
 * pg_restore writes the dump as SQL into psql, inside one transaction that is committed only after pg_restore has
 * finished without error: a failed or cut-off restore leaves the database as it was. With --force the existing
 * schema is dropped in the same transaction.
 */
export async function restorePostgres(url: string, payload: string, opts: { force: boolean }): Promise<void> {
  const conn = connection(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await checkToolVersion(client, 'pg_restore', conn.env);
    const others = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    if (others.rows[0].n > 0) {
      throw new Error(
        `数据库还有 ${others.rows[0].n} 个其他连接（服务是否仍在运行？），请先停止服务 / ` +
          `the database has ${others.rows[0].n} other connection(s) (is the server still running?): stop the server first`,
      );
    }
    const tables = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    if (tables.rows[0].n > 0 && !opts.force) {
      throw new Error(
        `目标数据库不是空的（${tables.rows[0].n} 张表）；确认要替换请加 --force / the target database is not empty (${tables.rows[0].n} tables); add --force to replace its contents`,
      );
    }
  } finally {
    await client.end();
  }
  // With --force the existing schema goes in the same transaction as the restore.
  await pipeRestore(conn, payload, opts.force ? 'DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n' : '');
}

function pipeRestore(conn: { url: string; env: NodeJS.ProcessEnv }, payload: string, preface: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const restore = spawn('pg_restore', ['--no-owner', '--no-privileges', '--file=-', payload], {
      env: conn.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${conn.url}`], {
      env: conn.env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    restore.stderr.on('data', (d) => (errors += d));
    psql.stderr.on('data', (d) => (errors += d));
    let failed: Error | null = null;
    const fail = (e: Error) => {
      failed ??= e;
      restore.kill();
    };
    restore.on('error', (e) => fail(toolMissing('pg_restore', e)));
    psql.on('error', (e) => fail(toolMissing('psql', e)));
    psql.stdin.on('error', () => {}); // psql stopped on an error: reported by its exit status
    psql.stdin.write(`BEGIN;\n${preface}`);
    restore.stdout.pipe(psql.stdin, { end: false });
    restore.on('close', (code) => {
      // COMMIT only after the whole dump went through; otherwise psql's end rolls the transaction back.
      if (code === 0 && !failed) psql.stdin.end('COMMIT;\n');
      else {
        fail(new Error(`pg_restore failed (${code})`));
        psql.stdin.end();
      }
    });
    psql.on('close', (code) => {
      if (failed || code !== 0) reject(new Error(`${failed?.message ?? `psql failed (${code})`}: ${errors.trim().slice(-2000)}`));
      else resolve();
    });
  });
}
