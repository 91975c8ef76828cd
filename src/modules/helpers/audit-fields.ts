import type { AuditFieldTable } from '../audit/fields.ts';

// How a helper's audit rows read (service.ts writes them; the import's new helpers carry the batch).
export const helperAuditFields: Record<string, AuditFieldTable> = {
  helper: {
    name: 'name',
    fields: {
      name: { zh: '姓名', en: 'Name' },
      idNumber: { zh: '证件号码', en: 'ID number' },
      workUnit: { zh: '工作单位', en: 'Work unit' },
      phone: { zh: '联系电话', en: 'Phone' },
      importBatch: { zh: '导入批次', en: 'Import batch' },
    },
  },
};
