import { describe, expect, it } from 'vitest';
import { metres, wgsToGcjPublished } from '../../../../tests/support/gcj.ts';
import { inChina, resolveDatum, toDegrees, toWgs84 } from './datum.ts';

describe('datum', () => {
  it('recognises the spellings of WGS-84 and GCJ-02; empty is WGS-84; anything else is unknown', () => {
    for (const w of ['WGS-84', 'WGS84', 'wgs84', 'wgs 84', 'ＷＧＳ－８４', 'GPS']) expect(resolveDatum(w)).toBe('wgs84');
    for (const g of ['GCJ-02', 'GCJ02', 'gcj02', '火星坐标', '火星坐标系', '高德']) expect(resolveDatum(g)).toBe('gcj02');
    expect(resolveDatum(undefined)).toBe('wgs84');
    expect(resolveDatum('  ')).toBe('wgs84');
    expect(resolveDatum('BD-09')).toBeNull();
    expect(resolveDatum('CGCS2000x')).toBeNull();
  });

  it('reads degrees from numbers and text, and refuses what is not a number', () => {
    expect(toDegrees(120.5)).toBe(120.5);
    expect(toDegrees('41.8012')).toBe(41.8012);
    expect(toDegrees('１２０．７７°')).toBe(120.77);
    expect(toDegrees('-3.5')).toBe(-3.5);
    for (const bad of ['abc', '120,77', '1e3', '', "41°48'"]) expect(toDegrees(bad)).toBeNull();
    expect(toDegrees(Number.NaN)).toBeNull();
  });

  it('knows the box of China', () => {
    expect(inChina(120.77, 41.8)).toBe(true);
    expect(inChina(41.8, 120.77)).toBe(false); // swapped
    expect(inChina(-120.77, 41.8)).toBe(false);
  });

  it('converts GCJ-02 back to the WGS-84 point within 1 m, with a shift of 100–700 m across Liaoning', () => {
    // Villages across Liaoning: 北票 海丰村, 沈阳, 大连, 丹东, 阜新, 朝阳 (WGS-84).
    const places: [number, number][] = [
      [120.7734, 41.8012],
      [123.4315, 41.8057],
      [121.6147, 38.914],
      [124.3545, 40.0006],
      [121.6484, 42.0118],
      [120.4511, 41.5734],
    ];
    for (const wgs of places) {
      const gcj = wgsToGcjPublished(wgs[0], wgs[1]);
      const shift = metres(wgs, gcj);
      expect(shift).toBeGreaterThan(100);
      expect(shift).toBeLessThan(700);
      const back = toWgs84(gcj[0], gcj[1], 'gcj02');
      expect(metres([back.lon, back.lat], wgs)).toBeLessThan(1);
    }
  });

  it('leaves WGS-84 as given', () => {
    expect(toWgs84(120.7734, 41.8012, 'wgs84')).toEqual({ lon: 120.7734, lat: 41.8012 });
  });
});
