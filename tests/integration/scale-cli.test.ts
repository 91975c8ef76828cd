import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { citusVersion, distribute } from '../../src/db/distribute.ts';
import { AppError } from '../../src/server/errors.ts';
import { t } from '../../src/server/i18n.ts';
import { engines, openSeeded } from '../support/db.ts';

/** `fupin scale distribute` on a server without Citus (PGlite, plain PostgreSQL): refused, nothing changed. */
describe.each(engines())('scale distribute without Citus (%s)', (engine) => {
  let d: Database;
  beforeAll(async () => {
    d = await openSeeded(engine);
  });
  afterAll(async () => {
    await d.close();
  });

  it('is refused with a message in both languages', async () => {
    expect(await citusVersion(d.db)).toBeNull();
    const err = await distribute(d.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SCALE_NO_CITUS');
    expect(t('zh-CN', 'SCALE_NO_CITUS')).toContain('Citus');
    expect(t('en', 'SCALE_NO_CITUS')).toContain('no Citus extension');
  });
});
