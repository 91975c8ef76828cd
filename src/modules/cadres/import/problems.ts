import type { ProblemCatalogue } from '../../registry/import/problems.ts';
import { POSTINGS } from '../interchange.ts';

/**
 * What a postings row can be refused for beyond the register's own problems (REQUIRED, TOO_LONG, the ID number's,
 * GENDER_MISMATCH, BAD_PHONE, the villages', DUPLICATE_PERSON, PERSON_IN_OTHER_COUNTY), which keep their words.
 * zh-CN, en; `{header}` is the column's header.
 */
export const POSTING_PROBLEMS = {
  UNIT_NAME_SHORT: ['派出单位名称至少 2 个字', 'The dispatching unit needs a name of at least 2 characters'],
  UNIT_LEVEL_UNKNOWN: [
    '派出单位层级“{value}”应为省级、市级、县级或乡镇级',
    'The unit level "{value}" must be province, city, county or township (省级, 市级, 县级, 乡镇级)',
  ],
  PARTY_MEMBER_UNKNOWN: ['是否党员“{value}”应填“是”或“否”', 'Party member "{value}" must be 是 (yes) or 否 (no)'],
  ROLE_UNKNOWN: [
    '驻村身份“{value}”应为第一书记、工作队队长或工作队员',
    'The role "{value}" must be 第一书记 (first secretary), 工作队队长 (team leader) or 工作队员 (team member)',
  ],
  BAD_DATE: ['“{header}”应为日期（如 2021-03-01），不是“{value}”', '"{header}" must be a date such as 2021-03-01, not "{value}"'],
  END_BEFORE_START: ['任职结束日期须晚于任职开始日期（{start}）', 'The end date must be after the start date ({start})'],
  NAME_MISMATCH: [
    '该证件号码已登记，但姓名不同（登记为“{value}”），请核对',
    'This ID number is registered under another name ("{value}"); check it',
  ],
  ALREADY_POSTED: [
    '此人已在{village}驻村（{state}），同一时间只能在一个村驻村',
    'This person already has a posting in {village} ({stateEn}); one village at a time',
  ],
  POSTING_DIFFERS: [
    '该任职已存在（同一人、同一村、同一开始日期），但“{header}”与系统中不同（系统中为“{value}”）；导入不修改已有任职，请在任职页面办理',
    'This posting exists (same person, village and start date) but "{header}" differs from the record ("{value}"); an import does not change a posting: use its page',
  ],
  MASKED_ID_NO_POSTING: [
    '证件号码为隐藏格式（{masked}），但{village}没有自 {start} 起、名为“{name}”且证件号码可见位相符的任职；隐藏的号码只能对应已有任职，新任职须填写完整的 18 位证件号码',
    'The ID number is masked ({masked}), but {village} has no posting from {start} of someone called "{name}" whose ID number has these visible characters; a masked number can only name a posting on file, a new posting needs the full 18-character ID number',
  ],
  MASKED_ID_AMBIGUOUS_POSTING: [
    '证件号码为隐藏格式（{masked}），{village}有 {count} 个自 {start} 起、名为“{name}”的任职都相符，无法确定是哪一个，请填写完整的证件号码',
    'The ID number is masked ({masked}) and {count} postings in {village} from {start} of someone called "{name}" fit it; enter the full ID number to say which one',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type PostingProblemCode = keyof typeof POSTING_PROBLEMS;

/** How the batch routes and the command line word a postings batch's problems. */
export const POSTING_CATALOGUE: ProblemCatalogue = { columns: POSTINGS, messages: POSTING_PROBLEMS };
