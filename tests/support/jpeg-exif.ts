/**
 * Hand-made JPEG bytes for tests: a minimal file (SOI, an APP1 Exif segment written byte by byte, EOI) whose EXIF
 * holds DateTimeOriginal and GPS latitude/longitude as degrees, minutes and seconds (rationals), little-endian TIFF.
 * No library writes it, so a reader's answer can be checked against the numbers put in here.
 */
export interface ExifFixture {
  /** 'YYYY:MM:DD HH:MM:SS' as EXIF writes it. */
  dateTimeOriginal?: string;
  /** [degrees, minutes, seconds×1000] and the reference (N/S, E/W). */
  lat?: { dms: [number, number, number]; ref: 'N' | 'S' };
  lon?: { dms: [number, number, number]; ref: 'E' | 'W' };
  /** Extra bytes after the EXIF segment (to make a file of a given size). */
  padding?: number;
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

export function jpegWithExif(f: ExifFixture = {}): Buffer {
  // TIFF header: "II", 42, offset of IFD0 = 8. Offsets below are from the start of the TIFF header.
  const tiff: number[] = [0x49, 0x49, ...u16(42), ...u32(8)];
  const entry = (tag: number, type: number, count: number, value: number[]) => [...u16(tag), ...u16(type), ...u32(count), ...value];
  // IFD0 at 8: two pointers (Exif IFD, GPS IFD), then next-IFD 0. 2 + 2×12 + 4 = 30 bytes → ends at 38.
  const exifIfdAt = 38;
  // Exif IFD: one entry (DateTimeOriginal, ASCII 20, offset to data) → 2 + 12 + 4 = 18 bytes; its data 20 bytes.
  const dateAt = exifIfdAt + 18;
  const gpsIfdAt = dateAt + 20;
  // GPS IFD: 4 entries → 2 + 48 + 4 = 54 bytes; then latitude (24 bytes) and longitude (24 bytes).
  const latAt = gpsIfdAt + 54;
  const lonAt = latAt + 24;
  tiff.push(...u16(2), ...entry(0x8769, 4, 1, u32(exifIfdAt)), ...entry(0x8825, 4, 1, u32(gpsIfdAt)), ...u32(0));
  const date = (f.dateTimeOriginal ?? '2000:01:01 00:00:00').padEnd(19, ' ').slice(0, 19);
  tiff.push(...u16(1), ...entry(0x9003, 2, 20, u32(dateAt)), ...u32(0));
  tiff.push(...Buffer.from(`${date}\0`, 'latin1'));
  const lat = f.lat ?? { dms: [0, 0, 0], ref: 'N' };
  const lon = f.lon ?? { dms: [0, 0, 0], ref: 'E' };
  const ascii2 = (c: string) => [c.charCodeAt(0), 0, 0, 0];
  tiff.push(
    ...u16(4),
    ...entry(0x0001, 2, 2, ascii2(lat.ref)),
    ...entry(0x0002, 5, 3, u32(latAt)),
    ...entry(0x0003, 2, 2, ascii2(lon.ref)),
    ...entry(0x0004, 5, 3, u32(lonAt)),
    ...u32(0),
  );
  const rationals = ([d, m, s]: [number, number, number]) => [...u32(d), ...u32(1), ...u32(m), ...u32(1), ...u32(s), ...u32(1000)];
  tiff.push(...rationals(lat.dms), ...rationals(lon.dms));
  const withoutGps = f.lat === undefined && f.lon === undefined && f.dateTimeOriginal === undefined;
  const payload = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  const app1 = withoutGps ? [] : [0xff, 0xe1, ...[(payload.length + 2) >> 8, (payload.length + 2) & 0xff], ...payload];
  const pad = f.padding ? [0xff, 0xfe, ...[0, 2]] : [];
  return Buffer.concat([Buffer.from([0xff, 0xd8, ...app1, ...pad]), Buffer.alloc(f.padding ?? 0, 0x20), Buffer.from([0xff, 0xd9])]);
}

/** A real JPEG (e.g. drawn on a canvas) with the EXIF segment above put right after its start-of-image marker. */
export function withExif(jpeg: Buffer, f: Omit<ExifFixture, 'padding'>): Buffer {
  const made = jpegWithExif(f);
  return Buffer.concat([jpeg.subarray(0, 2), made.subarray(2, made.length - 2), jpeg.subarray(2)]);
}

/** The 8-byte PNG signature and an IHDR chunk: enough for magic-byte checks. */
export function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}
