import type { AuditFieldTable } from '../audit/fields.ts';
import { LEAVE_KIND_LABELS } from './leave.ts';
import { LEAVE, POSTING } from './procedures.ts';
import { RATING_LABELS } from './rating.ts';
import { ROLE_LABELS } from './service.ts';

const label =
  <K extends string>(table: Record<K, { zh: string; en: string }>) =>
  (code: string, lang: 'zh-CN' | 'en') => {
    const l = table[code as K];
    return l ? (lang === 'en' ? l.en : l.zh) : null;
  };

const stateLabels = {
  ...Object.fromEntries(Object.entries(POSTING.states).map(([k, s]) => [k, s.label])),
  ...Object.fromEntries(Object.entries(LEAVE.states).map(([k, s]) => [k, s.label])),
};

// How the cadres module's audit rows read (service.ts and leave.ts write the snapshots; procedure steps are audited
// as procedure_case by procedures/service.ts).
export const cadreAuditFields: Record<string, AuditFieldTable> = {
  cadre_posting: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      phone: { zh: '联系电话', en: 'Phone' },
      villageCode: { zh: '驻村', en: 'Village', region: true },
      role: { zh: '驻村身份', en: 'Role', value: label(ROLE_LABELS) },
      unit: { zh: '派出单位', en: 'Dispatching unit' },
      startDate: { zh: '任职开始日期', en: 'Start' },
      plannedEndDate: { zh: '任职结束日期', en: 'Planned end' },
      batchId: { zh: '导入批次', en: 'Import batch' },
      row: { zh: '文件行号', en: 'Row in file' },
    },
  },
  cadre_leave: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      postingId: { zh: '任职编号', en: 'Posting' },
      kind: { zh: '请假类型', en: 'Kind', value: label(LEAVE_KIND_LABELS) },
      startDate: { zh: '开始日期', en: 'From' },
      endDate: { zh: '结束日期', en: 'To' },
      reason: { zh: '事由', en: 'Reason' },
    },
  },
  cadre_work_log: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      postingId: { zh: '任职编号', en: 'Posting' },
      logDate: { zh: '日期', en: 'Date' },
      text: { zh: '工作日志', en: 'Work log' },
      photos: { zh: '照片', en: 'Photos' },
    },
  },
  cadre_visit: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      postingId: { zh: '任职编号', en: 'Posting' },
      householdNo: { zh: '户编号', en: 'Household number' },
      visitDate: { zh: '走访日期', en: 'Visit date' },
      note: { zh: '走访记录', en: 'Note' },
    },
  },
  cadre_device: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      postingId: { zh: '任职编号', en: 'Posting' },
      reason: { zh: '停用原因', en: 'Reason' },
      revokedAt: { zh: '停用时间', en: 'Revoked at' },
      sessionsEnded: { zh: '已结束该账号的登录', en: "Login's sessions ended" },
    },
  },
  cadre_spot_check: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      date: { zh: '抽查日期', en: 'Date' },
      found: { zh: '在村', en: 'Found in the village' },
      absence: { zh: '记为无故缺勤', en: 'Unexcused absence' },
      note: { zh: '备注', en: 'Note' },
    },
  },
  cadre_review: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      year: { zh: '年度', en: 'Year' },
      period: {
        zh: '期间',
        en: 'Period',
        value: label({
          year: { zh: '年度', en: 'Year' },
          q1: { zh: '一季度', en: 'Q1' },
          q2: { zh: '二季度', en: 'Q2' },
          q3: { zh: '三季度', en: 'Q3' },
          q4: { zh: '四季度', en: 'Q4' },
        }),
      },
      rating: { zh: '评议等次', en: 'Rating', value: label(RATING_LABELS) },
      comment: { zh: '评语', en: 'Comment' },
    },
  },
  dispatch_unit: {
    name: 'name',
    fields: {
      name: { zh: '单位名称', en: 'Name' },
      level: { zh: '层级', en: 'Level' },
      regionCode: { zh: '所在区域', en: 'Region', region: true },
      batchId: { zh: '导入批次', en: 'Import batch' },
    },
  },
  procedure_case: {
    fields: {
      procedure: {
        zh: '事项',
        en: 'Procedure',
        value: (id, lang) => {
          const d = [POSTING, LEAVE].find((p) => p.id === id);
          return d ? (lang === 'en' ? d.name.en : d.name.zh) : null;
        },
      },
      state: { zh: '状态', en: 'State', value: label(stateLabels) },
      reason: { zh: '原因', en: 'Reason' },
      note: { zh: '备注', en: 'Note' },
      effectiveDate: { zh: '生效日期', en: 'Effective' },
    },
  },
};
