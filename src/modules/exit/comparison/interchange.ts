/**
 * A department's list (数据比对) as departments send them: 证件号码 and whatever fields the department keeps. Read by
 * the register's interchange layer with this column set: the ID and name columns are the register's own definitions;
 * the others name the fields departments commonly write, so that a header is recognised (the reader wants three known
 * columns) and every field, known or not, is kept as written.
 */
import { type ColumnDef, defineColumnSet } from '../../registry/interchange/columns.ts';
import { COLUMN_BY_ID, type ColumnId } from '../../registry/interchange/headers.ts';

const register = <I extends ColumnId>(id: I) => COLUMN_BY_ID.get(id) as ColumnDef<I>;

export const DEPARTMENT_COLUMNS = [
  register('name'),
  register('id_number'),
  { id: 'plate', zh: '号牌号码', en: 'Plate', variants: ['车牌号', '车牌号码', '号牌', 'plate number'] },
  { id: 'vehicle_type', zh: '车辆类型', en: 'Vehicle type', variants: ['车型', '车辆品牌', '品牌型号', 'vehicle'] },
  { id: 'company', zh: '企业名称', en: 'Company', variants: ['公司名称', '市场主体名称', '单位名称', '企业', 'company name'] },
  { id: 'company_role', zh: '任职情况', en: 'Role in company', variants: ['职务', '担任职务', '法定代表人', '股东', '出资人', 'role'] },
  { id: 'employer', zh: '工作单位', en: 'Employer', variants: ['所在单位', '供职单位', '财政供养单位', 'employer'] },
  { id: 'address', zh: '房屋坐落', en: 'Property address', variants: ['房屋地址', '坐落', '购房地址', '地址', 'address'] },
  { id: 'area', zh: '建筑面积', en: 'Floor area', variants: ['面积', '建筑面积(平方米)', 'area'] },
  { id: 'price', zh: '成交金额', en: 'Price', variants: ['合同金额', '购房金额', '金额', 'price', 'amount'] },
  { id: 'death_date', zh: '死亡日期', en: 'Date of death', variants: ['死亡时间', '注销日期', 'date of death'] },
  {
    id: 'record_date',
    zh: '登记日期',
    en: 'Record date',
    variants: ['初次登记日期', '注册日期', '成立日期', '入职日期', '签约日期', '网签日期', '日期', 'date'],
  },
  { id: 'detail', zh: '备注', en: 'Note', variants: ['说明', '情况说明', '详情', 'note', 'remarks'] },
] as const satisfies readonly ColumnDef[];

export type DepartmentColumnId = (typeof DEPARTMENT_COLUMNS)[number]['id'];

export const DEPARTMENT_LIST = defineColumnSet<DepartmentColumnId>({
  name: 'department_list',
  columns: DEPARTMENT_COLUMNS,
  required: ['id_number'],
  text: ['id_number'],
  widths: { id_number: 21, company: 24, address: 30, detail: 30 },
  sheetName: { 'zh-CN': '部门数据', en: 'Department list' },
});

export const DEPARTMENTS = ['vehicle', 'company', 'public_employee', 'housing', 'death', 'other'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_LABELS: Record<Department, { zh: string; en: string }> = {
  vehicle: { zh: '车辆登记（公安交管）', en: 'Vehicles' },
  company: { zh: '工商注册（企业及任职人员）', en: 'Registered companies and officers' },
  public_employee: { zh: '财政供养人员', en: 'Public employees' },
  housing: { zh: '商品房购买（住建）', en: 'Commercial housing purchases' },
  death: { zh: '死亡人员（公安户籍、民政殡葬）', en: 'Deaths' },
  other: { zh: '其他', en: 'Other' },
};
