import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';

/**
 * Work-log photos on disk: DATA_DIR/field-photos/ab/<sha256>.<jpg|png>, one file per content however many logs name
 * it; the database keeps the hash, never the bytes. The type is judged from the first bytes, not the file name.
 */
export type PhotoMime = 'image/jpeg' | 'image/png';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(b: Buffer): PhotoMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG)) return 'image/png';
  return null;
}

export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface ExifSignal {
  /** The camera's local time as 'YYYY-MM-DDTHH:MM:SS' (EXIF has no zone). */
  time: string | null;
  lat: number | null;
  lon: number | null;
}

const EXIF_TIME = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/;

/** DateTimeOriginal (or CreateDate) and the GPS position of a photo, if it carries them; never throws. */
export async function readExif(b: Buffer): Promise<ExifSignal> {
  const none = { time: null, lat: null, lon: null };
  try {
    const e = (await exifr.parse(b, {
      gps: true,
      reviveValues: false,
      pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef'],
    })) as Record<string, unknown> | undefined;
    if (!e) return none;
    const raw = String(e.DateTimeOriginal ?? e.CreateDate ?? '');
    const m = EXIF_TIME.exec(raw);
    const time = m && m[1] !== '0000' ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
    const num = (v: unknown, lim: number) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= lim ? v : null);
    const lat = num(e.latitude, 90);
    const lon = num(e.longitude, 180);
    // 0,0 is what an empty GPS block reads as, not a place anyone works.
    if (lat === 0 && lon === 0) return { time, lat: null, lon: null };
    return { time, lat: lat === null || lon === null ? null : lat, lon: lat === null || lon === null ? null : lon };
  } catch {
    return none;
  }
}

export const photosDir = (dataDir: string) => path.join(dataDir, 'field-photos');
export const photoPath = (dataDir: string, sha256: string, mime: string) =>
  path.join(photosDir(dataDir), sha256.slice(0, 2), `${sha256}.${mime === 'image/png' ? 'png' : 'jpg'}`);

/**
 * Puts a photo in place under its hash: written to a temporary name and hard-linked to the final one, so the final
 * name only ever holds a whole file. Answers whether this call created it (false: the same photo was there already).
 */
export async function storePhoto(dataDir: string, sha256: string, mime: string, bytes: Buffer): Promise<boolean> {
  const final = photoPath(dataDir, sha256, mime);
  await mkdir(path.dirname(final), { recursive: true });
  if (await exists(final)) return false;
  const tmp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await link(tmp, final);
    return true;
  } catch (e) {
    // Put there meanwhile by another upload of the same photo: that one's.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

export const removePhoto = (dataDir: string, sha256: string, mime: string) => rm(photoPath(dataDir, sha256, mime), { force: true });

async function exists(p: string) {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
