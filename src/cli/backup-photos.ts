import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { photoPath, photosDir } from '../modules/cadres/photos.ts';

/**
 * The work-log photos in a backup (decision 0014, "Photos on disk"): files under DATA_DIR/field-photos named by the
 * SHA-256 of their bytes, so that every file checks itself. The backup takes the files the database names (read in
 * the dump's snapshot), each verified first; the restore puts them back beside the database and reads every file
 * the restored database names, reporting the missing and those whose bytes no longer match their name.
 */
export interface PhotoRef {
  sha256: string;
  mime: string;
}

export interface PhotoReport {
  /** Files the database names (distinct contents). */
  named: number;
  /** Of them, present with the right bytes. */
  ok: number;
  bytes: number;
  missing: string[];
  /** Present, but their bytes hash to something else than their name. */
  damaged: string[];
}

/** The path of a photo inside the backup, as it is under DATA_DIR (POSIX separators). */
export const photoEntry = (r: PhotoRef) => `field-photos/${r.sha256.slice(0, 2)}/${r.sha256}.${r.mime === 'image/png' ? 'png' : 'jpg'}`;
export const PHOTO_ENTRY = /^field-photos\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png)$/;
const refOfEntry = (entry: string): PhotoRef => {
  const name = path.posix.basename(entry);
  return { sha256: name.slice(0, 64), mime: name.endsWith('.png') ? 'image/png' : 'image/jpeg' };
};

export const sha256OfFile = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

async function state(file: string, sha256: string): Promise<'ok' | 'missing' | 'damaged'> {
  if (!existsSync(file)) return 'missing';
  return (await sha256OfFile(file)) === sha256 ? 'ok' : 'damaged';
}

/** Reads every photo the database names in a data folder. */
export async function checkPhotos(dataDir: string, refs: PhotoRef[]): Promise<PhotoReport> {
  const report: PhotoReport = { named: refs.length, ok: 0, bytes: 0, missing: [], damaged: [] };
  for (const r of refs) {
    const file = photoPath(dataDir, r.sha256, r.mime);
    const s = await state(file, r.sha256);
    if (s === 'ok') {
      report.ok++;
      report.bytes += statSync(file).size;
    } else report[s].push(photoEntry(r));
  }
  return report;
}

/**
 * Makes the photos of a backup reachable from its work folder (a link to DATA_DIR/field-photos, so nothing is
 * copied) and answers the entries to put in the tar: only files whose bytes match their name.
 */
export async function photosForBackup(dataDir: string, work: string, refs: PhotoRef[]) {
  const report = await checkPhotos(dataDir, refs);
  const bad = new Set([...report.missing, ...report.damaged]);
  const entries = refs.map(photoEntry).filter((e) => !bad.has(e));
  if (entries.length) symlinkSync(photosDir(dataDir), path.join(work, 'field-photos'), 'dir');
  return { entries, report };
}

/**
 * Puts the photos extracted from a backup in place under DATA_DIR: each checked against its name first (a damaged
 * one is reported and not placed); a file already there with the right bytes is kept, a damaged one replaced. Each
 * file is copied to a temporary name and renamed, so a final name only ever holds a whole file.
 */
export async function placePhotos(work: string, dataDir: string) {
  const root = path.join(work, 'field-photos');
  const entries = existsSync(root)
    ? readdirSync(root, { recursive: true, encoding: 'utf8' })
        .map((f) => `field-photos/${f.split(path.sep).join('/')}`)
        .filter((e) => PHOTO_ENTRY.test(e))
    : [];
  const out = { placed: 0, kept: 0, damagedInBackup: [] as string[] };
  for (const e of entries) {
    const ref = refOfEntry(e);
    const from = path.join(work, ...e.split('/'));
    if ((await sha256OfFile(from)) !== ref.sha256) {
      out.damagedInBackup.push(e);
      continue;
    }
    const to = photoPath(dataDir, ref.sha256, ref.mime);
    if ((await state(to, ref.sha256)) === 'ok') {
      out.kept++;
      continue;
    }
    mkdirSync(path.dirname(to), { recursive: true });
    const tmp = `${to}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await copyFile(from, tmp);
      renameSync(tmp, to);
    } finally {
      rmSync(tmp, { force: true });
    }
    out.placed++;
  }
  return out;
}

/** Prints a report; answers whether every photo the database names is whole. */
export function printPhotoReport(report: PhotoReport, what: string): boolean {
  console.log(
    `照片 / photos (${what}): ${report.ok}/${report.named} 完好 / whole, ${(report.bytes / 1e6).toFixed(1)} MB` +
      (report.missing.length ? `, ${report.missing.length} 缺失 / missing` : '') +
      (report.damaged.length ? `, ${report.damaged.length} 内容与哈希不符 / bytes do not match their hash` : ''),
  );
  for (const f of report.damaged.slice(0, 20)) console.warn(`  内容与哈希不符 / damaged: ${f}`);
  for (const f of report.missing.slice(0, 20)) console.warn(`  缺失 / missing: ${f}`);
  const more = report.damaged.length + report.missing.length - Math.min(20, report.damaged.length) - Math.min(20, report.missing.length);
  if (more > 0) console.warn(`  …… 另有 ${more} 个 / ${more} more`);
  return report.missing.length === 0 && report.damaged.length === 0;
}
