import { loadConfig } from '../config.ts';
import { photoFiles } from '../modules/cadres/fieldlog.queries.ts';
import { checkPhotos, printPhotoReport } from './backup-photos.ts';
import { withDatabase } from './context.ts';

/**
 * `fupin photos verify`: reads every work-log photo the database names under DATA_DIR/field-photos and checks its
 * bytes against its hash. Exit status 0 when all are whole, 3 when one is missing or damaged (for a cron job).
 */
export async function photosVerifyCommand(opts: { json?: boolean }) {
  const config = loadConfig();
  const refs = await withDatabase(({ db }) => photoFiles(db));
  const report = await checkPhotos(config.dataDir, refs);
  const whole = report.missing.length === 0 && report.damaged.length === 0;
  if (opts.json) console.log(JSON.stringify({ ...report, whole }));
  else printPhotoReport(report, `DATA_DIR ${config.dataDir}`);
  if (!whole) process.exitCode = 3;
}
