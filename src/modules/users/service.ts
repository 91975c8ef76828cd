import type { Db, Tx } from '../../db/types.ts';
import { AppError, invalid, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { isWithin } from '../../server/scope.ts';
import * as audit from '../audit/service.ts';
import { hashPassword, randomPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/policy.ts';
import { clearUserThrottle, deleteUserSessions, forgetSessions, type UserRow, updateUser } from '../auth/queries.ts';
import { canGrant, ROLES, roleById, roleFitsScope } from '../auth/roles.ts';
import { findRegion } from '../regions/queries.ts';
import * as q from './queries.ts';

type Row = UserRow & { scope_name: string | null };

const LEVEL_NAMES: Record<string, [string, string]> = {
  province: ['省', 'province'],
  city: ['市', 'city'],
  county: ['县', 'county'],
  township: ['乡镇', 'township'],
  village: ['村', 'village'],
};

export function userView(u: Row, lang: Lang) {
  const role = roleById(u.role);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    roleLabel: role ? role.label[lang] : u.role,
    scopeCode: u.scope_code,
    scopeName: u.scope_name ?? u.scope_code,
    disabled: u.disabled,
    isDemo: u.is_demo,
    mustChangePassword: u.must_change_password,
    lockedUntil: u.locked_until ? u.locked_until.toISOString() : null,
    lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
    createdAt: u.created_at.toISOString(),
  };
}

/** What an audit row keeps of a user. */
const snapshot = (u: UserRow) => ({
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  scopeCode: u.scope_code,
  disabled: u.disabled,
  mustChangePassword: u.must_change_password,
});

export function roles(granterRole: string, lang: Lang) {
  return {
    items: ROLES.map((r) => ({ id: r.id, label: r.label[lang], level: r.level, permissions: [...r.permissions] })),
    assignable: ROLES.filter((r) => canGrant(granterRole, r.id)).map((r) => r.id),
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  scopeCode: string;
  password: string;
}

/**
 * Creates a user inside the granter's scope with no more power than the granter's own.
 * `granter` is null for the system (CLI, first start), which may create anything.
 */
export async function createUser(
  tx: Tx,
  actor: audit.Actor,
  granter: { role: string; scopeCode: string } | null,
  input: NewUser,
  opts: { isDemo?: boolean; mustChangePassword?: boolean; lang?: Lang } = {},
) {
  const role = roleById(input.role);
  if (!role) throw invalid('ROLE_NOT_ASSIGNABLE', 'role', { role: input.role });
  if (granter && !canGrant(granter.role, role.id)) throw invalid('ROLE_NOT_ASSIGNABLE', 'role', { role: role.label[opts.lang ?? 'zh-CN'] });
  if (granter && !isWithin(input.scopeCode, granter.scopeCode)) throw notFound();
  const region = await findRegion(tx, input.scopeCode);
  if (!region) throw invalid('UNKNOWN_REGION', 'scopeCode', { code: input.scopeCode });
  if (!roleFitsScope(role, input.scopeCode)) {
    const lang = opts.lang ?? 'zh-CN';
    const level = LEVEL_NAMES[role.level]?.[lang === 'en' ? 1 : 0] ?? role.level;
    throw invalid('ROLE_SCOPE_MISMATCH', 'scopeCode', { role: role.label[lang], level });
  }
  const username = input.username.trim().toLowerCase();
  await checkNewPassword(tx, input.password, { username, isDemo: opts.isDemo ?? false }, 'password');
  if (await q.findUserByUsername(tx, username))
    throw new AppError('USERNAME_TAKEN', 409, { username }, [{ path: 'username', code: 'USERNAME_TAKEN' }]);
  const row = await q.insertUser(tx, {
    username,
    display_name: input.displayName.trim(),
    password_hash: await hashPassword(input.password),
    role: role.id,
    scope_code: input.scopeCode,
    is_demo: opts.isDemo ?? false,
    must_change_password: opts.mustChangePassword ?? true,
    created_by: actor.id,
  });
  await audit.record(tx, actor, { scopeCode: row.scope_code, entity: 'user', entityId: row.id, action: 'create', after: snapshot(row) });
  return { ...row, scope_name: region.name };
}

export async function list(tx: Tx, scopeCode: string, f: { q?: string; cursor?: number; limit: number }, lang: Lang) {
  const rows = await q.listUsers(tx, { scopeCode, ...f, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { items: page.map((r) => userView(r, lang)), nextCursor: rows.length > f.limit ? String(page.at(-1)?.id) : null };
}

export async function get(tx: Tx, id: number, lang: Lang) {
  const row = await q.findUserWithScopeName(tx, id);
  if (!row) throw notFound();
  return userView(row, lang);
}

/** The caller may act on a user only with at least that user's power (and never on itself). */
async function target(tx: Tx, actor: { id: number | null; role: string }, id: number) {
  if (actor.id !== null && actor.id === id) throw new AppError('CANNOT_CHANGE_SELF', 400);
  const row = await q.findUserWithScopeName(tx, id);
  if (!row) throw notFound();
  if (!canGrant(actor.role, row.role)) throw new AppError('FORBIDDEN', 403);
  return row;
}

export async function setDisabled(db: Db, actor: audit.Actor & { role: string }, id: number, disabled: boolean, lang: Lang) {
  const view = await db.transaction().execute(async (tx) => {
    const before = await target(tx, actor, id);
    const after = await updateUser(tx, id, { disabled });
    if (disabled) await deleteUserSessions(tx, id);
    await audit.record(tx, actor, {
      scopeCode: after.scope_code,
      entity: 'user',
      entityId: id,
      action: disabled ? 'disable' : 'enable',
      before: snapshot(before),
      after: snapshot(after),
    });
    return userView({ ...after, scope_name: before.scope_name }, lang);
  });
  // Cached sessions are forgotten again once the change is committed (see resolveSession).
  forgetSessions();
  return view;
}

export async function resetPassword(db: Db, actor: audit.Actor & { role: string }, id: number, password: string, lang: Lang) {
  const view = await db.transaction().execute(async (tx) => {
    const before = await target(tx, actor, id);
    await checkNewPassword(tx, password, { username: before.username, isDemo: before.is_demo }, 'password');
    const password_hash = await hashPassword(password);
    const after = await updateUser(tx, id, { password_hash, must_change_password: true, failed_logins: 0, locked_until: null });
    await deleteUserSessions(tx, id);
    // A reset also unlocks: every client's failed attempts on the account are forgotten.
    await clearUserThrottle(tx, id);
    await audit.record(tx, actor, {
      scopeCode: after.scope_code,
      entity: 'user',
      entityId: id,
      action: 'reset_password',
      before: snapshot(before),
      after: snapshot(after),
    });
    return userView({ ...after, scope_name: before.scope_name }, lang);
  });
  forgetSessions();
  return view;
}

export const DEMO_PASSWORD = 'Fupin@2017';
export const DEMO_USERS: readonly Omit<NewUser, 'password'>[] = [
  { username: 'sheng', displayName: '省级管理员（演示）', role: 'province_admin', scopeCode: '21' },
  { username: 'leader', displayName: '省领导（演示）', role: 'leader', scopeCode: '21' },
  { username: 'chaoyang', displayName: '朝阳市操作员（演示）', role: 'city_operator', scopeCode: '2113' },
  { username: 'beipiao', displayName: '北票市操作员（演示）', role: 'county_operator', scopeCode: '211381' },
  { username: 'yixian', displayName: '义县操作员（演示）', role: 'county_operator', scopeCode: '210727' },
  { username: 'dongguanying', displayName: '东官营镇操作员（演示）', role: 'township_operator', scopeCode: '211381109' },
  { username: 'haifeng', displayName: '海丰村第一书记（演示）', role: 'village_user', scopeCode: '211381109201' },
];

/** Creates the demo users that are missing. Returns the names created. */
export async function ensureDemoUsers(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    await db.transaction().execute(async (tx) => {
      if (await q.findUserByUsername(tx, u.username)) return;
      await createUser(tx, audit.SYSTEM_ACTOR, null, { ...u, password: DEMO_PASSWORD }, { isDemo: true, mustChangePassword: false });
      created.push(u.username);
    });
  }
  return created;
}

/** A production install starts with one province administrator whose random password is shown once. */
export async function ensureInitialAdmin(db: Db, provinceCode: string): Promise<{ username: string; password: string } | null> {
  if (await q.anyUser(db, 'real')) return null;
  const password = randomPassword();
  await db.transaction().execute((tx) =>
    createUser(tx, audit.SYSTEM_ACTOR, null, {
      username: 'admin',
      displayName: '省级管理员',
      role: 'province_admin',
      scopeCode: provinceCode,
      password,
    }),
  );
  return { username: 'admin', password };
}
