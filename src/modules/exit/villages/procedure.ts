import { type ProcedureDef, validateDefinition } from '../../procedures/define.ts';
import { NOTICE_DAYS } from '../households/procedure.ts';

const TOWNSHIP = { level: 'township', permission: 'data.write' } as const;
const COUNTY = { level: 'county', permission: 'data.write' } as const;
const CITY = { level: 'city', permission: 'data.write' } as const;
const PROVINCE = { level: 'province', permission: 'data.write' } as const;
const STEP_DAYS = { setting: 'exit.step_days', fallback: 30 } as const;

/** Incidence (remaining poor persons ÷ rural population) below this percentage: a village or county may exit. */
export const INCIDENCE_PCT = { setting: 'exit.incidence_pct', fallback: 2 } as const;

/** The checks beside the incidence (DOMAIN.md §4.1): the township fills them, the county verifies them. */
export const VILLAGE_CHECKS = [
  'collective_income',
  'roads',
  'drinking_water',
  'electricity',
  'housing',
  'clinic',
  'activity_venue',
] as const;
export const CHECK_LABELS: Record<(typeof VILLAGE_CHECKS)[number], { zh: string; en: string }> = {
  collective_income: { zh: '村集体经济收入达标', en: 'Collective income reached' },
  roads: { zh: '通硬化路', en: 'Paved road' },
  drinking_water: { zh: '安全饮水', en: 'Safe drinking water' },
  electricity: { zh: '通生产生活用电', en: 'Electricity' },
  housing: { zh: '危房改造完成', en: 'Unsafe housing rebuilt' },
  clinic: { zh: '有标准化卫生室', en: 'Village clinic' },
  activity_venue: { zh: '有综合文化服务中心', en: 'Cultural service centre' },
};

/**
 * 贫困村退出: proposed by the township with its checklist → checked by the county (the checklist verified) → public
 * notice → announced by the county (not before the notice ends), which sets poor_village.exit_year.
 */
export const VILLAGE_EXIT: ProcedureDef = {
  id: 'village_exit',
  name: { zh: '贫困村退出', en: 'Village exit' },
  initial: 'proposed',
  open: TOWNSHIP,
  states: {
    proposed: { label: { zh: '乡镇已提出', en: 'Proposed by the township' }, deadline: STEP_DAYS },
    checked: { label: { zh: '县级已核查', en: 'Checked by the county' }, deadline: STEP_DAYS },
    notice: { label: { zh: '公示中', en: 'In public notice' }, deadline: { setting: 'exit.announce_days', fallback: 15 } },
    announced: { label: { zh: '已公告退出', en: 'Announced' }, terminal: true },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, terminal: true },
  },
  transitions: [
    { action: 'check', label: { zh: '县级核查', en: 'County check' }, from: ['proposed'], to: 'checked', by: COUNTY },
    { action: 'publish', label: { zh: '公示', en: 'Public notice' }, from: ['checked'], to: 'notice', by: COUNTY },
    {
      action: 'announce',
      label: { zh: '县级公告退出', en: 'Announce' },
      from: ['notice'],
      to: 'announced',
      by: COUNTY,
      notBefore: NOTICE_DAYS,
    },
    { action: 'return', label: { zh: '退回乡镇', en: 'Send back' }, from: ['checked', 'notice'], to: 'proposed', by: COUNTY, reason: true },
    {
      action: 'withdraw',
      label: { zh: '撤回', en: 'Withdraw' },
      from: ['proposed', 'checked', 'notice'],
      to: 'withdrawn',
      by: TOWNSHIP,
      reason: true,
    },
  ],
};

/** 贫困县退出 (the provincial poverty counties): proposed by the county → city pre-check → province verification → notice → announcement. */
export const COUNTY_EXIT: ProcedureDef = {
  id: 'county_exit',
  name: { zh: '贫困县退出', en: 'County exit' },
  initial: 'proposed',
  open: COUNTY,
  states: {
    proposed: { label: { zh: '县级已申请', en: 'Applied by the county' }, deadline: STEP_DAYS },
    prechecked: { label: { zh: '市级已初审', en: 'Pre-checked by the city' }, deadline: STEP_DAYS },
    verified: { label: { zh: '省级已核查', en: 'Verified by the province' }, deadline: STEP_DAYS },
    notice: { label: { zh: '公示中', en: 'In public notice' }, deadline: { setting: 'exit.announce_days', fallback: 15 } },
    announced: { label: { zh: '已公告退出', en: 'Announced' }, terminal: true },
    withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, terminal: true },
  },
  transitions: [
    { action: 'precheck', label: { zh: '市级初审', en: 'City pre-check' }, from: ['proposed'], to: 'prechecked', by: CITY },
    { action: 'verify', label: { zh: '省级核查', en: 'Province verification' }, from: ['prechecked'], to: 'verified', by: PROVINCE },
    { action: 'publish', label: { zh: '公示', en: 'Public notice' }, from: ['verified'], to: 'notice', by: PROVINCE },
    {
      action: 'announce',
      label: { zh: '省级公告退出', en: 'Announce' },
      from: ['notice'],
      to: 'announced',
      by: PROVINCE,
      notBefore: NOTICE_DAYS,
    },
    {
      action: 'return',
      label: { zh: '退回', en: 'Send back' },
      from: ['prechecked', 'verified', 'notice'],
      to: 'proposed',
      by: CITY,
      reason: true,
    },
    {
      action: 'withdraw',
      label: { zh: '撤回', en: 'Withdraw' },
      from: ['proposed', 'prechecked', 'verified', 'notice'],
      to: 'withdrawn',
      by: COUNTY,
      reason: true,
    },
  ],
};

validateDefinition(VILLAGE_EXIT);
validateDefinition(COUNTY_EXIT);
