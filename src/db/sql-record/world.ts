import { SYSTEM_ACTOR } from '../../modules/audit/service.ts';
import { parseKey } from '../../modules/pii/crypto.ts';
import { importProvince } from '../../modules/regions/service.ts';
import { checkDigit } from '../../modules/registry/idcard.ts';
import { commit, stage } from '../../modules/registry/import/service.ts';
import { ensureDemoUsers } from '../../modules/users/service.ts';
import { openMemoryDatabase } from '../connection.ts';
import { migrateToLatest } from '../migrate.ts';
import type { Db } from '../types.ts';
import type { World } from './define.ts';

// A fixed key: the recorded database holds only these made-up people.
const KEYS = parseKey(Buffer.alloc(64, 7).toString('base64'));

/** A valid made-up ID number, the n-th of a county. */
export const idNumber = (county: string, n: number) => {
  const body = `${county}19${String(60 + n).padStart(2, '0')}0101${String(100 + n).padStart(3, '0')}`;
  return body + checkDigit(body);
};

/** Two households in a Beipiao village (one with a helper and an income, one past its exit deadline), one in Yixian. */
async function loadHouseholds(db: Db, w: Pick<World, 'county' | 'village' | 'otherVillage'>) {
  const head = { relation: '户主', category: '一般贫困户', poverty_cause: '因病', year_identified: 2015, household_status: '未脱贫' };
  const rows = [
    {
      village_code: w.village,
      household_no: 'SQL0001',
      name: '张三',
      id_number: idNumber(w.county, 1),
      ...head,
      helper: '李帮扶',
      income_per_capita: 3200,
    },
    { village_code: w.village, household_no: 'SQL0001', name: '王芳', id_number: idNumber(w.county, 2), relation: '配偶' },
    { village_code: w.village, household_no: 'SQL0002', name: '赵四', id_number: idNumber(w.county, 3), ...head, planned_exit_year: 2016 },
  ];
  const first = await stage(
    db,
    KEYS,
    { scopeCode: w.county, actor: SYSTEM_ACTOR, filename: 'sql-record.xlsx' },
    rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  );
  await commit(db, first.batchId, SYSTEM_ACTOR);
  const otherCounty = w.otherVillage.slice(0, 6);
  const second = await stage(db, KEYS, { scopeCode: otherCounty, actor: SYSTEM_ACTOR, filename: 'sql-record-2.xlsx' }, [
    {
      rowNumber: 2,
      cells: { village_code: w.otherVillage, household_no: 'SQL0003', name: '钱五', id_number: idNumber(otherCounty, 4), ...head },
    },
  ]);
  await commit(db, second.batchId, SYSTEM_ACTOR);
  return first.batchId;
}

/**
 * The database every recording starts from: migrated, Liaoning's regions, the demo users, three households.
 * Returned as a PGlite dump, so that each source file's calls start from the same state whatever ran before.
 */
export async function buildWorld(): Promise<{ dump: Blob; world: World }> {
  const mem = await openMemoryDatabase();
  try {
    const db = mem.db;
    await migrateToLatest(db);
    await db.transaction().execute((tx) => importProvince(tx, '21'));
    await ensureDemoUsers(db);
    const place = { province: '21', city: '2113', county: '211381', township: '211381109', village: '211381109201', otherVillage: '' };
    const other = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'like', '210727%')
      .where('level', '=', 5)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    place.otherVillage = other.code;
    const batchId = await loadHouseholds(db, place);
    const h = await db
      .selectFrom('household')
      .select(['id', 'household_no', 'head_person_id'])
      .where('household_no', '=', 'SQL0001')
      .executeTakeFirstOrThrow();
    const user = await db.selectFrom('app_user').select('id').where('username', '=', 'beipiao').executeTakeFirstOrThrow();
    const world: World = {
      ...place,
      keys: KEYS,
      householdId: h.id,
      householdNo: h.household_no,
      personId: h.head_person_id ?? 0,
      userId: user.id,
      batchId,
      registerYear: 2017,
    };
    return { dump: await mem.lite.dumpDataDir('gzip'), world };
  } finally {
    await mem.close();
  }
}
