import { type FupinModule, requestActor, typed } from '../../server/module.ts';
import { userAuditFields } from './audit-fields.ts';
import { locateUser } from './queries.ts';
import { IdParam, ListQuery, NewUserInput, ResetPasswordInput, RoleList, UserList, UserView } from './schema.ts';
import * as users from './service.ts';

export const usersModule: FupinModule = {
  name: 'users',
  auditFields: { user: userAuditFields },
  entities(registry) {
    registry.register('user', locateUser);
  },
  async routes(app) {
    const r = typed(app);
    const db = app.deps.database.db;
    const tags = ['users'];
    const manage = 'users.manage' as const;
    const record = { kind: 'record', entity: 'user', param: 'id', permission: manage } as const;

    r.get(
      '/roles',
      {
        config: { access: { kind: 'collection', entity: 'role', permission: manage } },
        schema: {
          tags,
          summary: 'The roles, and the ones the caller may give',
          description: '`assignable`: the role ids the caller may give to a user of their scope or below.',
          response: { 200: RoleList },
        },
      },
      async (req) => users.roles(requestActor(req).role, req.lang),
    );

    r.get(
      '/users',
      {
        config: { access: { kind: 'collection', entity: 'user', permission: manage, region: { in: 'query', field: 'region' } } },
        schema: {
          tags,
          summary: 'Users of a region and below',
          description: '`q` matches the user name or the display name; pages by `nextCursor`.',
          querystring: ListQuery,
          response: { 200: UserList },
        },
      },
      async (req) => users.list(db, req.region, { q: req.query.q, cursor: req.query.cursor, limit: req.query.limit }, req.lang),
    );

    r.post(
      '/users',
      {
        config: { access: { kind: 'collection', entity: 'user', permission: manage, region: { in: 'body', field: 'scopeCode' } } },
        schema: {
          tags,
          summary: 'Create a user',
          description:
            'The role must be one the caller may give, at the level of `scopeCode`; the password must satisfy the policy (errors with path `password`, as for change-password). The user must change it at the first login.',
          body: NewUserInput,
          response: { 200: UserView },
        },
      },
      async (req) => {
        const actor = requestActor(req);
        const row = await db
          .transaction()
          .execute((tx) =>
            users.createUser(tx, actor, { role: actor.role, scopeCode: req.user?.scope_code ?? '\u0000' }, req.body, { lang: req.lang }),
          );
        return users.userView(row, req.lang);
      },
    );

    r.get(
      '/users/:id',
      { config: { access: record }, schema: { tags, summary: 'One user', params: IdParam, response: { 200: UserView } } },
      async (req) => users.get(db, req.params.id, req.lang),
    );

    r.post(
      '/users/:id/disable',
      {
        config: { access: record },
        schema: { tags, summary: 'Disable a user (ends their sessions)', params: IdParam, response: { 200: UserView } },
      },
      async (req) => users.setDisabled(db, requestActor(req), req.params.id, true, req.lang),
    );

    r.post(
      '/users/:id/enable',
      { config: { access: record }, schema: { tags, summary: 'Enable a user again', params: IdParam, response: { 200: UserView } } },
      async (req) => users.setDisabled(db, requestActor(req), req.params.id, false, req.lang),
    );

    r.post(
      '/users/:id/reset-password',
      {
        config: { access: record },
        schema: {
          tags,
          summary: 'Set a new password for a user',
          description: 'The user must change it at the next login; a lock from failed logins is lifted.',
          params: IdParam,
          body: ResetPasswordInput,
          response: { 200: UserView },
        },
      },
      async (req) => users.resetPassword(db, requestActor(req), req.params.id, req.body.password, req.lang),
    );
  },
};
