import { importProvince } from '../modules/regions/service.ts';
import { withDatabase } from './context.ts';

export async function regionsImportCommand(opts: { province: string }) {
  if (!/^\d{2}$/.test(opts.province)) throw new Error(`--province takes a two-digit code, got "${opts.province}"`);
  await withDatabase(async ({ db }) => {
    const started = Date.now();
    const counts = await db
      .transaction()
      .execute((tx) => importProvince(tx, opts.province, (n) => process.stderr.write(`\r${n} regions …`)));
    process.stderr.write('\n');
    console.log(
      `province ${opts.province}: ${counts.city} cities, ${counts.county} counties, ${counts.township} townships, ${counts.village} villages (${Date.now() - started} ms)`,
    );
  });
}
