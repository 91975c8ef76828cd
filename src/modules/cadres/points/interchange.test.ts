import { describe, expect, it } from 'vitest';
import { FOREIGN_CHECKINS, POINTS } from './interchange.ts';

describe('points and check-ins column sets', () => {
  it('have no spelling that names two columns', () => {
    expect(POINTS.conflicts).toEqual([]);
    expect(FOREIGN_CHECKINS.conflicts).toEqual([]);
  });

  it('recognise the points header as clerks write it', () => {
    const m = POINTS.matchRow(['序号', '村代码', '村名', '经度', '纬度', '坐标系']);
    expect(m && [...m.mapping.entries()]).toEqual([
      [1, 'village_code'],
      [2, 'village'],
      [3, 'lon'],
      [4, 'lat'],
      [5, 'crs'],
    ]);
    expect(m?.ignored).toEqual(['序号']);
    const en = POINTS.matchRow(['Village code', 'Longitude', 'Latitude', 'Datum']);
    expect(en && [...en.mapping.values()]).toEqual(['village_code', 'lon', 'lat', 'crs']);
    const loose = POINTS.matchRow(['村 代 码', '经度（°）', '纬度(°)', '坐标系统']);
    expect(loose && [...loose.mapping.values()]).toEqual(['village_code', 'lon', 'lat', 'crs']);
  });

  it('recognise the other app’s check-in header', () => {
    const m = FOREIGN_CHECKINS.matchRow(['姓名', '证件号码', '打卡时间', '经度', '纬度', '精度(米)', '设备号', '坐标系']);
    expect(m && [...m.mapping.values()]).toEqual(['name', 'id_number', 'time', 'lon', 'lat', 'accuracy', 'device', 'crs']);
    expect(m?.missing).toEqual([]);
    const variants = FOREIGN_CHECKINS.matchRow(['身份证号', '签到时间', '经度', '纬度', '定位精度', '设备编号']);
    expect(variants && [...variants.mapping.values()]).toEqual(['id_number', 'time', 'lon', 'lat', 'accuracy', 'device']);
  });
});
