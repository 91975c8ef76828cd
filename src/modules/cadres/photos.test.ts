import { describe, expect, it } from 'vitest';
import { jpegWithExif, tinyPng } from '../../../tests/support/jpeg-exif.ts';
import { readExif, sha256Hex, sniffImage } from './photos.ts';

describe('work-log photos', () => {
  it('reads EXIF DateTimeOriginal and GPS from a hand-made JPEG', async () => {
    // 41° 48′ 4.428″ N = 41 + 0.8 + 0.00123 = 41.80123; 120° 46′ 28.416″ E = 120 + 0.766667 + 0.007893 = 120.77456.
    const b = jpegWithExif({
      dateTimeOriginal: '2026:11:20 09:30:15',
      lat: { dms: [41, 48, 4428], ref: 'N' },
      lon: { dms: [120, 46, 28416], ref: 'E' },
    });
    const e = await readExif(b);
    expect(e.time).toBe('2026-11-20T09:30:15');
    expect(e.lat).toBeCloseTo(41.80123, 9);
    expect(e.lon).toBeCloseTo(120.77456, 9);
  });

  it('makes south and west negative', async () => {
    // 33° 52′ 7.2″ S = -(33 + 0.866667 + 0.002) = -33.868667; 151° 12′ 36″ W = -(151 + 0.2 + 0.01) = -151.21.
    const e = await readExif(
      jpegWithExif({
        dateTimeOriginal: '2025:01:02 03:04:05',
        lat: { dms: [33, 52, 7200], ref: 'S' },
        lon: { dms: [151, 12, 36000], ref: 'W' },
      }),
    );
    expect(e.lat).toBeCloseTo(-33.8686667, 6);
    expect(e.lon).toBeCloseTo(-151.21, 9);
  });

  it('answers nulls for a photo without EXIF, an empty GPS block, or bytes that are no image', async () => {
    expect(await readExif(jpegWithExif())).toEqual({ time: null, lat: null, lon: null });
    expect(await readExif(jpegWithExif({ dateTimeOriginal: '2026:11:20 09:30:15' }))).toEqual({
      time: '2026-11-20T09:30:15',
      lat: null,
      lon: null,
    });
    expect(await readExif(tinyPng())).toEqual({ time: null, lat: null, lon: null });
    expect(await readExif(Buffer.from('not a picture at all'))).toEqual({ time: null, lat: null, lon: null });
  });

  it('judges the type by the first bytes, not the name', () => {
    expect(sniffImage(jpegWithExif())).toBe('image/jpeg');
    expect(sniffImage(tinyPng())).toBe('image/png');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });

  it('names a photo by the SHA-256 of its bytes', () => {
    // SHA-256 of "abc" (FIPS 180-2 example).
    expect(sha256Hex(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
