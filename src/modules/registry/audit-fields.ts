import type { AuditField, AuditFieldTable } from '../audit/fields.ts';
import { type CodeListId, label } from './codelists.ts';

// How a household's audit rows read (import/shape.ts writes the snapshot): one entry per field path, a list's item
// adding no segment. A field added to the snapshot gets its label here; a code field names its code list.

const field = (zh: string, en: string, list?: CodeListId): AuditField =>
  list ? { zh, en, value: (code, lang) => label(list, code, lang) } : { zh, en };

export const householdAuditFields: AuditFieldTable = {
  name: 'householdNo',
  fields: {
    householdNo: field('户编号', 'Household number'),
    villageCode: { zh: '所在村', en: 'Village', region: true },
    category: field('贫困户属性', 'Household category', 'household_category'),
    cause: field('主要致贫原因', 'Main poverty cause', 'poverty_cause'),
    yearIdentified: field('识别年度', 'Year identified'),
    plannedExitYear: field('计划脱贫年度', 'Planned exit year'),
    exitYear: field('脱贫年度', 'Exit year'),
    status: field('户状态', 'Household status', 'household_status'),
    income: field('人均纯收入(元)', 'Per-capita net income (yuan)'),
    helper: field('帮扶责任人', 'Helper'),
    members: { zh: '家庭成员', en: 'Member', key: 'personId', title: 'name' },
    'members.name': field('姓名', 'Name'),
    'members.relation': field('与户主关系', 'Relation to head', 'relation'),
    'members.idNumber': field('证件号码', 'ID number'),
    'members.gender': field('性别', 'Gender', 'gender'),
    'members.ethnicity': field('民族', 'Ethnicity', 'ethnicity'),
    'members.education': field('文化程度', 'Education', 'education'),
    'members.schooling': field('在校生状况', 'Schooling status', 'schooling'),
    'members.health': field('健康状况', 'Health', 'health'),
    'members.labour': field('劳动技能', 'Labour skill', 'labour'),
    'members.work': field('务工状况', 'Work status', 'work'),
    'members.medicalInsurance': field('参加基本医疗保险', 'Basic medical insurance'),
    'members.phone': field('联系电话', 'Phone'),
    guarantees: field('两不愁三保障', 'Two assurances, three guarantees'),
    'guarantees.food': field('不愁吃', 'Enough food'),
    'guarantees.clothing': field('不愁穿', 'Enough clothing'),
    'guarantees.education': field('义务教育有保障', 'Compulsory education'),
    'guarantees.medical': field('基本医疗有保障', 'Basic medical care'),
    'guarantees.housing': field('住房安全有保障', 'Safe housing'),
    incomes: { zh: '年收入', en: 'Income of', key: 'year', title: 'year' },
    'incomes.year': field('年度', 'Year'),
    'incomes.wages': field('工资性收入', 'Wages'),
    'incomes.business': field('生产经营性收入', 'Production and business'),
    'incomes.businessCosts': field('生产经营性支出', 'Production costs'),
    'incomes.property': field('财产性收入', 'Property income'),
    'incomes.transfers': field('转移性收入', 'Transfers'),
    'incomes.persons': field('家庭人口', 'Persons'),
    'incomes.perCapita': field('人均纯收入(元)', 'Per-capita net income (yuan)'),
    projects: { zh: '帮扶项目', en: 'Project', key: 'id', title: 'type' },
    'projects.type': field('项目类型', 'Type', 'project_type'),
    'projects.year': field('年度', 'Year'),
    'projects.amount': field('金额(元)', 'Amount (yuan)'),
    'projects.state': field('项目状态', 'State', 'project_state'),
    helperPhone: field('帮扶责任人电话', "Helper's phone"),
  },
};

/** The person an unmasking row names. */
export const personAuditFields: AuditFieldTable = {
  name: 'name',
  fields: { name: field('姓名', 'Name'), idNumber: field('证件号码', 'ID number') },
};
