/**
 * What the demo's dispatching units, posts and reasons are called: real-sounding names built from a region's own name
 * (辽宁省财政厅, 朝阳市农业农村局, 北票市人民医院 …), ordered lists of posts and ranks by kind of unit, and the words of
 * reasons a county would write. Tables only; generate.ts draws from them.
 */

export type UnitKind = 'gov' | 'hospital' | 'school' | 'soe';

/** Province units: `{p}` is the province's name (辽宁省), `{s}` the same without 省 (辽宁). */
// biome-ignore format: a table
export const PROVINCE_UNITS = [
  '中共{p}委组织部', '中共{p}委宣传部', '{p}发展和改革委员会', '{p}财政厅', '{p}农业农村厅', '{p}教育厅', '{p}科学技术厅',
  '{p}工业和信息化厅', '{p}民政厅', '{p}人力资源和社会保障厅', '{p}自然资源厅', '{p}生态环境厅', '{p}住房和城乡建设厅',
  '{p}交通运输厅', '{p}水利厅', '{p}商务厅', '{p}文化和旅游厅', '{p}卫生健康委员会', '{p}应急管理厅', '{p}审计厅',
  '{p}市场监督管理局', '{p}统计局', '{p}林业和草原局', '{p}乡村振兴局', '{p}供销合作社联合社', '{p}人民医院',
  '{p}肿瘤医院', '{p}农业科学院', '{s}日报社', '{p}交通投资集团有限公司', '{s}能源投资集团有限责任公司',
  '{p}农村信用社联合社', '中国农业发展银行{p}分行', '国网{s}省电力有限公司', '{p}水资源管理集团有限责任公司',
];

/** City units: `{c}` is the city's name (朝阳市). */
// biome-ignore format: a table
export const CITY_UNITS = [
  '中共{c}委组织部', '中共{c}委宣传部', '{c}发展和改革委员会', '{c}财政局', '{c}农业农村局', '{c}教育局', '{c}民政局',
  '{c}人力资源和社会保障局', '{c}自然资源局', '{c}生态环境局', '{c}住房和城乡建设局', '{c}交通运输局', '{c}水务局',
  '{c}商务局', '{c}文化旅游和广播电视局', '{c}卫生健康委员会', '{c}应急管理局', '{c}审计局', '{c}市场监督管理局',
  '{c}统计局', '{c}乡村振兴局', '{c}林业和草原局', '{c}退役军人事务局', '{c}司法局', '{c}总工会', '{c}妇女联合会',
  '{c}中心医院', '{c}第二人民医院', '{c}中医院', '{c}职业技术学院', '{c}供销合作社', '{c}城市建设投资集团有限公司',
  '{c}日报社', '{c}农村商业银行',
];

/** County units: `{x}` is the county's name (北票市, 义县). */
// biome-ignore format: a table
export const COUNTY_UNITS = [
  '中共{x}委组织部', '{x}发展和改革局', '{x}财政局', '{x}农业农村局', '{x}教育局', '{x}民政局', '{x}人力资源和社会保障局',
  '{x}自然资源局', '{x}住房和城乡建设局', '{x}交通运输局', '{x}水利局', '{x}商务局', '{x}文化旅游和广播电视局',
  '{x}卫生健康局', '{x}应急管理局', '{x}审计局', '{x}市场监督管理局', '{x}统计局', '{x}乡村振兴局', '{x}林业和草原局',
  '{x}退役军人事务局', '{x}司法局', '{x}总工会', '{x}人民医院', '{x}中医院', '{x}妇幼保健院', '{x}第一高级中学',
  '{x}职业教育中心', '{x}供销合作社', '{x}融媒体中心', '{x}城市建设投资有限公司', '{x}农村信用合作联社',
];

export function unitKind(name: string): UnitKind {
  if (/医院|保健院/.test(name)) return 'hospital';
  if (/中学|学院|教育中心|科学院/.test(name)) return 'school';
  if (/公司|银行|信用|分行|日报社/.test(name)) return 'soe';
  return 'gov';
}

/** Posts by kind of unit, junior first: a first secretary draws from the senior half, a team member from the junior. */
export const POSTS: Record<UnitKind, readonly string[]> = {
  gov: ['办事员', '科员', '主任科员', '副科长', '副主任', '科长', '办公室主任', '副局长'],
  hospital: ['医师', '护师', '主治医师', '医务科副科长', '副主任医师', '医务科科长'],
  school: ['教师', '团委书记', '教务处副主任', '教务处主任', '副校长'],
  soe: ['客户经理', '业务主管', '党群工作部干事', '部门副经理', '部门经理', '党群工作部部长'],
};

/** Ranks (职级, 职称) by kind of unit, junior first; a state-owned enterprise's staff have none. */
export const RANKS: Record<UnitKind, readonly string[]> = {
  gov: ['二级科员', '一级科员', '四级主任科员', '三级主任科员', '二级主任科员', '一级主任科员', '四级调研员'],
  hospital: ['初级职称', '中级职称', '副高级职称'],
  school: ['二级教师', '一级教师', '高级教师'],
  soe: [],
};

/** Why a posting was ended as a replacement (撤换), by reason code (schema END_REASONS). */
export const REPLACE_REASONS: Record<string, readonly string[]> = {
  seldom_present: ['在村时间不足，多次抽查不在岗', '驻村天数未达到要求，经约谈仍未改正'],
  no_results: ['帮扶工作推进缓慢，年度考核成效不明显', '产业项目长期未落地，帮扶成效不明显'],
  dissatisfied: ['群众满意度测评较低', '村民反映工作作风不实'],
  health: ['身体原因无法继续驻村', '患病需长期治疗'],
  promotion: ['职务晋升，调整工作岗位', '提拔任用，派出单位另行安排'],
  other: ['派出单位工作需要召回', '家庭特殊困难，本人申请调整'],
};
export const REPLACE_CODES = new Map<string, number>([
  ['seldom_present', 3],
  ['no_results', 2],
  ['dissatisfied', 1],
  ['health', 2],
  ['promotion', 2],
  ['other', 1],
]);

export const ROTATE_REASONS = ['派出单位工作需要，轮换回原单位', '按照轮换计划提前轮换', '工作调整，由派出单位另派人员接替'];
/** A posting ended with its round before the minimum tenure (a village listed late, a successor's remaining term). */
export const SHORT_FINISH_REASON = '本轮驻村期满，随本轮统一轮换';
export const WITHDRAW_REASONS = ['派出单位另有任务，改派他人', '本人身体原因，未能到岗'];

export const LEAVE_REASONS = {
  personal: ['家中有事需处理', '子女升学需陪同', '家属生病需陪护', '老人住院需照顾', '处理家庭事务'],
  sick: ['感冒发烧就医', '腰椎疾病复查', '住院治疗', '术后复查', '急性肠胃炎就医'],
  official: ['回派出单位参加培训', '参加县委组织部驻村干部培训', '回派出单位述职', '赴外地考察学习产业项目', '参加全省驻村工作会议'],
} as const;
export const REJECT_REASONS = ['村里正值产业项目验收，暂缓请假', '工作队在岗人数不足，请调整时间', '正值防汛关键期，暂停请假'];
