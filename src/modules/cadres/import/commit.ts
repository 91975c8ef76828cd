import type { Db, Tx } from '../../../db/types.ts';
import { thisDay } from '../../../server/clock.ts';
import { timed } from '../../../server/timing.ts';
import * as audit from '../../audit/service.ts';
import type { PiiKeys } from '../../pii/crypto.ts';
import { openCases, type ProcedureActor, takeSteps } from '../../procedures/service.ts';
import { dropStaged, lockPreviewed, markBatch } from '../../registry/import/service.ts';
import { settingReader } from '../../settings.ts';
import { POSTING } from '../procedures.ts';
import * as cq from './commit.queries.ts';
import { analyzeStaged } from './queries.ts';
import { checkPostings, type PostingCounts } from './service.ts';

/**
 * Commit: writes the new postings of a previewed batch, all at once or not at all, in one transaction. The checks run
 * again first (the cadres of the batch locked): what the database holds now decides, and the figures returned are
 * those of the commit. Then the missing units, the new persons, phones and cadre profiles, the postings, and their
 * cases through the procedure mechanism: every new posting is opened (拟派, dated its start), and one whose start is
 * not in the future is confirmed in post from its start (确认到岗) — the file records postings that exist; a future
 * start stays proposed until the county confirms it. Rows on file or with problems write nothing.
 */
export async function commitPostings(db: Db, keys: PiiKeys, actor: ProcedureActor, batchId: number): Promise<PostingCounts> {
  return db.transaction().execute(async (tx) => {
    await lockPreviewed(tx, batchId);
    await cq.lockCadres(tx, batchId);
    const today = thisDay();
    const counts = await timed('postings.commit.checks', () => checkPostings(tx, keys, batchId, today));
    // The rows' outcomes are new since the preview's statistics: without fresh ones the planner takes 'new' for rare.
    await analyzeStaged(tx);
    if (counts.postings.new > 0) await writeNew(tx, actor, batchId, today);
    await markBatch(tx, batchId, { status: 'committed', summary: counts });
    await dropStaged(tx, batchId);
    return counts;
  });
}

async function writeNew(tx: Tx, actor: ProcedureActor, batchId: number, today: string) {
  const units = await timed('postings.commit.units', () => cq.insertUnits(tx, batchId));
  await audit.recordMany(
    tx,
    actor,
    units.map((u) => ({
      scopeCode: u.region_code,
      entity: 'dispatch_unit',
      entityId: u.id,
      action: 'import_create',
      after: { name: u.name, level: u.level, regionCode: u.region_code, batchId },
    })),
  );
  await timed('postings.commit.persons', () => cq.insertPersons(tx, batchId));
  await timed('postings.commit.phones', () => cq.updatePhones(tx, batchId));
  await timed('postings.commit.cadres', () => cq.upsertCadres(tx, batchId));

  const minTenure = await settingReader(tx, 'cadres.min_tenure_days', 730);
  const tenure = new Map((await cq.newRowVillages(tx, batchId)).map((v) => [v, Number(minTenure(v))]));
  const postings = await timed('postings.commit.postings', () => cq.insertPostings(tx, batchId, tenure));
  const cases = await timed('postings.commit.open', () =>
    openCases(
      tx,
      POSTING,
      actor,
      postings.map((p) => ({ county: p.county_code, subjectId: Number(p.id), region: p.village_code, effectiveDate: p.start_date })),
    ),
  );
  const caseOf = new Map(cases.map((c) => [`${c.county_code}-${c.subject_id}`, Number(c.id)]));
  const started = postings.filter((p) => p.start_date <= today);
  await timed('postings.commit.confirm', () =>
    takeSteps(
      tx,
      POSTING,
      'confirm',
      actor,
      started.map((p) => ({ county: p.county_code, id: caseOf.get(`${p.county_code}-${p.id}`) ?? 0, effectiveDate: p.start_date })),
    ),
  );
  await cq.confirmPostings(
    tx,
    started.map((p) => ({ county_code: p.county_code, id: Number(p.id) })),
  );
  await timed('postings.commit.audit', () =>
    audit.recordMany(
      tx,
      actor,
      postings.map((p) => ({
        scopeCode: p.village_code,
        entity: 'cadre_posting',
        entityId: p.id,
        action: 'import_create',
        after: {
          name: p.name,
          idNumber: p.id_masked,
          phone: p.phone_masked,
          villageCode: p.village_code,
          role: p.role,
          unit: p.unit_name,
          startDate: p.start_date,
          plannedEndDate: p.planned_end_date,
          batchId,
          row: p.row_number,
        },
      })),
    ),
  );
}
