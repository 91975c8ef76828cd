import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/audit/service.ts';
import { randomPassword } from '../modules/auth/password.ts';
import { ROLES } from '../modules/auth/roles.ts';
import { findUserByUsername } from '../modules/users/queries.ts';
import * as users from '../modules/users/service.ts';
import { withDatabase } from './context.ts';

async function findId(db: import('../db/types.ts').Db, username: string): Promise<{ id: number; role: string }> {
  const row = await findUserByUsername(db, username.toLowerCase());
  if (!row) throw new Error(`用户 ${username} 不存在 / no user named ${username}`);
  return row;
}

// The CLI acts as the system: it may act on any account, and its actions are audited as 'system'.
const SYSTEM = { ...SYSTEM_ACTOR, role: 'province_admin' };

export function userCommands(user: Command, envHelp: string) {
  user
    .command('add')
    .description('create a user (must change the password at first login)')
    .requiredOption('--username <name>', 'login name: 2–32 lower-case letters, digits, _ . -')
    .requiredOption('--name <display>', 'display name')
    .requiredOption('--role <role>', `one of: ${ROLES.map((r) => r.id).join(', ')}`)
    .requiredOption('--scope <code>', 'region code of the scope, e.g. 211381')
    .option('--password <password>', 'initial password (default: a random one, printed once)')
    .addHelpText('after', envHelp)
    .action(async (o: { username: string; name: string; role: string; scope: string; password?: string }) => {
      const password = o.password ?? randomPassword();
      await withDatabase(async ({ db }) => {
        const row = await db.transaction().execute((tx) =>
          users.createUser(tx, SYSTEM_ACTOR, null, {
            username: o.username,
            displayName: o.name,
            role: o.role,
            scopeCode: o.scope,
            password,
          }),
        );
        console.log(`created ${row.username} (${row.role}, ${row.scope_code} ${row.scope_name})`);
        if (!o.password) console.log(`initial password: ${password}`);
      });
    });

  user
    .command('reset-password <username>')
    .description('set a new password that must be changed at next login; unlocks the account')
    .option('--password <password>', 'the new password (default: a random one, printed once)')
    .addHelpText('after', envHelp)
    .action(async (username: string, o: { password?: string }) => {
      const password = o.password ?? randomPassword();
      await withDatabase(async ({ db }) => {
        const { id } = await findId(db, username);
        await users.resetPassword(db, SYSTEM, id, password, 'zh-CN');
        console.log(`password of ${username} reset${o.password ? '' : `: ${password}`}`);
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(disabled ? 'disable an account and end its sessions' : 'enable a disabled account')
      .addHelpText('after', envHelp)
      .action(async (username: string) => {
        await withDatabase(async ({ db }) => {
          const { id } = await findId(db, username);
          await users.setDisabled(db, SYSTEM, id, disabled, 'zh-CN');
          console.log(`${username} ${disabled ? 'disabled' : 'enabled'}`);
        });
      });
  }
}
