import { readFileSync } from 'node:fs';
import type { Tx } from '../../db/types.ts';
import { invalid } from '../../server/errors.ts';
import { getSetting } from '../settings.ts';

/** The demo accounts' password: valid for accounts labelled demo only. */
export const DEMO_PASSWORD = 'Fupin@2017';
export const MAX_PASSWORD_LENGTH = 128;

const LIST_FILE = new URL('../../../data/passwords/common-passwords.txt', import.meta.url);
let common: Set<string> | undefined;

/** The shipped list of common passwords (data/passwords/PROVENANCE.md), lower-case. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

export const passwordClasses = (p: string) => [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;

export async function passwordRules(tx: Tx) {
  return {
    minLength: await getSetting(tx, 'auth.password_min_length', 10),
    minClasses: await getSetting(tx, 'auth.password_min_classes', 3),
    maxAgeDays: await getSetting(tx, 'auth.password_max_age_days', 0),
  };
}

/**
 * Refuses a new password that breaks a rule of the policy (settings `auth.password_*`), naming the rule:
 * 400 with `field` in the details. `username` and `isDemo` are the account's that will carry the password.
 */
export async function checkNewPassword(tx: Tx, password: string, account: { username: string; isDemo: boolean }, field: string) {
  const r = await passwordRules(tx);
  const length = [...password].length;
  if (length < r.minLength) throw invalid('PASSWORD_TOO_SHORT', field, { min: r.minLength });
  if (length > MAX_PASSWORD_LENGTH) throw invalid('PASSWORD_TOO_LONG', field, { max: MAX_PASSWORD_LENGTH });
  if (passwordClasses(password) < r.minClasses) throw invalid('PASSWORD_TOO_FEW_CLASSES', field, { classes: r.minClasses });
  const lower = password.toLowerCase();
  const name = account.username.trim().toLowerCase();
  // A two-letter name would forbid too much as a substring; it can only not be the whole password.
  if (name && (lower === name || (name.length >= 3 && lower.includes(name)))) throw invalid('PASSWORD_HAS_USERNAME', field);
  if (password === DEMO_PASSWORD) {
    if (!account.isDemo) throw invalid('PASSWORD_DEMO_ONLY', field);
    return;
  }
  if (commonPasswords().has(lower)) throw invalid('PASSWORD_COMMON', field);
}

/** When the password must be changed because it is older than `auth.password_max_age_days` (0 = never). */
export function passwordExpired(
  user: { is_demo: boolean; password_changed_at: Date | null; created_at: Date },
  maxAgeDays: number,
  now = new Date(),
): boolean {
  if (user.is_demo || !(maxAgeDays > 0)) return false;
  const since = user.password_changed_at ?? user.created_at;
  return now.getTime() - since.getTime() > maxAgeDays * 86_400_000;
}
