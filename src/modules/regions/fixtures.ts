import type { EntityFixtures } from '../../server/fixtures.ts';

export const fixtures: EntityFixtures = {
  async region(db, countyCode) {
    const v = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', `${countyCode}%`)
      .where('level', '=', 5)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    return { id: v.code, marker: v.code };
  },
};
