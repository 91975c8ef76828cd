import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { Translate } from '../../i18n';
import { isStrongPassword } from '../../lib/password';

/** The server's username rule: 2–32 lower-case letters, digits, underscore, dot or hyphen. */
export const USERNAME = /^[a-z0-9_.-]{2,32}$/;

export function passwordRule(t: Translate) {
  return {
    validator: (_: unknown, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('pwd.weak')))),
  };
}

/** Put VALIDATION_FAILED details next to the form's fields; answer whether any landed. */
export function applyFieldErrors(form: FormInstance, e: unknown, fields: string[]): boolean {
  if (!(e instanceof ApiError)) return false;
  const fe = e.fieldErrors();
  const hits = Object.entries(fe)
    .map(([k, m]) => [k.replace(/^(body[./])/, '').split('.')[0] ?? k, m] as const)
    .filter(([k]) => fields.includes(k));
  if (hits.length) form.setFields(hits.map(([k, m]) => ({ name: k, errors: [m] })));
  if (!hits.length && e.code === 'WEAK_PASSWORD' && fields.includes('password')) {
    form.setFields([{ name: 'password', errors: [e.message] }]);
    return true;
  }
  return hits.length > 0;
}
