import { z } from 'zod';
import type { Db } from '../../db/types.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import { findRegion } from '../regions/queries.ts';
import * as q from './queries.ts';
import { HouseholdDetail } from './schema.ts';
import { householdDetail } from './service.ts';

/**
 * The one-household file (一户一档): what a household's detail shows, for paper. Printed pages leave the system's
 * control, so the file is always built as for a user without `pii.unmask` (masked ID numbers and phones, birth year
 * only: decision 0005), whoever prints it, and without the audit trail.
 */
export type HouseholdFile = z.infer<typeof HouseholdDetail>;

/** A village's households printed at once: a village rarely has more than a few hundred. */
export const VILLAGE_FILES_MAX = 1000;

export const VillageFiles = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  items: z.array(HouseholdDetail),
});

export function householdFile(db: Db, id: number, lang: Lang): Promise<HouseholdFile> {
  return householdDetail(db, id, lang, { unmask: false }, { audit: false });
}

/** Every household of a village, one file each, in household-number order. Not a village (or none such): 400 / 404. */
export async function villageFiles(db: Db, villageCode: string, lang: Lang): Promise<z.infer<typeof VillageFiles>> {
  if (!/^\d{12}$/.test(villageCode)) {
    throw new AppError('FILE_NOT_A_VILLAGE', 400, {}, [{ path: 'region', code: 'FILE_NOT_A_VILLAGE' }]);
  }
  const village = await findRegion(db, villageCode);
  if (!village) throw notFound();
  const ids = await q.householdIdsOfVillage(db, villageCode);
  if (ids.length > VILLAGE_FILES_MAX) throw new AppError('FILE_TOO_MANY', 400, { n: ids.length, max: VILLAGE_FILES_MAX });
  const [township, county] = await Promise.all([findRegion(db, villageCode.slice(0, 9)), findRegion(db, villageCode.slice(0, 6))]);
  const items: HouseholdFile[] = [];
  // One after another: on PGlite (one connection) parallel reads would only queue, and on PostgreSQL a village's
  // hundred households should not take a hundred connections from the pool.
  for (const id of ids) items.push(await householdFile(db, id, lang));
  return { villageCode, villageName: village.name, townshipName: township?.name ?? '', countyName: county?.name ?? '', items };
}
