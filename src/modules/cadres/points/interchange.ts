/**
 * Two small interchange formats read by the register's interchange layer (src/modules/registry/interchange/) with
 * their own column sets: village points (村点位: 村代码 · 经度 · 纬度 · 坐标系) and check-ins exported from another
 * attendance app (姓名 · 证件号码 · 打卡时间 · 经度 · 纬度 · 精度(米) · 设备号 · 坐标系). Name, ID number and the
 * village columns are the register's own definitions, so they are recognised by the same spellings.
 */
import { type ColumnDef, defineColumnSet } from '../../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../../registry/interchange/headers.ts';

const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

const LON = {
  id: 'lon',
  zh: '经度',
  en: 'Longitude',
  variants: ['东经', '经度(°)', '经度坐标', 'x坐标', 'lng', 'lon', 'long', 'longitude'],
} as const satisfies ColumnDef;
const LAT = {
  id: 'lat',
  zh: '纬度',
  en: 'Latitude',
  variants: ['北纬', '纬度(°)', '纬度坐标', 'y坐标', 'lat', 'latitude'],
} as const satisfies ColumnDef;
const CRS = {
  id: 'crs',
  zh: '坐标系',
  en: 'Datum',
  variants: ['坐标系统', '坐标类型', '坐标体系', '大地坐标系', 'crs', 'datum', 'coordinate system'],
} as const satisfies ColumnDef;

export const POINT_COLUMNS = [register('village_code'), register('village'), LON, LAT, CRS] as const satisfies readonly ColumnDef[];
export type PointColumnId = (typeof POINT_COLUMNS)[number]['id'];

export const POINTS = defineColumnSet<PointColumnId>({
  name: 'village-points',
  columns: POINT_COLUMNS,
  required: ['village_code', 'lon', 'lat'],
  text: ['village_code'],
  widths: { village_code: 15, village: 16, lon: 14, lat: 14, crs: 10 },
  sheetName: { 'zh-CN': '村点位', en: 'Village points' },
});

export const CHECKIN_COLUMNS = [
  register('name'),
  register('id_number'),
  {
    id: 'time',
    zh: '打卡时间',
    en: 'Check-in time',
    variants: ['签到时间', '打卡日期时间', '考勤时间', '定位时间', '时间', 'time', 'checkin time', 'check in time'],
  },
  LON,
  LAT,
  {
    id: 'accuracy',
    zh: '精度(米)',
    en: 'Accuracy (m)',
    variants: ['精度', '定位精度', '定位精度(米)', '误差(米)', '精度米', 'accuracy', 'accuracy m'],
  },
  {
    id: 'device',
    zh: '设备号',
    en: 'Device',
    variants: ['设备编号', '设备id', '设备标识', '设备', '手机设备号', 'device', 'device id'],
  },
  CRS,
] as const satisfies readonly ColumnDef[];
export type CheckinColumnId = (typeof CHECKIN_COLUMNS)[number]['id'];

export const FOREIGN_CHECKINS = defineColumnSet<CheckinColumnId>({
  name: 'foreign-checkins',
  columns: CHECKIN_COLUMNS,
  required: ['id_number', 'time', 'lon', 'lat'],
  text: ['id_number', 'device'],
  widths: { name: 10, id_number: 21, time: 20, lon: 14, lat: 14, accuracy: 10, device: 20, crs: 10 },
  sheetName: { 'zh-CN': '打卡记录', en: 'Check-ins' },
});
