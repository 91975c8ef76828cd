import { AppError } from '../../server/errors.ts';

/** The keyset cursor of the cadres' lists: the last row's county and id (`211381-42`). */
export function parseCursor(cursor: string) {
  const m = /^(\d{6})-(\d{1,15})$/.exec(cursor);
  if (!m) throw new AppError('VALIDATION_FAILED', 400, { summary: 'cursor' }, [{ path: 'cursor', code: 'invalid' }]);
  return { county: m[1] as string, id: Number(m[2]) };
}
