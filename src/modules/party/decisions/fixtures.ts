import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityFixtures } from '../../../server/fixtures.ts';

/** A decision (with its organisation and case) in the county's first village: the scope walk attacks it from the sibling county. */
export const fixtures: EntityFixtures = {
  party_decision: async (db, county) => {
    const marker = `议${randomBytes(3).toString('hex')}`;
    const village = (
      await sql<{ code: string }>`SELECT code FROM region WHERE level = 5 AND code LIKE ${`${county}%`} ORDER BY code LIMIT 1`.execute(db)
    ).rows[0]?.code as string;
    const org =
      (
        await sql<{
          id: number;
        }>`SELECT id FROM party_org WHERE county_code = ${county} AND region_code = ${village} AND dissolved_on IS NULL`.execute(db)
      ).rows[0]?.id ??
      (
        await sql<{
          id: number;
        }>`INSERT INTO party_org (county_code, region_code, name, kind) VALUES (${county}, ${village}, '测试党支部', 'branch') RETURNING id`.execute(
          db,
        )
      ).rows[0]?.id;
    const id = (
      await sql<{ id: number }>`
        INSERT INTO party_decision (county_code, village_code, org_id, title, content, category, source, proposed_on)
        VALUES (${county}, ${village}, ${org}, ${marker}, ${marker}, 'other', 'village_cadres', CURRENT_DATE) RETURNING id`.execute(db)
    ).rows[0]?.id;
    await sql`INSERT INTO procedure_case (county_code, procedure, subject_id, region_code, state) VALUES (${county}, 'party_decision', ${id}, ${village}, 'proposed')`.execute(
      db,
    );
    return { id: String(id), marker };
  },
};
