import { z } from 'zod';
import { VERSION } from '../../config.ts';
import { migrationState } from '../../db/migrate.ts';
import { type FupinModule, typed } from '../../server/module.ts';

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgresql']),
  migrations: z.object({ applied: z.number(), pending: z.number(), latest: z.string().nullable() }),
  demo: z.boolean(),
});

export const systemModule: FupinModule = {
  name: 'system',
  async routes(app) {
    typed(app).get(
      '/health',
      { config: { access: { kind: 'public' } }, schema: { tags: ['system'], response: { 200: Health } } },
      async () => {
        const { db, kind } = app.deps.database;
        const demo = await db.selectFrom('app_user').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
        return { status: 'ok' as const, version: VERSION, database: kind, migrations: await migrationState(db), demo: Boolean(demo) };
      },
    );
  },
};
