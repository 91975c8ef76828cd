import type { World } from '../../../db/sql-record/define.ts';
import { idNumber } from '../../../db/sql-record/world.ts';
import type { Db } from '../../../db/types.ts';
import { SYSTEM_ACTOR } from '../../audit/service.ts';
import { stagePostings } from './service.ts';

/**
 * A previewed postings batch for the SQL recordings: a new cadre from a new unit, and a masked row naming no posting.
 * (Preparation only: the recordings call the queries themselves.)
 */
export function recordedBatch(db: Db, w: World) {
  const row = {
    name: '李驻村',
    unit: '录制用农业农村局',
    unit_level: '县级',
    post: '科员',
    party_member: '是',
    village_code: w.village,
    role: '工作队员',
    start_date: '2025-03-01',
  };
  return stagePostings(db, w.keys, { scopeCode: w.county, actor: SYSTEM_ACTOR, filename: 'postings.xlsx' }, [
    { rowNumber: 3, cells: { ...row, id_number: idNumber(w.county, 21), phone: '13900001111' } },
    { rowNumber: 4, cells: { ...row, name: '王隐藏', id_number: `${w.county.slice(0, 4)}${'*'.repeat(14)}` } },
  ]);
}
