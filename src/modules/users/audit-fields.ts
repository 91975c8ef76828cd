import type { AuditFieldTable } from '../audit/fields.ts';
import { roleById } from '../auth/roles.ts';

// How a user account's audit rows read (users/service.ts writes the snapshot, auth/service.ts the language).
export const userAuditFields: AuditFieldTable = {
  name: 'username',
  fields: {
    username: { zh: '用户名', en: 'Username' },
    displayName: { zh: '姓名', en: 'Display name' },
    role: { zh: '角色', en: 'Role', value: (id, lang) => roleById(id)?.label[lang] ?? null },
    scopeCode: { zh: '管辖区域', en: 'Scope', region: true },
    disabled: { zh: '已停用', en: 'Disabled' },
    mustChangePassword: { zh: '须修改密码', en: 'Must change password' },
    language: { zh: '界面语言', en: 'Language', value: (v) => ({ 'zh-CN': '中文', en: 'English' })[v] ?? null },
  },
};
