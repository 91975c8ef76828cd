import type { ProblemCatalogue } from '../../registry/import/problems.ts';
import { FOREIGN_CHECKINS, POINTS } from './interchange.ts';

/**
 * Row problems of a points file beyond the register's (REQUIRED, VILLAGE_CODE_UNKNOWN, VILLAGE_OUT_OF_SCOPE keep their
 * words). zh-CN, en; `{header}` is the column's header.
 */
export const POINT_PROBLEMS = {
  NOT_A_VILLAGE_CODE: ['“{value}”不是 12 位村级区划代码', '"{value}" is not a 12-digit village code'],
  BAD_COORDINATE: [
    '“{header}”应为以度为单位的数字（如 120.7734），不是“{value}”',
    '"{header}" must be a number of degrees such as 120.7734, not "{value}"',
  ],
  OUTSIDE_CHINA: [
    '坐标（经度 {lon}，纬度 {lat}）不在中国境内，请检查是否填反了经纬度',
    'The point (longitude {lon}, latitude {lat}) is outside China; are longitude and latitude swapped?',
  ],
  DATUM_UNKNOWN: [
    '坐标系“{value}”无法识别：请填 WGS-84 或 GCJ-02（火星坐标），留空即 WGS-84',
    'The datum "{value}" is not known: write WGS-84 or GCJ-02 (火星坐标); empty means WGS-84',
  ],
  DUPLICATE_VILLAGE: [
    '村代码 {value} 在文件中重复出现（第 {rows} 行）',
    'Village code {value} appears more than once in the file (rows {rows})',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export const POINT_CATALOGUE: ProblemCatalogue = { columns: POINTS, messages: POINT_PROBLEMS };

/** Row problems of a foreign check-ins file beyond the register's (REQUIRED, the ID number's). */
export const CHECKIN_PROBLEMS = {
  BAD_COORDINATE: POINT_PROBLEMS.BAD_COORDINATE,
  OUTSIDE_CHINA: POINT_PROBLEMS.OUTSIDE_CHINA,
  DATUM_UNKNOWN: POINT_PROBLEMS.DATUM_UNKNOWN,
  BAD_TIME: [
    '打卡时间应为日期和时间（如 2026-11-03 07:45:12，北京时间），不是“{value}”',
    'The check-in time must be a date and time such as 2026-11-03 07:45:12 (Beijing time), not "{value}"',
  ],
  FUTURE_TIME: ['打卡时间 {value} 晚于当前时间', 'The check-in time {value} is in the future'],
  BAD_ACCURACY: ['精度应为不小于 0 的米数，不是“{value}”', 'The accuracy must be a number of metres, 0 or more, not "{value}"'],
  CADRE_UNKNOWN: ['在您的管辖范围内找不到证件号码为 {masked} 的驻村干部', 'No resident cadre with the ID number {masked} in your scope'],
  NAME_MISMATCH: [
    '姓名“{value}”与该证件号码登记的姓名不符，请核对',
    'The name "{value}" is not the name registered for this ID number; check it',
  ],
  NO_POSTING_ON_DATE: ['{masked} 在 {date} 没有您管辖范围内的在岗驻村任职', '{masked} had no posting in post within your scope on {date}'],
} as const satisfies Record<string, readonly [string, string]>;

export const CHECKIN_CATALOGUE: ProblemCatalogue = { columns: FOREIGN_CHECKINS, messages: CHECKIN_PROBLEMS };

/** Errors of the points routes (merged into server/i18n.ts with the cadres module's). */
export const POINT_MESSAGES = {
  POINT_NOT_A_VILLAGE: ['村点位只能设在行政村（12 位代码）：{code}', 'A point belongs to a village (a 12-digit code): {code}'],
  POINT_LEVEL: ['村点位由县级及以上用户维护', 'Village points are kept by county users and above'],
  POINT_OUTSIDE_CHINA: ['坐标不在中国境内', 'The point is outside China'],
} as const satisfies Record<string, readonly [string, string]>;
