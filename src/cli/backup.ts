import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import * as tar from 'tar';
import { type Config, loadConfig, VERSION } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { DataDirLockedError } from '../db/datadir-lock.ts';
import { describeChain, verifyChain } from '../modules/audit/chain.ts';
import { photoFiles } from '../modules/cadres/fieldlog.queries.ts';
import { decrypt, type PiiKeys, parseKey } from '../modules/pii/crypto.ts';
import { dumpPglite, dumpPostgres, type Figures, figuresOf, restorePglite, restorePostgres } from './backup-engines.ts';
import { checkPhotos, PHOTO_ENTRY, type PhotoRef, photosForBackup, placePhotos, printPhotoReport } from './backup-photos.ts';

/**
 * `fupin backup OUT` / `fupin restore IN`. A backup is a tar file: manifest.json (engine, figures, the key's
 * fingerprint, the payload's sha256, the photos), the payload — PGlite's data-folder dump or a pg_dump
 * custom-format file — and the work-log photos the database names, as `field-photos/ab/<sha256>.jpg|png` (the
 * name is the content's hash, so each file checks itself; backup-photos.ts).
 * The key is never in it: ID numbers are encrypted with it, so it is kept (and backed up) apart.
 */
const MANIFEST = 'manifest.json';
const PAYLOAD = { pglite: 'database.tar.gz', postgresql: 'database.pgdump' } as const;
type Engine = keyof typeof PAYLOAD;

export interface Manifest {
  format: 'fupin-backup';
  version: 1;
  engine: Engine;
  createdAt: string;
  fupinVersion: string;
  key: { fingerprint: string | null; opensData: boolean | null };
  figures: Omit<Figures, 'sampleCipher'>;
  payload: { file: string; bytes: number; sha256: string };
  /** The photo files in the backup, and those the database named that could not be taken (absent before 2026-12). */
  photos?: { files: number; bytes: number; missing: string[]; damaged: string[] };
}

interface KeyInfo {
  keys: PiiKeys | null;
  where: string;
  fingerprint: string | null;
}

/** 64 bits of a sha256 over the key: enough to tell two keys apart, nothing about the key. */
export function keyFingerprint(keys: PiiKeys): string {
  const hex = createHash('sha256').update('fupin-key-fingerprint\0').update(keys.enc).update(keys.mac).digest('hex').slice(0, 16);
  return hex.match(/.{4}/g)?.join('-') ?? hex;
}

/** The key as the server would find it, without creating one (the server creates a key file on first start). */
function currentKey(config: Config): KeyInfo {
  if (config.key) {
    const keys = parseKey(config.key);
    return { keys, where: 'FUPIN_KEY', fingerprint: keyFingerprint(keys) };
  }
  if (!existsSync(config.keyFile)) return { keys: null, where: config.keyFile, fingerprint: null };
  const keys = parseKey(readFileSync(config.keyFile, 'utf8'));
  return { keys, where: config.keyFile, fingerprint: keyFingerprint(keys) };
}

function opens(keys: PiiKeys | null, cipher: string | null): boolean | null {
  if (!cipher) return null;
  if (!keys) return false;
  try {
    decrypt(keys, cipher);
    return true;
  } catch {
    return false;
  }
}

function printKey(key: KeyInfo) {
  const where = key.where === 'FUPIN_KEY' ? '环境变量 FUPIN_KEY / environment variable FUPIN_KEY' : key.where;
  console.log(`密钥 / key: ${where}${key.fingerprint ? `  (指纹 / fingerprint ${key.fingerprint})` : '  (不存在 / missing)'}`);
  console.log('  备份中不含密钥：请另行备份密钥并与备份分开保存，没有它证件号码无法读取。');
  console.log('  The backup does not contain the key: back it up separately and keep it apart from the backups;');
  console.log('  without it the ID numbers in the backup cannot be read.');
}

const sha256File = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

const figuresLine = (f: Omit<Figures, 'sampleCipher'>) =>
  `${f.households} 户 households · ${f.persons} 人 persons · ${f.members} members · ${f.auditRows} 条审计 audit rows · migration ${f.migration}`;

const engineOf = (config: Config): Engine => (config.databaseUrl ? 'postgresql' : 'pglite');

export async function backupCommand(out: string) {
  const config = loadConfig();
  const engine = engineOf(config);
  const key = currentKey(config);
  const target = path.resolve(out);
  if (existsSync(target)) throw new Error(`${target} 已存在，不会覆盖 / ${target} exists; it is not overwritten`);
  if (!existsSync(path.dirname(target))) throw new Error(`目录不存在 / no such folder: ${path.dirname(target)}`);
  const work = mkdtempSync(path.join(path.dirname(target), '.fupin-backup-'));
  try {
    const payload = path.join(work, PAYLOAD[engine]);
    const { figures, photos } =
      engine === 'pglite' ? await dumpPglite(config.dataDir, payload) : await dumpPostgres(config.databaseUrl as string, payload);
    const { sampleCipher, ...shown } = figures;
    const pics = await photosForBackup(config.dataDir, work, photos);
    const manifest: Manifest = {
      format: 'fupin-backup',
      version: 1,
      engine,
      createdAt: new Date().toISOString(),
      fupinVersion: VERSION,
      key: { fingerprint: key.fingerprint, opensData: opens(key.keys, sampleCipher) },
      figures: shown,
      payload: { file: PAYLOAD[engine], bytes: statSync(payload).size, sha256: await sha256File(payload) },
      photos: { files: pics.entries.length, bytes: pics.report.bytes, missing: pics.report.missing, damaged: pics.report.damaged },
    };
    writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    // Written under a temporary name and renamed: a backup cut short never stands under the final name.
    const partial = path.join(work, 'backup.tar');
    await tar.create({ file: partial, cwd: work, portable: true }, [MANIFEST, PAYLOAD[engine], ...pics.entries]);
    renameSync(partial, target);
    console.log(`备份完成 / backup written: ${target} (${(statSync(target).size / 1e6).toFixed(1)} MB, ${engine})`);
    console.log(figuresLine(shown));
    if (figures.auditHead) console.log(`审计链末端 / audit chain head: ${figures.auditHead}`);
    if (!printPhotoReport(pics.report, '备份 / backed up')) {
      console.warn('警告：以上照片未放入备份 / WARNING: the photos above are not in the backup');
    }
    printKey(key);
    if (manifest.key.opensData === false) {
      console.warn(
        '警告：当前密钥打不开本数据库中的证件号码，请找到正确的密钥 / WARNING: the current key does not open the ID numbers in this database; find the right key',
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function readBackup(file: string, work: string): Promise<Manifest> {
  if (!existsSync(file)) throw new Error(`文件不存在 / no such file: ${file}`);
  try {
    await tar.extract({
      file,
      cwd: work,
      strict: true,
      filter: (p) => p === MANIFEST || Object.values(PAYLOAD).includes(p as never) || PHOTO_ENTRY.test(p),
    });
  } catch (e) {
    throw new Error(`${file} 不是 Fupin 备份文件 / ${file} is not a Fupin backup: ${(e as Error).message}`);
  }
  const manifestFile = path.join(work, MANIFEST);
  const m = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : null;
  if (m?.format !== 'fupin-backup' || m.version !== 1) throw new Error(`${file} 不是 Fupin 备份文件 / ${file} is not a Fupin backup`);
  const payload = path.join(work, m.payload.file);
  if (!existsSync(payload) || (await sha256File(payload)) !== m.payload.sha256) {
    throw new Error(`备份文件已损坏（校验和不符） / the backup is damaged (checksum mismatch): ${file}`);
  }
  return m;
}

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');
const latestKnownMigration = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .at(-1)
    ?.replace(/\.sql$/, '') ?? '';

/** Refuses a restore the server could not use: another engine, a newer schema, or a key that cannot read it. */
function checkRestorable(m: Manifest, engine: Engine, key: KeyInfo, ignoreKey: boolean) {
  if (m.engine !== engine) {
    throw new Error(
      `这是 ${m.engine} 的备份，当前配置的是 ${engine}（${engine === 'postgresql' ? '设置了' : '未设置'} DATABASE_URL） / ` +
        `this is a ${m.engine} backup, but the configured database is ${engine} (DATABASE_URL ${engine === 'postgresql' ? 'set' : 'not set'})`,
    );
  }
  if (m.figures.migration && m.figures.migration > latestKnownMigration()) {
    throw new Error(
      `备份来自更新版本的 Fupin（${m.figures.migration}），请先升级 / the backup comes from a newer Fupin (${m.figures.migration}); upgrade first`,
    );
  }
  if (!m.key.fingerprint) {
    console.warn('注意：备份时没有密钥 / note: there was no key when this backup was made');
    return;
  }
  if (key.fingerprint === m.key.fingerprint) return;
  const problem = key.fingerprint
    ? `当前密钥（指纹 ${key.fingerprint}）与备份时的密钥（指纹 ${m.key.fingerprint}）不同 / the current key (fingerprint ${key.fingerprint}) is not the backup's key (fingerprint ${m.key.fingerprint})`
    : `找不到密钥（${key.where}），备份的密钥指纹为 ${m.key.fingerprint} / no key found (${key.where}); the backup's key has fingerprint ${m.key.fingerprint}`;
  const help =
    '请把备份时的密钥文件放到 FUPIN_KEY_FILE（默认 DATA_DIR/secret.key）或设置 FUPIN_KEY 后再恢复；加 --ignore-key 仍可恢复，但证件号码将无法读取 / ' +
    "put the backup's key file at FUPIN_KEY_FILE (default DATA_DIR/secret.key) or set FUPIN_KEY, then restore again; --ignore-key restores anyway, but the ID numbers will be unreadable";
  if (!ignoreKey) throw new Error(`${problem}\n  ${help}`);
  console.warn(`警告 / WARNING: ${problem}`);
}

export async function restoreCommand(input: string, opts: { force?: boolean; ignoreKey?: boolean }) {
  const config = loadConfig();
  const engine = engineOf(config);
  const key = currentKey(config);
  const work = mkdtempSync(path.join(os.tmpdir(), 'fupin-restore-'));
  try {
    const m = await readBackup(path.resolve(input), work);
    checkRestorable(m, engine, key, Boolean(opts.ignoreKey));
    const payload = path.join(work, m.payload.file);
    const force = Boolean(opts.force);
    let replaced: string | null = null;
    if (engine === 'pglite') replaced = (await restorePglite(config.dataDir, payload, { force })).replaced;
    else await restorePostgres(config.databaseUrl as string, payload, { force });
    const refs = await checkRestored(config, m, key);
    await restorePhotos(work, config.dataDir, m, refs);
    if (replaced) console.log(`原数据库已改名保留 / the database it replaced was kept as ${replaced} (delete it once satisfied)`);
    printKey(key);
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new Error(e.message);
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Puts the backup's photos in place under DATA_DIR, then reads every photo the restored database names there: a
 * missing file, or one whose bytes no longer match its hash, is listed and the exit status is 3 (the database itself
 * is restored; see docs/operations.md).
 */
async function restorePhotos(work: string, dataDir: string, m: Manifest, refs: PhotoRef[]) {
  const placed = await placePhotos(work, dataDir);
  if (placed.placed + placed.kept + placed.damagedInBackup.length > 0 || refs.length > 0) {
    console.log(`照片 / photos: ${placed.placed} 已放回 / put back, ${placed.kept} 原已完好 / already in place`);
  }
  for (const f of placed.damagedInBackup) console.warn(`  备份中的照片内容与哈希不符 / damaged in the backup: ${f}`);
  if (!m.photos && refs.length)
    console.warn('注意：该备份不含照片（旧版本所作） / note: this backup holds no photos (made by an older Fupin)');
  if (!printPhotoReport(await checkPhotos(dataDir, refs), '恢复后 / restored')) {
    console.warn(
      '数据库已恢复，但以上照片缺失或内容与哈希不符；请从其他备份找回这些文件 / the database is restored, but the photos above are missing or damaged; recover those files from another backup',
    );
    process.exitCode = 3;
  }
}

/**
 * Reads the restored database back: its figures against the manifest, the audit chain, and the key on a real ID.
 * Answers the photo files the restored database names.
 */
async function checkRestored(config: Config, m: Manifest, key: KeyInfo): Promise<PhotoRef[]> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const db = database.db;
    const figures = await figuresOf(async (text) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows);
    const { sampleCipher, ...shown } = figures;
    console.log(`已恢复 / restored from the backup of ${m.createdAt}: ${figuresLine(shown)}`);
    const differs = (Object.keys(m.figures) as (keyof Manifest['figures'])[]).filter((k) => m.figures[k] !== shown[k]);
    if (differs.length) {
      throw new Error(
        `恢复后的数据与备份清单不符 / the restored database does not match the backup's manifest: ${differs.map((k) => `${k} ${shown[k]} ≠ ${m.figures[k]}`).join(', ')}`,
      );
    }
    const chain = await verifyChain(db);
    console.log(`${describeChain(chain, 'zh-CN')} / ${describeChain(chain, 'en')}`);
    if (opens(key.keys, sampleCipher) === false) {
      console.warn('警告：当前密钥打不开恢复的证件号码 / WARNING: the current key does not open the restored ID numbers');
    }
    // The photo table came with migration 0028.
    return (m.figures.migration ?? '') >= '0028' ? await photoFiles(db) : [];
  } finally {
    await database.close();
  }
}
